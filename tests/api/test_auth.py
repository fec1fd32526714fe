from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx
from redis.asyncio import Redis
from sqlalchemy import func, select

from doorstep.agencies.models import StaffRole
from doorstep.app import create_app
from doorstep.auth.models import AuthSession, RefreshToken
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from tests.conftest import settings_for_tests
from tests.factories import PASSWORD, Factory

LOGIN = "/api/v1/auth/staff/login"


async def test_staff_login_issues_tokens_and_a_httponly_cookie(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    user = await factory.staff(agency, StaffRole.MANAGER)

    response = await client.post(LOGIN, json={"email": user.email, "password": PASSWORD})

    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 900
    cookie = response.headers["set-cookie"]
    assert "doorstep_staff_refresh=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie
    assert "Path=/api/v1/auth/staff" in cookie
    assert response.headers["cache-control"] == "no-store"
    me = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json()["user"]["role"] == "manager"
    assert me.json()["agency"]["id"] == str(agency.id)


async def test_login_email_is_case_insensitive(client: httpx.AsyncClient, factory: Factory) -> None:
    user = await factory.staff(await factory.agency())
    response = await client.post(LOGIN, json={"email": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 200


async def test_wrong_password_and_unknown_email_look_the_same(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    user = await factory.staff(await factory.agency())

    wrong = await client.post(LOGIN, json={"email": user.email, "password": "nope"})
    unknown = await client.post(LOGIN, json={"email": "nobody@example.com", "password": "nope"})

    assert wrong.status_code == unknown.status_code == 401
    assert wrong.headers["content-type"] == "application/problem+json"
    assert wrong.json() == unknown.json()


async def test_disabled_staff_cannot_sign_in(client: httpx.AsyncClient, factory: Factory) -> None:
    user = await factory.staff(await factory.agency())
    user.is_active = False
    response = await client.post(LOGIN, json={"email": user.email, "password": PASSWORD})
    assert response.status_code == 401


async def test_failed_logins_are_throttled_per_account_even_for_unknown_emails(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    user = await factory.staff(await factory.agency())
    for email in (user.email, "ghost@example.com"):
        statuses = [
            (await client.post(LOGIN, json={"email": email, "password": "wrong"})).status_code
            for _ in range(6)
        ]
        assert statuses == [401] * 5 + [429]
    # Once throttled, even the right password waits: the throttle cannot be probed.
    blocked = await client.post(LOGIN, json={"email": user.email, "password": PASSWORD})
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0


async def test_failed_logins_are_throttled_per_client(
    client: httpx.AsyncClient, factory: Factory, redis: Redis
) -> None:
    user = await factory.staff(await factory.agency())
    for attempt in range(30):
        response = await client.post(
            LOGIN, json={"email": f"spray-{attempt}@example.com", "password": "guess"}
        )
        assert response.status_code == 401
    response = await client.post(LOGIN, json={"email": user.email, "password": PASSWORD})
    assert response.status_code == 429


async def test_successful_login_resets_the_account_counter(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    user = await factory.staff(await factory.agency())
    for _ in range(4):
        await client.post(LOGIN, json={"email": user.email, "password": "wrong"})
    assert (
        await client.post(LOGIN, json={"email": user.email, "password": PASSWORD})
    ).status_code == 200
    for _ in range(4):
        response = await client.post(LOGIN, json={"email": user.email, "password": "wrong"})
        assert response.status_code == 401


async def _login(client: httpx.AsyncClient, email: str) -> dict[str, str]:
    response = await client.post(LOGIN, json={"email": email, "password": PASSWORD})
    assert response.status_code == 200
    body: dict[str, str] = response.json()
    return body


async def test_refresh_rotates_and_a_replayed_token_ends_the_session(
    client: httpx.AsyncClient, factory: Factory, clock: FixedClock
) -> None:
    user = await factory.staff(await factory.agency())
    first = await _login(client, user.email)
    client.cookies.clear()

    rotated = await client.post(
        "/api/v1/auth/staff/refresh", json={"refresh_token": first["refresh_token"]}
    )
    assert rotated.status_code == 200
    second = rotated.json()
    assert second["refresh_token"] != first["refresh_token"]

    # The same token again within seconds: a retry whose answer was lost, not a theft.
    clock.advance_to(clock.now() + timedelta(seconds=5))
    retried = await client.post(
        "/api/v1/auth/staff/refresh", json={"refresh_token": first["refresh_token"]}
    )
    assert retried.status_code == 200
    clock.advance_to(clock.now() + timedelta(minutes=2))

    replay = await client.post(
        "/api/v1/auth/staff/refresh", json={"refresh_token": first["refresh_token"]}
    )
    assert replay.status_code == 401
    # The replay revoked the whole session: the newest tokens stop working too.
    after = await client.post(
        "/api/v1/auth/staff/refresh", json={"refresh_token": second["refresh_token"]}
    )
    assert after.status_code == 401
    me = await client.get(
        "/api/v1/me", headers={"Authorization": f"Bearer {second['access_token']}"}
    )
    assert me.status_code == 401


async def test_a_retried_refresh_gets_the_same_successor(
    client: httpx.AsyncClient, factory: Factory, clock: FixedClock
) -> None:
    user = await factory.staff(await factory.agency())
    first = await _login(client, user.email)
    client.cookies.clear()
    refresh = {"refresh_token": first["refresh_token"]}

    rotated = await client.post("/api/v1/auth/staff/refresh", json=refresh)
    clock.advance_to(clock.now() + timedelta(seconds=20))
    retried = await client.post("/api/v1/auth/staff/refresh", json=refresh)

    assert (rotated.status_code, retried.status_code) == (200, 200)
    assert retried.json()["refresh_token"] == rotated.json()["refresh_token"]
    assert retried.json()["refresh_token"] != first["refresh_token"]


async def test_one_refresh_token_sent_twenty_times_at_once_has_one_successor(
    redis: Redis, committed_database: Database, clock: FixedClock
) -> None:
    """Two tabs, a reload and a flaky network all at once: one refresh token still yields
    one session line, never twenty independent valid successors."""
    app = create_app(settings_for_tests(), clock=clock, database=committed_database, redis=redis)
    async with committed_database.transaction() as session:
        factory = Factory(session, app.state.access_tokens, clock)
        user = await factory.staff(await factory.agency())
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            first = await _login(client, user.email)
            client.cookies.clear()
            responses = await asyncio.gather(
                *(
                    client.post(
                        "/api/v1/auth/staff/refresh",
                        json={"refresh_token": first["refresh_token"]},
                    )
                    for _ in range(20)
                )
            )
            assert [r.status_code for r in responses] == [200] * 20
            successors = {r.json()["refresh_token"] for r in responses}
            assert len(successors) == 1
            (successor,) = successors
            for response in responses[:3]:
                token = response.json()["access_token"]
                me = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
                assert me.status_code == 200
            next_one = await client.post(
                "/api/v1/auth/staff/refresh", json={"refresh_token": successor}
            )
            assert next_one.status_code == 200
            assert next_one.json()["refresh_token"] not in {successor, first["refresh_token"]}
    finally:
        await app.state.claims_db.dispose()

    async with committed_database.transaction() as session:
        sessions = (
            await session.scalars(select(AuthSession).where(AuthSession.subject_id == user.id))
        ).all()
        tokens = await session.scalar(
            select(func.count())
            .select_from(RefreshToken)
            .where(RefreshToken.session_id == sessions[0].id)
        )
    assert len(sessions) == 1
    assert sessions[0].revoked_at is None
    assert tokens == 3  # the login's, its one successor, and the successor's own


async def test_refresh_reads_the_cookie_when_the_body_is_empty(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    user = await factory.staff(await factory.agency())
    await _login(client, user.email)
    response = await client.post("/api/v1/auth/staff/refresh")
    assert response.status_code == 200
    assert "doorstep_staff_refresh=" in response.headers["set-cookie"]


async def test_staff_refresh_token_does_not_work_for_tenants(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    user = await factory.staff(await factory.agency())
    tokens = await _login(client, user.email)
    client.cookies.clear()
    response = await client.post(
        "/api/v1/auth/tenant/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert response.status_code == 401


async def test_logout_revokes_refresh_and_access_tokens(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    user = await factory.staff(await factory.agency())
    tokens = await _login(client, user.email)

    response = await client.post("/api/v1/auth/staff/logout")
    assert response.status_code == 204
    assert 'doorstep_staff_refresh=""' in response.headers["set-cookie"]

    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert (await client.get("/api/v1/me", headers=headers)).status_code == 401
    refresh = await client.post(
        "/api/v1/auth/staff/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert refresh.status_code == 401


async def test_access_tokens_expire(
    client: httpx.AsyncClient, factory: Factory, clock: FixedClock
) -> None:
    user = await factory.staff(await factory.agency())
    headers = await factory.headers(user)
    assert (await client.get("/api/v1/me", headers=headers)).status_code == 200
    clock.advance_to(clock.now().replace(hour=clock.now().hour + 1))
    response = await client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


async def test_tampered_or_foreign_tokens_are_refused(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    user = await factory.staff(agency)
    tenant = await factory.tenant(agency)
    staff_headers = await factory.headers(user)
    tenant_headers = await factory.headers(tenant)
    token = staff_headers["Authorization"].removeprefix("Bearer ")
    tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")

    assert (
        await client.get("/api/v1/me", headers={"Authorization": f"Bearer {tampered}"})
    ).status_code == 401
    assert (await client.get("/api/v1/me", headers=tenant_headers)).status_code == 401
    assert (await client.get("/api/v1/portal/me", headers=staff_headers)).status_code == 401
    assert (await client.get("/api/v1/me")).status_code == 401


async def test_disabling_a_colleague_ends_their_sessions(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    owner = await factory.staff(agency, StaffRole.OWNER)
    manager = await factory.staff(agency, StaffRole.MANAGER)
    manager_headers = await factory.headers(manager)

    response = await client.patch(
        f"/api/v1/staff/{manager.id}",
        json={"is_active": False},
        headers=await factory.headers(owner),
    )

    assert response.status_code == 200
    assert (await client.get("/api/v1/me", headers=manager_headers)).status_code == 401


async def test_tenant_login_and_portal_profile(client: httpx.AsyncClient, factory: Factory) -> None:
    agency = await factory.agency()
    tenant = await factory.tenant(agency)

    response = await client.post(
        "/api/v1/auth/tenant/login", json={"email": tenant.email, "password": PASSWORD}
    )

    assert response.status_code == 200
    assert "doorstep_tenant_refresh=" in response.headers["set-cookie"]
    headers = {"Authorization": f"Bearer {response.json()['access_token']}"}
    profile = await client.get("/api/v1/portal/me", headers=headers)
    assert profile.status_code == 200
    assert profile.json()["email"] == tenant.email
    assert profile.json()["agency"]["name"] == agency.name


async def test_tenant_without_portal_account_cannot_sign_in(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    tenant = await factory.tenant(await factory.agency(), portal=False)
    response = await client.post(
        "/api/v1/auth/tenant/login", json={"email": tenant.email, "password": PASSWORD}
    )
    assert response.status_code == 401


async def test_tenant_with_accounts_at_two_agencies_chooses_one(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    first = await factory.tenant(await factory.agency("First"))
    second_agency = await factory.agency("Second")
    second = await factory.tenant(second_agency)
    second.email = first.email

    ambiguous = await client.post(
        "/api/v1/auth/tenant/login", json={"email": first.email, "password": PASSWORD}
    )
    assert ambiguous.status_code == 409
    assert ambiguous.json()["type"].endswith("agency-required")

    chosen = await client.post(
        "/api/v1/auth/tenant/login",
        json={"email": first.email, "password": PASSWORD, "agency_id": str(second_agency.id)},
    )
    assert chosen.status_code == 200
    profile = await client.get(
        "/api/v1/portal/me", headers={"Authorization": f"Bearer {chosen.json()['access_token']}"}
    )
    assert profile.json()["id"] == str(second.id)


async def test_one_address_at_two_agencies_signs_in_to_the_account_its_password_opens(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    from doorstep.core.security import hash_password

    first_agency = await factory.agency("First")
    second_agency = await factory.agency("Second")
    first = await factory.staff(first_agency, StaffRole.OWNER)
    second = await factory.staff(second_agency, StaffRole.VIEWER)
    second.email = first.email.upper()
    second.password_hash = hash_password("the second agency's password")
    await factory.session.flush()

    async def signed_in(body: dict[str, str]) -> str:
        response = await client.post(LOGIN, json=body)
        assert response.status_code == 200, response.text
        me = await client.get(
            "/api/v1/me",
            headers={"Authorization": f"Bearer {response.json()['access_token']}"},
        )
        user_id: str = me.json()["user"]["id"]
        return user_id

    assert await signed_in({"email": first.email, "password": PASSWORD}) == str(first.id)
    assert await signed_in(
        {"email": first.email, "password": "the second agency's password"}
    ) == str(second.id)
    wrong = await client.post(LOGIN, json={"email": first.email, "password": "neither"})
    assert wrong.status_code == 401

    # The same password at both: the person says which agency.
    second.password_hash = first.password_hash
    await factory.session.flush()
    ambiguous = await client.post(LOGIN, json={"email": first.email, "password": PASSWORD})
    assert ambiguous.status_code == 409
    assert ambiguous.json()["type"].endswith("agency-required")
    chosen = {"email": first.email, "password": PASSWORD, "agency_id": str(second_agency.id)}
    assert await signed_in(chosen) == str(second.id)
