"""An Idempotency-Key is held exactly as long as the request that holds it: a request that
dies (its process killed, its final commit failed) leaves the key free for the retry at once,
and the retry does the work exactly once."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from redis.asyncio import Redis
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from doorstep.agencies.models import StaffRole
from doorstep.app import create_app
from doorstep.billing.models import Allocation, Invoice
from doorstep.core.clock import FixedClock, SystemClock
from doorstep.core.db import Database
from doorstep.core.deps import SessionDep
from doorstep.core.idempotency import RESPONSES_KEPT_FOR, IdempotencyDep, IdempotencyRecord
from doorstep.core.security import AccessTokens
from doorstep.payments.ledger.models import Payment
from doorstep.scheduler import concerns
from doorstep.scheduler.registry import PerAgency
from tests.conftest import settings_for_tests
from tests.factories import Factory
from tests.faults import backend_waiting_for_a_lock
from tests.live import LIVE_SECRET_KEY, live_api


async def _until_gone(engine: AsyncEngine, pid: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        async with engine.connect() as connection:
            alive = await connection.scalar(
                text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}
            )
        if not alive:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"backend {pid} outlived its client")


async def test_a_request_killed_mid_flight_leaves_its_key_to_the_retry(
    engine: AsyncEngine, redis: Redis, committed_database: Database
) -> None:
    # The live API reads the system clock: its tokens and dates are made at that time.
    clock = FixedClock(SystemClock().now())
    async with committed_database.transaction() as session:
        factory = Factory(session, AccessTokens(LIVE_SECRET_KEY, timedelta(minutes=15)), clock)
        agency = await factory.agency()
        manager = await factory.staff(agency, StaffRole.MANAGER)
        tenant = await factory.tenant(agency)
        lease = await factory.lease(agency, [tenant])
        invoice = await factory.invoice(agency, lease, manager, amount=40_000)
        headers = await factory.headers(manager)
    headers |= {"Idempotency-Key": f"killed-{uuid.uuid4()}"}
    body = {
        "lease_id": str(lease.id),
        "tenant_id": str(tenant.id),
        "amount": 40_000,
        "currency": "EUR",
        "method": "bank_transfer",
        "received_on": (clock.now() - timedelta(days=3)).date().isoformat(),
        "reference": "NOV RENT",
        "allocations": [{"invoice_id": str(invoice.id), "amount": 40_000}],
    }

    with live_api() as api:
        async with engine.connect() as blocker:
            # The test holds the invoice the payment settles, so the request stops mid-work
            # (key taken, payment written, allocation waiting) until its process is killed.
            await blocker.begin()
            await blocker.execute(
                select(Invoice.id).where(Invoice.id == invoice.id).with_for_update()
            )
            async with httpx.AsyncClient(base_url=api.base_url, timeout=60) as client:
                in_flight = asyncio.create_task(
                    client.post("/api/v1/payments", json=body, headers=headers)
                )
                request_backend = await backend_waiting_for_a_lock(engine)
                api.kill()
                with pytest.raises(httpx.TransportError):
                    await in_flight
            await blocker.rollback()
    # PostgreSQL ends the dead client's backend (and with it the key's lock) once it finds
    # the connection closed.
    await _until_gone(engine, request_backend)

    app = create_app(
        settings_for_tests(secret_key=LIVE_SECRET_KEY),
        clock=clock,
        database=committed_database,
        redis=redis,
    )
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://test"
        ) as client:
            retried = await client.post("/api/v1/payments", json=body, headers=headers)
            replayed = await client.post("/api/v1/payments", json=body, headers=headers)
    finally:
        await app.state.claims_db.dispose()

    assert retried.status_code == 201, retried.text
    assert replayed.status_code == 201
    assert replayed.headers["idempotent-replayed"] == "true"
    assert replayed.json()["id"] == retried.json()["id"]
    async with committed_database.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Payment)) == 1
        allocated = await session.scalar(
            select(func.sum(Allocation.amount)).where(Allocation.invoice_id == invoice.id)
        )
    assert allocated == 40_000


class ProbeOut(BaseModel):
    attempt: int


@pytest.fixture
async def commit_probe(engine: AsyncEngine) -> AsyncIterator[None]:
    async with engine.begin() as connection:
        await connection.execute(text("DROP TABLE IF EXISTS idempotency_commit_probe"))
        await connection.execute(
            text(
                "CREATE TABLE idempotency_commit_probe (value int, CONSTRAINT "
                "idempotency_commit_probe_u UNIQUE (value) DEFERRABLE INITIALLY DEFERRED)"
            )
        )
    yield
    async with engine.begin() as connection:
        await connection.execute(text("DROP TABLE idempotency_commit_probe"))


async def test_a_request_whose_final_commit_fails_leaves_its_key_to_the_retry(
    engine: AsyncEngine, redis: Redis, committed_database: Database, commit_probe: None
) -> None:
    app = create_app(settings_for_tests(), database=committed_database, redis=redis)
    attempts = 0

    @app.post("/probe", response_model=ProbeOut)
    async def probe(session: SessionDep, idempotency: IdempotencyDep) -> ProbeOut | JSONResponse:
        async def work() -> ProbeOut:
            nonlocal attempts
            attempts += 1
            await session.execute(
                text("INSERT INTO idempotency_commit_probe VALUES (:value)"), {"value": attempts}
            )
            if attempts == 1:
                # The work succeeds; the deferred constraint fails the COMMIT after it.
                await session.execute(text("INSERT INTO idempotency_commit_probe VALUES (1)"))
            return ProbeOut(attempt=attempts)

        return await idempotency.run(
            session, scope="probe", operation="probe", payload={}, work=work
        )

    key = {"Idempotency-Key": f"commit-{uuid.uuid4()}"}
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://test"
        ) as client:
            failed = await client.post("/probe", headers=key)
            retried = await client.post("/probe", headers=key)
            replayed = await client.post("/probe", headers=key)
    finally:
        await app.state.claims_db.dispose()

    assert failed.status_code == 409
    assert (retried.status_code, retried.json()) == (200, {"attempt": 2})
    assert (replayed.status_code, replayed.json()) == (200, {"attempt": 2})
    assert replayed.headers["idempotent-replayed"] == "true"
    assert attempts == 2
    async with engine.connect() as connection:
        values = (
            await connection.scalars(text("SELECT value FROM idempotency_commit_probe"))
        ).all()
    assert values == [2]


async def test_the_tick_forgets_stored_responses_a_week_after_their_request(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession, clock: FixedClock
) -> None:
    forget = concerns.registry.concerns["core.forget_old_responses"]
    assert not isinstance(forget, PerAgency)  # one run for the whole database
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    body = {
        "lease_id": str(lease.id),
        "tenant_id": str(tenant.id),
        "amount": 10_000,
        "currency": "EUR",
        "method": "bank_transfer",
        "received_on": "2026-11-20",
        "reference": "BE68 5390 0754 7034 / NOV",
    }
    first_key = {"Idempotency-Key": f"old-{uuid.uuid4()}"}
    requested_at = clock.now()
    first = await client.post(
        "/api/v1/payments", json=body, headers=await factory.headers(manager) | first_key
    )
    assert first.status_code == 201, first.text
    clock.advance_to(requested_at + timedelta(days=1))
    later_key = {"Idempotency-Key": f"new-{uuid.uuid4()}"}
    later = await client.post(
        "/api/v1/payments", json=body, headers=await factory.headers(manager) | later_key
    )
    assert later.status_code == 201
    claimed = select(IdempotencyRecord.key, IdempotencyRecord.claimed_at).order_by(
        IdempotencyRecord.claimed_at
    )
    # Each record carries its request's instant, from the app's clock.
    assert (await session.execute(claimed)).all() == [
        (first_key["Idempotency-Key"], requested_at),
        (later_key["Idempotency-Key"], requested_at + timedelta(days=1)),
    ]

    a_week_after = requested_at + RESPONSES_KEPT_FOR
    clock.advance_to(a_week_after - timedelta(seconds=1))
    assert await forget(session, clock.now()) == 0
    replay = await client.post(
        "/api/v1/payments", json=body, headers=await factory.headers(manager) | first_key
    )
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.json() == first.json()

    clock.advance_to(a_week_after)
    assert await forget(session, clock.now()) == 1
    assert (await session.scalars(select(IdempotencyRecord.key))).all() == [
        later_key["Idempotency-Key"]
    ]
