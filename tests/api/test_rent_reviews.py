"""Rent reviews through the API: the rent in effect on the agency's today (tests' clock: 23
November 2026, Europe/Brussels) wherever a lease is shown, the history staff read, and the
next rent due before its invoice exists."""

from __future__ import annotations

from datetime import date

import httpx

from doorstep.agencies.models import Agency, StaffRole
from doorstep.leases.models import Lease
from doorstep.tenants.models import Tenant
from tests.factories import Factory

RENT = 95_000


async def _lease(factory: Factory) -> tuple[Agency, dict[str, str], Lease, Tenant]:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant], start=date(2026, 1, 1), rent=RENT)
    return agency, await factory.headers(manager), lease, tenant


async def _review(
    client: httpx.AsyncClient, headers: dict[str, str], lease: Lease, day: str, amount: int
) -> httpx.Response:
    return await client.post(
        f"/api/v1/leases/{lease.id}/rent-reviews",
        json={"effective_from": day, "rent": {"amount": amount, "currency": "EUR"}},
        headers=headers,
    )


def _money(amount: int) -> dict[str, object]:
    return {"amount": amount, "currency": "EUR"}


async def test_a_past_review_is_the_rent_in_effect_and_a_future_one_is_announced(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    _, headers, lease, tenant = await _lease(factory)
    past = await _review(client, headers, lease, "2026-06-01", 99_000)
    assert past.status_code == 201
    assert past.json()["reviewed_by_name"].strip()
    assert (await _review(client, headers, lease, "2027-03-01", 104_000)).status_code == 201

    detail = (await client.get(f"/api/v1/leases/{lease.id}", headers=headers)).json()
    assert detail["rent"] == _money(RENT)  # what was agreed at the start
    assert detail["current_rent"] == _money(99_000)
    assert detail["next_rent_review"] == {
        "effective_from": "2027-03-01",
        "rent": _money(104_000),
    }
    history = detail["rent_history"]
    assert [(r["effective_from"], r["rent"]["amount"]) for r in history] == [
        ("2026-06-01", 99_000),
        ("2027-03-01", 104_000),
    ]
    assert {r["reviewed_by_name"] for r in history} == {past.json()["reviewed_by_name"]}

    [listed] = (await client.get("/api/v1/leases", headers=headers)).json()["items"]
    assert listed["current_rent"] == _money(99_000)
    assert listed["next_rent_review"]["effective_from"] == "2027-03-01"

    tenant_headers = await factory.headers(tenant)
    [mine] = (await client.get("/api/v1/portal/leases", headers=tenant_headers)).json()["items"]
    assert mine["current_rent"] == _money(99_000)
    assert mine["next_rent_review"] == detail["next_rent_review"]
    assert "rent_history" not in mine  # who reviewed the rent is the agency's business
    assert mine["next_due_date"] == "2026-12-01"
    assert mine["next_due_amount"] == _money(99_000)  # not invoiced yet: the rent then


async def test_without_reviews_the_rent_in_effect_is_the_agreed_rent(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    _, headers, lease, _ = await _lease(factory)
    detail = (await client.get(f"/api/v1/leases/{lease.id}", headers=headers)).json()
    assert detail["current_rent"] == _money(RENT)
    assert detail["next_rent_review"] is None
    assert detail["rent_history"] == []


async def test_the_next_rent_due_is_the_rent_in_effect_on_its_due_date(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """A review from the next due date: today's rent is still the old one, the next rent to
    pay (not invoiced yet) is already the new one."""
    _, headers, lease, tenant = await _lease(factory)
    assert (await _review(client, headers, lease, "2026-12-01", 101_000)).status_code == 201
    tenant_headers = await factory.headers(tenant)
    mine = (await client.get(f"/api/v1/portal/leases/{lease.id}", headers=tenant_headers)).json()
    assert mine["current_rent"] == _money(RENT)
    assert mine["next_rent_review"] == {"effective_from": "2026-12-01", "rent": _money(101_000)}
    assert mine["next_due_date"] == "2026-12-01"
    assert mine["next_due_amount"] == _money(101_000)


async def test_review_refusals_are_problems_on_their_fields(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency, headers, lease, tenant = await _lease(factory)
    assert (await _review(client, headers, lease, "2027-01-01", 99_000)).status_code == 201

    same_day = await _review(client, headers, lease, "2027-01-01", 98_000)
    assert same_day.status_code == 409
    assert same_day.headers["content-type"].startswith("application/problem+json")

    before_start = await _review(client, headers, lease, "2025-12-31", 98_000)
    assert before_start.status_code == 422
    assert "effective_from" in before_start.text

    draft = await factory.lease(agency, [tenant], active=False)
    assert (await _review(client, headers, draft, "2027-01-01", 98_000)).status_code == 409

    accountant = await factory.headers(await factory.staff(agency, StaffRole.ACCOUNTANT))
    assert (await _review(client, accountant, lease, "2027-02-01", 98_000)).status_code == 403

    detail = (await client.get(f"/api/v1/leases/{lease.id}", headers=headers)).json()
    assert [r["rent"]["amount"] for r in detail["rent_history"]] == [99_000]
