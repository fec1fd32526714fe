"""Every staff search for a tenant finds a phone number however it is typed: stored in E.164,
typed the way people say it, read with the agency's country when it has no country code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import httpx
import pytest

from doorstep.agencies.models import StaffRole
from tests.collections.builders import invoice, named_tenant, paid_elsewhere, pay
from tests.factories import Factory

ANN_PHONE = "+32470123456"
BOB_PHONE = "+32475987654"
ZOE_PHONE = "+33612345678"


@dataclass
class Book:
    headers: dict[str, str]
    lease_of: dict[str, str]


@pytest.fixture
async def book(factory: Factory) -> Book:
    """A Belgian agency: Ann Archer (Belgian mobile) on one lease, Bob Brown (another Belgian
    mobile) and Zoé Martin (a French mobile) on another, an invoice and a payment on each.
    Another agency has a tenant with Ann's number."""
    agency = await factory.agency()
    staff = await factory.staff(agency)
    ann = await named_tenant(factory, agency, "Ann", "Archer")
    ann.phone = ANN_PHONE
    bob = await named_tenant(factory, agency, "Bob", "Brown")
    bob.phone = BOB_PHONE
    zoe = await named_tenant(factory, agency, "Zoé", "Martin")
    zoe.phone = ZOE_PHONE
    await factory.session.flush()
    leases = {
        "ann": await factory.lease(agency, [ann]),
        "bob": await factory.lease(agency, [bob, zoe]),
    }
    for name, lease in leases.items():
        due = await invoice(factory, agency, lease, staff, due=date(2026, 11, 1), amount=95_000)
        payer = ann if name == "ann" else bob
        await pay(factory, agency, staff, lease, payer, amount=95_000, allocations=[(due, 95_000)])

    namesake = await paid_elsewhere(factory, "Ann", "Other")
    namesake.phone = ANN_PHONE
    await factory.session.flush()
    viewer = await factory.staff(agency, StaffRole.VIEWER)
    return Book(
        await factory.headers(viewer), {name: str(lease.id) for name, lease in leases.items()}
    )


ANN_TYPED = ["0470 12 34 56", "0470123456", "+32 470 12 34 56", "0032 470 12 34 56", "470 12 34"]


async def _found(
    client: httpx.AsyncClient, book: Book, path: str, q: str
) -> list[dict[str, object]]:
    response = await client.get(path, params={"q": q}, headers=book.headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, object]] = response.json()["items"]
    return items


@pytest.mark.parametrize("typed", ANN_TYPED)
async def test_tenants_and_customers_found_by_a_number_as_people_type_it(
    client: httpx.AsyncClient, book: Book, typed: str
) -> None:
    found = await _found(client, book, "/api/v1/tenants", typed)
    # Ann of the other agency has the same number.
    assert [(t["last_name"], t["phone"]) for t in found] == [("Archer", ANN_PHONE)]
    # The Customers tab is the same search over the tenants with a portal login.
    customers = await client.get(
        "/api/v1/tenants", params={"q": typed, "has_portal_account": "true"}, headers=book.headers
    )
    assert [t["last_name"] for t in customers.json()["items"]] == ["Archer"]


@pytest.mark.parametrize("typed", ANN_TYPED)
async def test_invoices_payments_and_leases_found_by_a_tenants_number(
    client: httpx.AsyncClient, book: Book, typed: str
) -> None:
    invoices = await _found(client, book, "/api/v1/invoices", typed)
    assert [i["lease_id"] for i in invoices] == [book.lease_of["ann"]]
    payments = await _found(client, book, "/api/v1/payments", typed)
    assert [p["lease_id"] for p in payments] == [book.lease_of["ann"]]
    leases = await _found(client, book, "/api/v1/leases", typed)
    assert [lease["id"] for lease in leases] == [book.lease_of["ann"]]
    totals = await client.get("/api/v1/invoice-totals", params={"q": typed}, headers=book.headers)
    assert (totals.json()["invoices"], totals.json()["total"]) == (1, 95_000)


async def test_partial_digits_and_foreign_numbers(client: httpx.AsyncClient, book: Book) -> None:
    async def names(q: str) -> set[object]:
        return {t["first_name"] for t in await _found(client, book, "/api/v1/tenants", q)}

    # Digits from the middle of a number, with or without separators.
    assert await names("012 34 56") == {"Ann"}
    assert await names("98-76-54") == {"Bob"}
    # Every Belgian mobile starting 047...
    assert await names("047") == {"Ann", "Bob"}
    # A number of another country is found by its international form.
    assert await names("+33 6 12 34 56 78") == {"Zoé"}
    assert await names("6 12 34 56 78") == {"Zoé"}
    # A search that is not a number finds no number: a number in it is part of a name.
    assert await names("0470 ann") == set()


async def test_names_and_emails_are_still_found(client: httpx.AsyncClient, book: Book) -> None:
    tenants = await _found(client, book, "/api/v1/tenants", "archer ann")
    assert [t["first_name"] for t in tenants] == ["Ann"]
    by_email = await _found(client, book, "/api/v1/tenants", "@example.com")
    assert {t["first_name"] for t in by_email} == {"Ann", "Bob", "Zoé"}
    payments = await _found(client, book, "/api/v1/payments", "zoé")
    assert [p["lease_id"] for p in payments] == [book.lease_of["bob"]]
    invoices = await _found(client, book, "/api/v1/invoices", "brown")
    assert [i["lease_id"] for i in invoices] == [book.lease_of["bob"]]
