"""Acceptance 2 of issue 13: one invite link redeemed 20 times at once gives one account."""

from __future__ import annotations

import asyncio
import uuid

import httpx
from redis.asyncio import Redis
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from doorstep.agencies.models import Agency, StaffRole
from doorstep.app import create_app
from doorstep.auth.models import AuthSession
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.onboarding.service import invite_token
from doorstep.tenants.models import Tenant
from tests.conftest import NOW, settings_for_tests
from tests.factories import Factory
from tests.onboarding.helpers import BASE_URL, SECRET, invite, simple_flow


async def test_twenty_concurrent_redemptions_make_one_account(
    engine: AsyncEngine, committed_database: Database, agency: Agency, redis: Redis
) -> None:
    email = f"race-{uuid.uuid4().hex[:6]}@example.com"
    async with committed_database.transaction() as session:
        factory = Factory(session, None, FixedClock(NOW))  # type: ignore[arg-type]
        staff = await factory.staff(agency, StaffRole.MANAGER)
        flow = await simple_flow(session, agency)
        sent = await invite(session, agency, staff, flow, email=email, now=NOW)
    assert sent.token == invite_token(SECRET, sent.invite.token_salt)
    app = create_app(
        settings_for_tests(public_base_url=BASE_URL),
        clock=FixedClock(NOW),
        database=Database(engine),
        redis=redis,
    )
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://test"
        ) as client:
            responses = await asyncio.gather(
                *(
                    client.post(
                        f"/api/v1/invites/{sent.token}/accept",
                        json={"password": f"password number {n:02d}"},
                    )
                    for n in range(20)
                )
            )
    finally:
        await app.state.claims_db.dispose()
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] + [410] * 19, [r.text for r in responses if r.status_code >= 500]
    async with committed_database.transaction() as session:
        tenants = await session.scalar(
            select(func.count()).select_from(Tenant).where(func.lower(Tenant.email) == email)
        )
        logins = await session.scalar(select(func.count()).select_from(AuthSession))
    assert tenants == 1
    assert logins == 1
