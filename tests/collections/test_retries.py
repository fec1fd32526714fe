"""Retried and concurrent requests, on an app whose requests really commit: a follow-up retried
with its Idempotency-Key mails once; a statement uploaded twice at once is imported once."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import httpx
import pytest
from redis.asyncio import Redis
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from doorstep.agencies.models import Agency, StaffRole
from doorstep.app import create_app
from doorstep.collections.models import BankStatement, FollowUp
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.leases.models import Lease
from doorstep.notifications.models import OutboxMessage
from doorstep.payments.ledger.models import Payment
from tests.collections.builders import invoice, ready_for_follow_ups
from tests.conftest import settings_for_tests
from tests.factories import Factory


@dataclass
class Live:
    client: httpx.AsyncClient
    database: Database
    agency: Agency
    lease: Lease
    invoice_number: int


@pytest.fixture
async def live(
    engine: AsyncEngine, redis: Redis, committed_database: Database
) -> AsyncIterator[Live]:
    clock = FixedClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    app = create_app(settings_for_tests(), clock=clock, database=Database(engine), redis=redis)
    async with committed_database.transaction() as session:
        factory = Factory(session, app.state.access_tokens, clock)
        agency = await factory.agency()
        await ready_for_follow_ups(factory, agency)
        manager = await factory.staff(agency, StaffRole.MANAGER)
        lease = await factory.lease(agency, [await factory.tenant(agency)])
        overdue = await invoice(
            factory, agency, lease, manager, due=date(2026, 11, 1), amount=95_000
        )
        headers = await factory.headers(manager)
    assert overdue.number is not None
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers=headers
    ) as client:
        yield Live(client, committed_database, agency, lease, overdue.number)
    await app.state.claims_db.dispose()


async def _count(
    database: Database, model: type[FollowUp | BankStatement | Payment], agency: Agency
) -> int:
    async with database.transaction() as session:
        count = await session.scalar(select(func.count()).where(model.agency_id == agency.id))
    return int(count or 0)


async def test_a_retried_follow_up_is_sent_and_recorded_once(live: Live) -> None:
    key = {"Idempotency-Key": "follow-up-retry-0001"}
    body = {"lease_id": str(live.lease.id)}
    first = await live.client.post("/api/v1/collections/follow-ups", json=body, headers=key)
    assert first.status_code == 201, first.text
    retry = await live.client.post("/api/v1/collections/follow-ups", json=body, headers=key)
    assert retry.status_code == 201
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert retry.json()["id"] == first.json()["id"]
    assert await _count(live.database, FollowUp, live.agency) == 1
    async with live.database.transaction() as session:
        kinds = (
            await session.scalars(
                select(OutboxMessage.kind).where(OutboxMessage.agency_id == live.agency.id)
            )
        ).all()
    assert kinds.count("collections_follow_up") == 1


async def test_a_statement_uploaded_twice_at_once_is_imported_once(live: Live) -> None:
    content = f"date,amount,reference\n2026-11-22,950.00,Invoice {live.invoice_number}\n".encode()

    async def upload() -> int:
        response = await live.client.post(
            "/api/v1/reconciliation/statements",
            files={"file": ("statement.csv", content, "text/csv")},
        )
        return response.status_code

    statuses = Counter(await asyncio.gather(*(upload() for _ in range(5))))

    assert statuses == Counter({201: 1, 409: 4})
    assert await _count(live.database, BankStatement, live.agency) == 1
    # The invoice was paid once: one payment recorded from the statement.
    assert await _count(live.database, Payment, live.agency) == 1

    key = {"Idempotency-Key": "statement-retry-0001"}
    other = content + b"2026-11-23,1.00,interest\n"
    first = await live.client.post(
        "/api/v1/reconciliation/statements",
        files={"file": ("statement.csv", other, "text/csv")},
        headers=key,
    )
    retry = await live.client.post(
        "/api/v1/reconciliation/statements",
        files={"file": ("statement.csv", other, "text/csv")},
        headers=key,
    )
    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
