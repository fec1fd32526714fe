"""One's own account from the profile (issue 13): change the password (the current one
required; other sessions end, this one stays), change the e-mail (confirmed from the new
mailbox; the old one is told), and sign out of every device."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import StaffRole
from tests.accounts.helpers import CONFIRM_LINK, link_in, login, messages_to, refresh, signed_in
from tests.conftest import unique_email
from tests.factories import PASSWORD, Factory

NEW_PASSWORD = "quiet orchard lantern 42"
# Where each side reads and changes its own account.
ME = {"staff": "/api/v1/me", "tenant": "/api/v1/portal/me"}


async def _person(factory: Factory, audience: str) -> str:
    agency = await factory.agency()
    if audience == "staff":
        return (await factory.staff(agency, StaffRole.VIEWER)).email
    return (await factory.tenant(agency)).email


@pytest.mark.parametrize("audience", ["staff", "tenant"])
async def test_changing_the_password_keeps_only_this_session(
    client: httpx.AsyncClient, factory: Factory, audience: str
) -> None:
    email = await _person(factory, audience)
    here, here_refresh = await signed_in(client, audience, email)
    elsewhere, elsewhere_refresh = await signed_in(client, audience, email)

    wrong = await client.post(
        f"{ME[audience]}/password",
        json={"current_password": "not my password", "new_password": NEW_PASSWORD},
        headers=here,
    )
    assert wrong.status_code == 422
    assert wrong.json()["type"] == "urn:doorstep:problem:wrong-current-password"
    assert wrong.json()["errors"][0]["field"] == "current_password"
    weak = await client.post(
        f"{ME[audience]}/password",
        json={"current_password": PASSWORD, "new_password": "password1234"},
        headers=here,
    )
    assert weak.status_code == 422
    assert weak.json()["type"] == "urn:doorstep:problem:weak-password"

    changed = await client.post(
        f"{ME[audience]}/password",
        json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        headers=here,
    )
    assert changed.status_code == 204, changed.text
    assert (await client.get(ME[audience], headers=here)).status_code == 200
    assert (await refresh(client, audience, here_refresh)).status_code == 200
    assert (await client.get(ME[audience], headers=elsewhere)).status_code == 401
    assert (await refresh(client, audience, elsewhere_refresh)).status_code == 401
    assert (await login(client, audience, email)).status_code == 401
    assert (await login(client, audience, email, NEW_PASSWORD)).status_code == 200


async def test_guessing_the_current_password_is_throttled(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    email = await _person(factory, "tenant")
    headers, _ = await signed_in(client, "tenant", email)
    statuses = [
        (
            await client.post(
                "/api/v1/portal/me/password",
                json={"current_password": f"guess {n}", "new_password": NEW_PASSWORD},
                headers=headers,
            )
        ).status_code
        for n in range(6)
    ]
    assert statuses == [422] * 5 + [429]


@pytest.mark.parametrize("audience", ["staff", "tenant"])
async def test_signing_out_everywhere_ends_every_session(
    client: httpx.AsyncClient, factory: Factory, audience: str
) -> None:
    email = await _person(factory, audience)
    here, here_refresh = await signed_in(client, audience, email)
    elsewhere, elsewhere_refresh = await signed_in(client, audience, email)
    other = await _person(factory, audience)
    bystander, _ = await signed_in(client, audience, other)

    response = await client.post(f"{ME[audience]}/sign-out-everywhere", headers=here)
    assert response.status_code == 204
    assert "max-age=0" in response.headers["set-cookie"].lower()
    for headers in (here, elsewhere):
        assert (await client.get(ME[audience], headers=headers)).status_code == 401
    for token in (here_refresh, elsewhere_refresh):
        assert (await refresh(client, audience, token)).status_code == 401
    assert (await client.get(ME[audience], headers=bystander)).status_code == 200
    assert (await login(client, audience, email)).status_code == 200


@pytest.mark.parametrize("audience", ["staff", "tenant"])
async def test_a_new_email_changes_only_once_confirmed_and_the_old_one_is_told(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession, audience: str
) -> None:
    email = await _person(factory, audience)
    headers, _ = await signed_in(client, audience, email)
    new_email = unique_email("moved")

    wrong = await client.post(
        f"{ME[audience]}/email-change",
        json={"new_email": new_email, "current_password": "not it"},
        headers=headers,
    )
    assert wrong.status_code == 422
    same = await client.post(
        f"{ME[audience]}/email-change",
        json={"new_email": email, "current_password": PASSWORD},
        headers=headers,
    )
    assert same.status_code == 422
    assert same.json()["type"] == "urn:doorstep:problem:same-email"

    asked = await client.post(
        f"{ME[audience]}/email-change",
        json={"new_email": new_email, "current_password": PASSWORD},
        headers=headers,
    )
    assert asked.status_code == 202, asked.text
    [confirmation] = await messages_to(session, new_email)
    app, token = link_in(confirmation, CONFIRM_LINK)
    assert app == ("agency" if audience == "staff" else "portal")
    # Nothing changes until the link is opened.
    assert (await login(client, audience, email)).status_code == 200
    assert (await login(client, audience, new_email)).status_code == 401

    confirmed = await client.post(f"/api/v1/auth/{audience}/email-change/{token}")
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json() == {"email": new_email}
    assert (await login(client, audience, new_email)).status_code == 200
    assert (await login(client, audience, email)).status_code == 401
    [notice] = await messages_to(session, email)
    assert new_email in notice.text_body
    assert "changed" in notice.subject

    again = await client.post(f"/api/v1/auth/{audience}/email-change/{token}")
    assert again.status_code == 410


async def test_staff_cannot_take_a_colleagues_address(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    me = await factory.staff(agency, StaffRole.MANAGER)
    colleague = await factory.staff(agency, StaffRole.VIEWER)
    headers, _ = await signed_in(client, "staff", me.email)
    taken = await client.post(
        "/api/v1/me/email-change",
        json={"new_email": colleague.email, "current_password": PASSWORD},
        headers=headers,
    )
    assert taken.status_code == 409
    assert taken.json()["type"] == "urn:doorstep:problem:email-taken"
    # Another agency's staff with the address are none of this agency's business.
    elsewhere = await factory.staff(await factory.agency("Elsewhere"), StaffRole.VIEWER)
    free = await client.post(
        "/api/v1/me/email-change",
        json={"new_email": elsewhere.email, "current_password": PASSWORD},
        headers=headers,
    )
    assert free.status_code == 202


async def test_a_tenant_learns_of_a_taken_address_only_from_its_mailbox(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    me = await factory.tenant(agency)
    neighbour = await factory.tenant(agency, first_name="Nina")
    headers, _ = await signed_in(client, "tenant", me.email)
    asked = await client.post(
        "/api/v1/portal/me/email-change",
        json={"new_email": neighbour.email, "current_password": PASSWORD},
        headers=headers,
    )
    assert asked.status_code == 202
    [confirmation] = [
        m for m in await messages_to(session, neighbour.email) if "Confirm" in m.subject
    ]
    _, token = link_in(confirmation, CONFIRM_LINK)
    refused = await client.post(f"/api/v1/auth/tenant/email-change/{token}")
    assert refused.status_code == 409
    assert refused.json()["type"] == "urn:doorstep:problem:tenant-email-taken"
    assert (await login(client, "tenant", me.email)).status_code == 200
