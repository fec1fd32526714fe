"""A tenant searches their own message history (seed 002, "searchable history"): the subject
or any message, theirs or the agency's, case-insensitively; another tenant's words never match,
in the same agency or another."""

from __future__ import annotations

import httpx

from doorstep.agencies.models import StaffRole
from tests.factories import Factory

PORTAL = "/api/v1/portal/conversations"
STAFF = "/api/v1/conversations"


async def _start(
    client: httpx.AsyncClient, headers: dict[str, str], subject: str, body: str
) -> str:
    started = await client.post(PORTAL, json={"subject": subject, "body": body}, headers=headers)
    assert started.status_code == 201, started.text
    conversation_id: str = started.json()["id"]
    return conversation_id


async def test_a_tenant_finds_their_conversations_by_any_words_and_only_theirs(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    manager = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))
    tara, nora = await factory.tenant(agency), await factory.tenant(agency, first_name="Nora")
    await factory.lease(agency, [tara])
    await factory.lease(agency, [nora])
    other_agency = await factory.agency("Other Lettings")
    stranger = await factory.tenant(other_agency, first_name="Sam")
    await factory.lease(other_agency, [stranger])
    tara_headers = await factory.headers(tara)
    deposit = await _start(client, tara_headers, "Deposit", "When is my deposit paid back?")
    heating = await _start(client, tara_headers, "Heating", "The radiator is 100% cold")
    answered = await client.post(
        f"{STAFF}/{deposit}/messages",
        json={"body": "The plumber Dupont comes on Monday."},
        headers=manager,
    )
    assert answered.status_code == 201, answered.text
    # The same words in other tenants' conversations, here and at another agency.
    await _start(client, await factory.headers(nora), "Radiator", "Dupont, deposit, radiator")
    await _start(client, await factory.headers(stranger), "Deposit", "radiator Dupont")

    async def found(**params: str | int) -> list[str]:
        response = await client.get(PORTAL, params=params, headers=tara_headers)
        assert response.status_code == 200, response.text
        return [c["id"] for c in response.json()["items"]]

    assert await found() == [heating, deposit]
    assert await found(q="RADIATOR") == [heating]
    assert await found(q="dupont") == [deposit]  # the agency's answer is searched too
    assert await found(q="Deposit") == [deposit]
    assert await found(q="100%") == [heating]
    assert await found(q="%") == [heating]  # the wildcard is taken literally
    assert await found(q="  ") == [heating, deposit]  # blank: no search
    assert await found(q="nothing like it") == []
    first_page = (
        await client.get(PORTAL, params={"q": "e", "limit": 1}, headers=tara_headers)
    ).json()
    second_page = await client.get(
        PORTAL,
        params={"q": "e", "limit": 1, "cursor": first_page["next_cursor"]},
        headers=tara_headers,
    )
    assert [c["id"] for c in first_page["items"]] == [heating]
    assert [c["id"] for c in second_page.json()["items"]] == [deposit]
    too_long = await client.get(PORTAL, params={"q": "x" * 1000}, headers=tara_headers)
    assert too_long.status_code == 422
