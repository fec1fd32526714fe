"""Forgotten password (issue 13): the same answer for any address, a link e-mailed in the
agency's language that works once, within an hour, for the right app; the new password under
the one policy; every session ended; requests and unknown links throttled."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.accounts.models import AccountToken
from doorstep.agencies.models import StaffRole
from doorstep.core.clock import FixedClock
from doorstep.core.security import token_digest
from doorstep.scheduler import concerns
from doorstep.scheduler.registry import PerAgency
from tests.accounts.helpers import link_in, login, messages_to, refresh, signed_in
from tests.conftest import NOW, unique_email
from tests.factories import Factory

NEW_PASSWORD = "quiet orchard lantern 42"
SAME_ANSWER = {
    "detail": "If this address has an account, a link to choose a new password is on its way. "
    "It works once, within an hour."
}


async def _request(client: httpx.AsyncClient, audience: str, email: str) -> httpx.Response:
    return await client.post(f"/api/v1/auth/{audience}/password-reset", json={"email": email})


async def test_known_and_unknown_addresses_get_the_same_answer(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    tenant = await factory.tenant(agency)
    staff = await factory.staff(agency, StaffRole.VIEWER)
    nobody = unique_email("nobody")
    for audience, email in (("tenant", tenant.email), ("tenant", nobody), ("staff", staff.email)):
        response = await _request(client, audience, email)
        assert response.status_code == 202, response.text
        assert response.json() == SAME_ANSWER
    # A staff address asked on the tenant side is unknown there, and the other way round.
    for audience, email in (("staff", tenant.email), ("tenant", staff.email)):
        assert (await _request(client, audience, email)).json() == SAME_ANSWER

    assert await messages_to(session, nobody) == []
    [to_tenant] = await messages_to(session, tenant.email)
    [to_staff] = await messages_to(session, staff.email)
    assert link_in(to_tenant)[0] == "portal"
    assert link_in(to_staff)[0] == "agency"
    assert to_tenant.subject == f"Reset your {agency.name} password"
    # Only the token's SHA-256 is stored: no column holds the token itself.
    token = link_in(to_tenant)[1]
    stored = await session.scalar(
        select(AccountToken).where(AccountToken.token_hash == token_digest(token))
    )
    assert stored is not None
    assert stored.subject_id == tenant.id
    dump = await session.scalar(
        text("SELECT count(*) FROM account_tokens t WHERE t::text LIKE :token"),
        {"token": f"%{token}%"},
    )
    assert dump == 0
    assert len(token) >= 43  # 256 bits, base64url


async def test_a_reset_sets_the_password_and_ends_every_session(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    tenant = await factory.tenant(agency)
    headers, refresh_token = await signed_in(client, "tenant", tenant.email)
    await _request(client, "tenant", tenant.email)
    [message] = await messages_to(session, tenant.email)
    _, token = link_in(message)

    opened = await client.get(f"/api/v1/auth/tenant/password-reset/{token}")
    assert opened.status_code == 200, opened.text
    assert opened.json()["email"] == tenant.email
    assert opened.json()["agency_name"] == agency.name
    # A tenant's link is no staff link.
    assert (await client.get(f"/api/v1/auth/staff/password-reset/{token}")).status_code == 404

    weak = await client.post(
        f"/api/v1/auth/tenant/password-reset/{token}", json={"password": "password123"}
    )
    assert weak.status_code == 422
    assert weak.json()["type"] == "urn:doorstep:problem:weak-password"

    reset = await client.post(
        f"/api/v1/auth/tenant/password-reset/{token}", json={"password": NEW_PASSWORD}
    )
    assert reset.status_code == 204, reset.text

    assert (await client.get("/api/v1/portal/me", headers=headers)).status_code == 401
    assert (await refresh(client, "tenant", refresh_token)).status_code == 401
    assert (await login(client, "tenant", tenant.email)).status_code == 401
    assert (await login(client, "tenant", tenant.email, NEW_PASSWORD)).status_code == 200

    again = await client.post(
        f"/api/v1/auth/tenant/password-reset/{token}", json={"password": "another fine phrase 7"}
    )
    assert again.status_code == 410
    assert again.json()["type"] == "urn:doorstep:problem:account-link-used"


async def test_using_one_link_kills_the_others(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    staff = await factory.staff(agency, StaffRole.MANAGER)
    await _request(client, "staff", staff.email)
    await _request(client, "staff", staff.email)
    first, second = [link_in(m)[1] for m in await messages_to(session, staff.email)]
    used = await client.post(
        f"/api/v1/auth/staff/password-reset/{second}", json={"password": NEW_PASSWORD}
    )
    assert used.status_code == 204
    older = await client.post(
        f"/api/v1/auth/staff/password-reset/{first}", json={"password": "another fine phrase 7"}
    )
    assert older.status_code == 410
    assert (await login(client, "staff", staff.email, NEW_PASSWORD)).status_code == 200


async def test_a_link_expires_after_an_hour(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession, clock: FixedClock
) -> None:
    agency = await factory.agency()
    tenant = await factory.tenant(agency)
    await _request(client, "tenant", tenant.email)
    [message] = await messages_to(session, tenant.email)
    _, token = link_in(message)

    clock.advance_to(NOW + timedelta(minutes=59))
    assert (await client.get(f"/api/v1/auth/tenant/password-reset/{token}")).status_code == 200
    clock.advance_to(NOW + timedelta(hours=1))
    expired = await client.post(
        f"/api/v1/auth/tenant/password-reset/{token}", json={"password": NEW_PASSWORD}
    )
    assert expired.status_code == 410
    assert expired.json()["type"] == "urn:doorstep:problem:account-link-expired"
    assert (await login(client, "tenant", tenant.email)).status_code == 200


async def test_the_tick_forgets_links_a_month_after_they_expire(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession, clock: FixedClock
) -> None:
    forget = concerns.registry.concerns["accounts.forget_dead_links"]
    assert not isinstance(forget, PerAgency)  # one run for the whole database
    agency = await factory.agency()
    tenant = await factory.tenant(agency)
    await _request(client, "tenant", tenant.email)
    [message] = await messages_to(session, tenant.email)
    _, token = link_in(message)
    live = select(AccountToken.id).where(AccountToken.token_hash == token_digest(token))

    a_month_after_expiry = NOW + timedelta(hours=1) + timedelta(days=30)
    clock.advance_to(a_month_after_expiry - timedelta(seconds=1))
    assert await forget(session, clock.now()) == 0
    assert await session.scalar(live) is not None
    late = await client.get(f"/api/v1/auth/tenant/password-reset/{token}")
    assert late.json()["type"] == "urn:doorstep:problem:account-link-expired"

    clock.advance_to(a_month_after_expiry)
    assert await forget(session, clock.now()) == 1
    assert await session.scalar(live) is None
    assert (await client.get(f"/api/v1/auth/tenant/password-reset/{token}")).status_code == 404


async def test_each_agency_of_an_address_gets_its_own_link_in_its_language(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    brussels = await factory.agency("Immo Bruxelles")
    brussels.locale = "fr-BE"
    ghent = await factory.agency("Gent Verhuur")
    ghent.locale = "nl-BE"
    email = unique_email("two-jobs")
    people = []
    for agency in (brussels, ghent):
        person = await factory.staff(agency, StaffRole.MANAGER)
        person.email = email
        people.append(person)
    await session.flush()

    await _request(client, "staff", email)
    subjects = sorted(m.subject for m in await messages_to(session, email))
    assert subjects == [
        "Réinitialisez votre mot de passe Immo Bruxelles",
        "Stel uw wachtwoord bij Gent Verhuur opnieuw in",
    ]
    # Naming the agency sends only its link.
    response = await client.post(
        "/api/v1/auth/staff/password-reset", json={"email": email, "agency_id": str(ghent.id)}
    )
    assert response.json() == SAME_ANSWER
    assert len(await messages_to(session, email)) == 3


async def test_no_link_for_accounts_that_cannot_sign_in(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    without_account = await factory.tenant(agency, portal=False)
    inactive = await factory.staff(agency, StaffRole.VIEWER)
    inactive.is_active = False
    await session.flush()
    for audience, email in (("tenant", without_account.email), ("staff", inactive.email)):
        assert (await _request(client, audience, email)).json() == SAME_ANSWER
        assert await messages_to(session, email) == []


async def test_requests_are_throttled_per_address_quietly_and_per_client_loudly(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    tenant = await factory.tenant(agency)
    for _ in range(5):
        response = await _request(client, "tenant", tenant.email)
        assert response.json() == SAME_ANSWER
    # Three links an hour per address; the answer does not change, so it tells nothing.
    assert len(await messages_to(session, tenant.email)) == 3

    for n in range(5):
        assert (await _request(client, "tenant", unique_email(f"n{n}"))).status_code == 202
    refused = await _request(client, "tenant", unique_email("more"))
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0


async def test_unknown_tokens_are_throttled_per_client(client: httpx.AsyncClient) -> None:
    for n in range(20):
        response = await client.get(f"/api/v1/auth/tenant/password-reset/made-up-{n}")
        assert response.status_code == 404
    refused = await client.post(
        "/api/v1/auth/tenant/password-reset/made-up-again", json={"password": NEW_PASSWORD}
    )
    assert refused.status_code == 429


async def test_a_reset_never_reaches_the_logs(
    client: httpx.AsyncClient,
    factory: Factory,
    session: AsyncSession,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from doorstep.core.logging import configure_logging

    agency = await factory.agency()
    tenant = await factory.tenant(agency)
    configure_logging("INFO", json_output=True)
    try:
        await _request(client, "tenant", tenant.email)
        [message] = await messages_to(session, tenant.email)
        _, token = link_in(message)
        await client.get(f"/api/v1/auth/tenant/password-reset/{token}")
        await client.post(
            f"/api/v1/auth/tenant/password-reset/{token}", json={"password": NEW_PASSWORD}
        )
    finally:
        configure_logging("WARNING")
    logged = capsys.readouterr().err
    assert '"route": "/api/v1/auth/tenant/password-reset/{token}"' in logged
    for secret in (token, NEW_PASSWORD, tenant.email):
        assert secret not in logged


async def test_a_tenant_who_chose_dutch_gets_the_reset_link_in_dutch_and_staff_in_the_agencys(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency("Brussels Lettings")
    agency.locale = "en-BE"
    tenant = await factory.tenant(agency)
    tenant.language = "nl"
    undecided = await factory.tenant(agency)
    staff = await factory.staff(agency, StaffRole.MANAGER)
    await session.flush()

    for audience, email in (
        ("tenant", tenant.email),
        ("tenant", undecided.email),
        ("staff", staff.email),
    ):
        await _request(client, audience, email)

    (dutch,) = await messages_to(session, tenant.email)
    assert dutch.subject == "Stel uw wachtwoord bij Brussels Lettings opnieuw in"
    assert dutch.html_body is not None
    assert 'lang="nl"' in dutch.html_body
    (english,) = await messages_to(session, undecided.email)
    assert english.subject == "Reset your Brussels Lettings password"
    (to_staff,) = await messages_to(session, staff.email)
    assert to_staff.subject == "Reset your Brussels Lettings password"
