"""Twenty concurrent redemptions of one reset link, each in its own committed transaction:
exactly one sets a password (issue 13, acceptance 2). The link comes through the real SMTP
sink, as a person gets it."""

from __future__ import annotations

import asyncio

import httpx
from redis.asyncio import Redis
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from doorstep.accounts.models import AccountToken
from doorstep.agencies.models import Agency
from doorstep.app import create_app
from doorstep.auth.models import AuthSession
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.core.security import verify_password
from doorstep.notifications.service import deliver_due
from doorstep.notifications.smtp import Mailer
from doorstep.tenants.models import Tenant
from tests.accounts.helpers import RESET_LINK
from tests.conftest import NOW, settings_for_tests
from tests.factories import PASSWORD, Factory
from tests.notifications.conftest import Sink


async def test_twenty_concurrent_redemptions_set_one_password(
    engine: AsyncEngine,
    committed_database: Database,
    agency: Agency,
    redis: Redis,
    smtp_sink: Sink,
    mailer: Mailer,
) -> None:
    async with committed_database.transaction() as session:
        factory = Factory(session, None, FixedClock(NOW))  # type: ignore[arg-type]
        tenant = await factory.tenant(agency)
        email = tenant.email
    app = create_app(
        settings_for_tests(), clock=FixedClock(NOW), database=Database(engine), redis=redis
    )
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://test"
        ) as client:
            asked = await client.post("/api/v1/auth/tenant/password-reset", json={"email": email})
            assert asked.status_code == 202
            assert (await deliver_due(committed_database, mailer, NOW)).sent == 1
            [delivered] = [m for m in smtp_sink.messages() if email in m.to]
            body = delivered.message.get_body(("plain",))
            assert body is not None
            found = RESET_LINK.search(body.get_content())
            assert found is not None
            token = found.group(2)
            signed_in = await client.post(
                "/api/v1/auth/tenant/login", json={"email": email, "password": PASSWORD}
            )
            assert signed_in.status_code == 200
            passwords = [f"twenty tries number {n:02d} here" for n in range(20)]
            responses = await asyncio.gather(
                *(
                    client.post(
                        f"/api/v1/auth/tenant/password-reset/{token}", json={"password": password}
                    )
                    for password in passwords
                )
            )
            statuses = sorted(r.status_code for r in responses)
            assert statuses == [204] + [410] * 19, [
                r.text for r in responses if r.status_code >= 500
            ]
            winner = passwords[[r.status_code for r in responses].index(204)]
            with_winner = await client.post(
                "/api/v1/auth/tenant/login", json={"email": email, "password": winner}
            )
            with_old = await client.post(
                "/api/v1/auth/tenant/login", json={"email": email, "password": PASSWORD}
            )
            client.cookies.clear()
    finally:
        await app.state.claims_db.dispose()
    assert with_winner.status_code == 200
    assert with_old.status_code == 401
    async with committed_database.transaction() as session:
        stored = await session.scalar(select(Tenant.password_hash).where(Tenant.email == email))
        # Only the winner's password opens the account.
        assert [p for p in passwords if verify_password(stored, p)] == [winner]
        used = await session.scalar(
            select(func.count()).select_from(AccountToken).where(AccountToken.used_at.is_not(None))
        )
        live_before = await session.scalar(
            select(func.count())
            .select_from(AuthSession)
            .where(AuthSession.revoked_reason == "password-reset")
        )
    assert used == 1
    assert live_before == 1  # the session from before the reset was ended
