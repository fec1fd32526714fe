"""Properties, units and tenants: create, read, update, list with search and pagination."""

from __future__ import annotations

import httpx

from doorstep.agencies.models import StaffRole
from tests.factories import Factory


async def test_property_lifecycle(client: httpx.AsyncClient, factory: Factory) -> None:
    agency = await factory.agency()
    headers = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))

    created = await client.post(
        "/api/v1/properties",
        json={
            "name": "  Rue Haute 5 ",
            "address_line1": "Rue Haute 5",
            "city": "Brussels",
            "postal_code": "1000",
            "country": "BE",
        },
        headers=headers,
    )
    assert created.status_code == 201
    prop = created.json()
    assert prop["name"] == "Rue Haute 5"
    assert prop["unit_count"] == 0

    unit = await client.post(
        "/api/v1/units",
        json={"property_id": prop["id"], "name": "Ground floor", "bedrooms": 2},
        headers=headers,
    )
    assert unit.status_code == 201
    assert unit.json()["property_name"] == "Rue Haute 5"

    updated = await client.patch(
        f"/api/v1/properties/{prop['id']}",
        json={"address_line2": "Back building", "city": "Bruxelles"},
        headers=headers,
    )
    assert updated.status_code == 200
    assert updated.json()["address_line2"] == "Back building"
    assert updated.json()["unit_count"] == 1

    cleared = await client.patch(
        f"/api/v1/properties/{prop['id']}", json={"address_line2": None}, headers=headers
    )
    assert cleared.json()["address_line2"] is None
    refused = await client.patch(
        f"/api/v1/properties/{prop['id']}", json={"name": None}, headers=headers
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "name"


async def test_unit_names_are_unique_within_a_property(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    headers = await factory.headers(await factory.staff(agency))
    prop = await factory.property(agency)
    await factory.unit(agency, prop, name="1A")

    duplicate = await client.post(
        "/api/v1/units", json={"property_id": str(prop.id), "name": "1A"}, headers=headers
    )

    assert duplicate.status_code == 409
    assert duplicate.json()["type"].endswith("unit-name-taken")
    assert duplicate.json()["errors"][0]["field"] == "name"


async def test_lists_are_paged_with_cursors_and_searchable(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    headers = await factory.headers(await factory.staff(agency, StaffRole.VIEWER))
    for name in ("Delta", "Alpha", "Charlie", "Bravo", "Echo"):
        await factory.property(agency, name=name)
    other = await factory.agency("Other")
    await factory.property(other, name="Alpha Other")

    names: list[str] = []
    cursor: str | None = None
    while True:
        params = {"limit": "2"} | ({"cursor": cursor} if cursor else {})
        page = (await client.get("/api/v1/properties", params=params, headers=headers)).json()
        names += [p["name"] for p in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert names == ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]

    found = await client.get("/api/v1/properties", params={"q": "arl"}, headers=headers)
    assert [p["name"] for p in found.json()["items"]] == ["Charlie"]
    wildcard = await client.get("/api/v1/properties", params={"q": "%"}, headers=headers)
    assert wildcard.json()["items"] == []


async def test_a_forged_cursor_is_a_clear_422(client: httpx.AsyncClient, factory: Factory) -> None:
    headers = await factory.headers(await factory.staff(await factory.agency()))
    for cursor in ("not-a-cursor", "WyJ4Il0", "W10"):
        response = await client.get(
            "/api/v1/properties", params={"cursor": cursor}, headers=headers
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "cursor"


async def test_tenants_are_searchable_and_filterable(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    headers = await factory.headers(await factory.staff(agency))
    await factory.tenant(agency, first_name="Zoe")
    await factory.tenant(agency, first_name="Yann", portal=False)

    by_name = await client.get("/api/v1/tenants", params={"q": "zoe ten"}, headers=headers)
    assert [t["first_name"] for t in by_name.json()["items"]] == ["Zoe"]
    without = await client.get(
        "/api/v1/tenants", params={"has_portal_account": "false"}, headers=headers
    )
    assert [t["first_name"] for t in without.json()["items"]] == ["Yann"]
    by_phone = await client.get("/api/v1/tenants", params={"q": "+3247"}, headers=headers)
    assert len(by_phone.json()["items"]) == 2


async def test_tenant_create_normalises_phone_and_refuses_duplicate_email(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    headers = await factory.headers(await factory.staff(agency))
    body = {
        "first_name": "Lea",
        "last_name": "Dupont",
        "email": "Lea.Dupont@Example.COM",
        "phone": "+32 470 12 34 56",
    }

    created = await client.post("/api/v1/tenants", json=body, headers=headers)
    assert created.status_code == 201
    assert created.json()["phone"] == "+32470123456"
    assert created.json()["email"] == "Lea.Dupont@example.com"
    assert created.json()["has_portal_account"] is False

    again = await client.post(
        "/api/v1/tenants", json=body | {"email": "lea.dupont@example.com"}, headers=headers
    )
    assert again.status_code == 409

    # Another agency may have its own record for the same person.
    other_headers = await factory.headers(await factory.staff(await factory.agency("Other")))
    elsewhere = await client.post("/api/v1/tenants", json=body, headers=other_headers)
    assert elsewhere.status_code == 201


async def test_accountants_read_the_book_but_do_not_edit_it(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    headers = await factory.headers(await factory.staff(agency, StaffRole.ACCOUNTANT))
    prop = await factory.property(agency)

    assert (await client.get(f"/api/v1/properties/{prop.id}", headers=headers)).status_code == 200
    refused = await client.patch(
        f"/api/v1/properties/{prop.id}", json={"name": "Renamed"}, headers=headers
    )
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"


async def test_owner_manages_staff_but_keeps_an_owner(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    owner = await factory.staff(agency, StaffRole.OWNER)
    headers = await factory.headers(owner)

    created = await client.post(
        "/api/v1/staff",
        json={
            "email": "new.colleague@example.com",
            "first_name": "New",
            "last_name": "Colleague",
            "role": "accountant",
            "password": "a long enough password",
        },
        headers=headers,
    )
    assert created.status_code == 201
    assert created.json()["role"] == "accountant"

    demote_self = await client.patch(
        f"/api/v1/staff/{owner.id}", json={"role": "manager"}, headers=headers
    )
    assert demote_self.status_code == 409
    assert demote_self.json()["type"].endswith("last-owner")

    promote = await client.patch(
        f"/api/v1/staff/{created.json()['id']}", json={"role": "owner"}, headers=headers
    )
    assert promote.status_code == 200
    demote_self = await client.patch(
        f"/api/v1/staff/{owner.id}", json={"role": "manager"}, headers=headers
    )
    assert demote_self.status_code == 200


async def test_agency_settings_merge_and_currency_is_fixed(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    headers = await factory.headers(await factory.staff(agency, StaffRole.OWNER))

    response = await client.patch(
        "/api/v1/agency",
        json={"timezone": "Europe/Paris", "settings": {"features": {"payment_links": True}}},
        headers=headers,
    )
    assert response.status_code == 200
    body = response.json()
    assert body["timezone"] == "Europe/Paris"
    assert body["settings"]["features"]["payment_links"] is True
    assert body["settings"]["features"]["tenant_portal"] is True
    assert body["settings"]["invoice_lead_days"] == 14

    currency = await client.patch("/api/v1/agency", json={"currency": "USD"}, headers=headers)
    assert currency.status_code == 422


async def test_trust_account_setting(client: httpx.AsyncClient, factory: Factory) -> None:
    agency = await factory.agency()
    accountant = await factory.headers(await factory.staff(agency, StaffRole.ACCOUNTANT))
    manager = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))

    current = await client.get("/api/v1/trust-account", headers=manager)
    assert current.json()["receipt_oldest_invoice_first"] is False
    refused = await client.patch(
        "/api/v1/trust-account", json={"receipt_oldest_invoice_first": True}, headers=manager
    )
    assert refused.status_code == 403
    changed = await client.patch(
        "/api/v1/trust-account", json={"receipt_oldest_invoice_first": True}, headers=accountant
    )
    assert changed.json()["receipt_oldest_invoice_first"] is True


async def test_adding_a_colleague_tells_nothing_about_other_agencies_staff(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    elsewhere = await factory.staff(await factory.agency("Elsewhere Lettings"), StaffRole.OWNER)
    agency = await factory.agency()
    headers = await factory.headers(await factory.staff(agency, StaffRole.OWNER))

    def colleague(email: str) -> dict[str, str]:
        return {
            "email": email,
            "first_name": "New",
            "last_name": "Colleague",
            "role": "manager",
            "password": "a long enough password",
        }

    # An address another agency's staff use is added like any new one: no 409 that would
    # reveal who works where.
    taken_elsewhere = await client.post(
        "/api/v1/staff", json=colleague(elsewhere.email.upper()), headers=headers
    )
    brand_new = await client.post(
        "/api/v1/staff", json=colleague("brand.new@example.com"), headers=headers
    )

    assert (taken_elsewhere.status_code, brand_new.status_code) == (201, 201)
    assert taken_elsewhere.json().keys() == brand_new.json().keys()
    # Within the agency the address is still one colleague's.
    twice = await client.post(
        "/api/v1/staff", json=colleague("Brand.New@example.com"), headers=headers
    )
    assert twice.status_code == 409
    assert twice.json()["type"].endswith("email-taken")
