"""Issue 11, forms: a 422 names each field with a stable code the apps translate (never the
validator's own English text), and phone numbers are typed the way people write them."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.schemas import AgencyCreate
from doorstep.agencies.service import create_agency
from tests.factories import Factory

TENANT = {"first_name": "Ana", "last_name": "Silva", "email": "ana@example.com"}


def _codes(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return {error["field"]: error["code"] for error in response.json()["errors"]}


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"email": "ana@example"}, "email", "email_invalid"),
        ({"email": "ana@-example.com"}, "email", "email_invalid"),
        ({"email": "ana"}, "email", "email_invalid"),
        ({"email": f"{'a' * 250}@example.com"}, "email", "too_long"),
        ({"phone": "+32 1"}, "phone", "phone_invalid"),
        ({"phone": "0470 12"}, "phone", "phone_invalid"),
        ({"phone": "call me"}, "phone", "phone_invalid"),
        ({"phone": "+999 470 12 34 56"}, "phone", "phone_invalid"),
        ({"first_name": "   "}, "first_name", "required"),
        ({"last_name": "Sil\x00va"}, "last_name", "invalid_characters"),
        ({"last_name": "x" * 201}, "last_name", "too_long"),
        ({"role": "owner"}, "role", "not_accepted"),
    ],
)
async def test_a_bad_field_carries_its_code(
    client: httpx.AsyncClient, factory: Factory, change: dict[str, Any], field: str, code: str
) -> None:
    headers = await factory.headers(await factory.staff(await factory.agency()))

    response = await client.post("/api/v1/tenants", json=TENANT | change, headers=headers)

    assert _codes(response) == {field: code}


async def test_the_validator_s_own_text_is_not_passed_on(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    headers = await factory.headers(await factory.staff(await factory.agency()))

    response = await client.post(
        "/api/v1/tenants", json=TENANT | {"email": "ana@-example.com"}, headers=headers
    )

    (error,) = response.json()["errors"]
    assert error == {
        "field": "email",
        "code": "email_invalid",
        "message": "Enter an e-mail address such as name@example.com.",
    }
    assert "@-sign" not in response.text


async def test_a_missing_field_and_a_wrong_type_have_codes(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    headers = await factory.headers(await factory.staff(await factory.agency()))
    unit = await factory.unit(await factory.agency("Other"))

    missing = await client.post("/api/v1/tenants", json={"first_name": "Ana"}, headers=headers)
    wrong_types = await client.post(
        "/api/v1/leases",
        json={
            "unit_id": str(unit.id),
            "tenant_ids": [],
            "start_date": "01/12/2026",
            "rent": {"amount": 1200.5, "currency": "XYZ"},
            "frequency": "monthly",
            "due_day": 40,
        },
        headers=headers,
    )

    assert _codes(missing) == {"last_name": "required", "email": "required"}
    codes = _codes(wrong_types)
    assert codes["start_date"] == "date_invalid"
    assert codes["rent.amount"] in {"whole_number", "not_a_number"}
    assert codes["rent.currency"] == "currency_unknown"
    assert codes["tenant_ids"] == "too_short"


async def test_a_local_number_is_read_with_the_agency_s_country(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()  # Belgian
    headers = await factory.headers(await factory.staff(agency))

    created = await client.post(
        "/api/v1/tenants", json=TENANT | {"phone": "0470 12 34 56"}, headers=headers
    )
    foreign = await client.patch(
        f"/api/v1/tenants/{created.json()['id']}",
        json={"phone": "+33 6 12 34 56 78"},
        headers=headers,
    )

    assert created.status_code == 201, created.text
    assert created.json()["phone"] == "+32470123456"
    assert created.json()["phone_display"] == "0470 12 34 56"
    assert foreign.json()["phone"] == "+33612345678"
    assert foreign.json()["phone_display"] == "+33 6 12 34 56 78"


async def test_another_country_s_agency_reads_its_own_local_numbers(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    dutch = await create_agency(
        session,
        AgencyCreate(
            name="Grachten Verhuur",
            country="NL",
            currency="EUR",
            locale="nl-NL",
            timezone="Europe/Amsterdam",
        ),
    )
    headers = await factory.headers(await factory.staff(dutch))

    created = await client.post(
        "/api/v1/tenants", json=TENANT | {"phone": "06 12345678"}, headers=headers
    )

    assert created.json()["phone"] == "+31612345678"
    assert created.json()["phone_display"] == "06 12345678"


async def test_a_tenant_types_their_own_number_locally(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    headers = await factory.headers(await factory.tenant(agency))

    changed = await client.patch(
        "/api/v1/portal/me", json={"phone": "0470/98.76.54"}, headers=headers
    )
    refused = await client.patch("/api/v1/portal/me", json={"phone": "0470 98"}, headers=headers)
    profile = await client.get("/api/v1/portal/me", headers=headers)

    assert changed.status_code == 200, changed.text
    assert changed.json()["phone"] == "+32470987654"
    assert _codes(refused) == {"phone": "phone_invalid"}
    assert profile.json()["phone"] == "+32470987654"
    assert profile.json()["phone_display"] == "0470 98 76 54"
    assert profile.json()["agency"]["country"] == "BE"


async def test_the_agency_s_contact_number_is_read_locally_too(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    headers = await factory.headers(await factory.staff(agency))

    response = await client.patch(
        "/api/v1/agency", json={"settings": {"contact_phone": "02 555 12 34"}}, headers=headers
    )
    refused = await client.patch(
        "/api/v1/agency", json={"settings": {"contact_phone": "02 555"}}, headers=headers
    )

    assert response.status_code == 200, response.text
    assert response.json()["settings"]["contact_phone"] == "+3225551234"
    assert _codes(refused) == {"settings.contact_phone": "phone_invalid"}


async def test_the_agency_s_help_contacts_are_removed_by_null_and_other_settings_kept(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    headers = await factory.headers(await factory.staff(agency))
    given = await client.patch(
        "/api/v1/agency",
        json={
            "settings": {
                "contact_email": "help@lettings.be",
                "contact_phone": "02 555 12 34",
                "invoice_lead_days": 20,
            }
        },
        headers=headers,
    )
    assert given.status_code == 200, given.text

    removed = await client.patch(
        "/api/v1/agency",
        json={"settings": {"contact_phone": None, "invoice_lead_days": None}},
        headers=headers,
    )

    assert removed.status_code == 200, removed.text
    settings = removed.json()["settings"]
    assert settings["contact_phone"] is None
    # Unnamed, or null where a value is required: left as it was.
    assert settings["contact_email"] == "help@lettings.be"
    assert settings["invoice_lead_days"] == 20
