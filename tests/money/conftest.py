"""An app whose requests commit for real, for concurrency and idempotency tests (requests at
once, each in its own transaction, see only what the others committed)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
import pytest
from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.app import create_app
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.core.settings import Settings
from doorstep.leases.models import Lease
from doorstep.tenants.models import Tenant
from tests.conftest import settings_for_tests
from tests.factories import Factory


@dataclass(frozen=True)
class LiveBook:
    app: FastAPI
    staff_client: httpx.AsyncClient
    tenant_client: httpx.AsyncClient
    agency: Agency
    manager: StaffUser
    lease: Lease
    tenant: Tenant


def transfer_body(lease: Lease, tenant: Tenant, amount: int, **extra: object) -> dict[str, object]:
    """``POST /payments``'s body for a bank transfer the tenant made on the lease."""
    return {
        "lease_id": str(lease.id),
        "tenant_id": str(tenant.id),
        "amount": amount,
        "currency": "EUR",
        "method": "bank_transfer",
        "received_on": "2026-11-20",
        "reference": "BE68 5390 0754 7034 / NOV",
    } | extra


@asynccontextmanager
async def live_book(
    engine: AsyncEngine, redis: Redis, committed_database: Database, settings: Settings
) -> AsyncIterator[LiveBook]:
    """Clients (a manager's, the tenant's) on an app whose requests commit, with committed
    data to work on."""
    clock = FixedClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    app = create_app(settings, clock=clock, database=Database(engine), redis=redis)
    async with committed_database.transaction() as session:
        factory = Factory(session, app.state.access_tokens, clock)
        agency = await factory.agency()
        manager = await factory.staff(agency, StaffRole.MANAGER)
        tenant = await factory.tenant(agency)
        lease = await factory.lease(agency, [tenant])
        staff_headers = await factory.headers(manager)
        tenant_headers = await factory.headers(tenant)
    transport = httpx.ASGITransport(app=app)
    async with (
        httpx.AsyncClient(
            transport=transport, base_url="http://test", headers=staff_headers
        ) as staff_client,
        httpx.AsyncClient(
            transport=transport, base_url="http://test", headers=tenant_headers
        ) as tenant_client,
    ):
        yield LiveBook(app, staff_client, tenant_client, agency, manager, lease, tenant)
    await app.state.claims_db.dispose()


@pytest.fixture
async def live_client(
    engine: AsyncEngine, redis: Redis, committed_database: Database
) -> AsyncIterator[LiveBook]:
    async with live_book(engine, redis, committed_database, settings_for_tests()) as book:
        yield book


# How long a money write waits for a lock in ``impatient_client`` (milliseconds): short, so a
# test holding a lock from another connection sees the 503 at once.
IMPATIENT_LOCK_TIMEOUT_MS = 200


@pytest.fixture
async def impatient_client(
    engine: AsyncEngine, redis: Redis, committed_database: Database
) -> AsyncIterator[LiveBook]:
    """``live_client`` whose money writes wait at most ``IMPATIENT_LOCK_TIMEOUT_MS`` for a lock."""
    settings = settings_for_tests(money_write_lock_timeout_ms=IMPATIENT_LOCK_TIMEOUT_MS)
    async with live_book(engine, redis, committed_database, settings) as book:
        yield book
