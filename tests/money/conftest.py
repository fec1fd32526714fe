"""An app whose requests commit for real, for concurrency and idempotency tests (requests at
once, each in its own transaction, see only what the others committed)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
import pytest
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.app import create_app
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.leases.models import Lease
from doorstep.tenants.models import Tenant
from tests.conftest import settings_for_tests
from tests.factories import Factory


@dataclass(frozen=True)
class LiveBook:
    staff_client: httpx.AsyncClient
    tenant_client: httpx.AsyncClient
    agency: Agency
    manager: StaffUser
    lease: Lease
    tenant: Tenant


@pytest.fixture
async def live_client(
    engine: AsyncEngine, redis: Redis, committed_database: Database
) -> AsyncIterator[LiveBook]:
    """Clients (a manager's, the tenant's) on an app whose requests commit, with committed
    data to work on."""
    clock = FixedClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    app = create_app(settings_for_tests(), clock=clock, database=Database(engine), redis=redis)
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
        yield LiveBook(staff_client, tenant_client, agency, manager, lease, tenant)
    await app.state.claims_db.dispose()
