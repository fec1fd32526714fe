"""The collections center's figures, to the cent, on a hand-built book; ageing buckets; and
the number of queries, which must not grow with the number of leases."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from doorstep.agencies.models import Agency, StaffRole
from doorstep.leases.models import Lease
from doorstep.properties.models import Property
from doorstep.tenants.models import Tenant
from tests.collections.builders import bulk_book, credit, invoice, named_tenant, pay, refund, void
from tests.factories import Factory

NOVEMBER = {"from": "2026-11-01", "to": "2026-11-30"}


@dataclass
class Book:
    agency: Agency
    headers: dict[str, str]
    alpha: Property
    beta: Property
    ann: Tenant
    cara: Tenant
    l1: Lease
    l2: Lease
    l3: Lease


@pytest.fixture
async def book(factory: Factory) -> Book:
    """November 2026 (today is 23 November, Europe/Brussels):

    L1 Ann Archer, Alpha House A1: 950.00 due 1 Nov, paid in full; 120.50 due 15 Nov with a
       20.50 credit note and 40.00 paid; 950.00 due 1 Oct unpaid (outside the period);
       a draft due 10 Nov and a void 500.00 due 5 Nov (neither counts).
    L2 Bob and Cara Baker, Alpha House A2: 1,200.00 due 1 Nov, 1,000.00 paid; 200.00 more paid
       and refunded (the allocation is reversed).
    L3 Dan Dune, Beta Court B1: 800.00 due 30 Nov unpaid; 800.00 due 1 Dec (outside).
    """
    agency = await factory.agency()
    staff = await factory.staff(agency, StaffRole.ACCOUNTANT)
    alpha = await factory.property(agency, "Alpha House")
    beta = await factory.property(agency, "Beta Court")
    ann = await named_tenant(factory, agency, "Ann", "Archer")
    bob = await named_tenant(factory, agency, "Bob", "Baker")
    cara = await named_tenant(factory, agency, "Cara", "Baker")
    dan = await named_tenant(factory, agency, "Dan", "Dune")
    l1 = await factory.lease(agency, [ann], unit=await factory.unit(agency, alpha, "A1"))
    l2 = await factory.lease(agency, [bob, cara], unit=await factory.unit(agency, alpha, "A2"))
    l3 = await factory.lease(agency, [dan], unit=await factory.unit(agency, beta, "B1"))

    a = await invoice(factory, agency, l1, staff, due=date(2026, 11, 1), amount=95_000)
    b = await invoice(factory, agency, l1, staff, due=date(2026, 11, 15), amount=12_050)
    await invoice(factory, agency, l1, staff, due=date(2026, 10, 1), amount=95_000)
    await invoice(factory, agency, l1, staff, due=date(2026, 11, 10), amount=70_000, draft=True)
    wrong = await invoice(factory, agency, l1, staff, due=date(2026, 11, 5), amount=50_000)
    await void(factory, agency, staff, wrong)
    await credit(factory, agency, staff, b, 2_050)
    await pay(factory, agency, staff, l1, ann, amount=99_000, allocations=[(a, 95_000), (b, 4_000)])

    d = await invoice(factory, agency, l2, staff, due=date(2026, 11, 1), amount=120_000)
    await pay(factory, agency, staff, l2, bob, amount=100_000, allocations=[(d, 100_000)])
    twice = await pay(factory, agency, staff, l2, cara, amount=20_000, allocations=[(d, 20_000)])
    await refund(factory, agency, staff, twice, 20_000)

    await invoice(factory, agency, l3, staff, due=date(2026, 11, 30), amount=80_000)
    await invoice(factory, agency, l3, staff, due=date(2026, 12, 1), amount=80_000)
    return Book(
        agency=agency,
        headers=await factory.headers(await factory.staff(agency, StaffRole.VIEWER)),
        alpha=alpha,
        beta=beta,
        ann=ann,
        cara=cara,
        l1=l1,
        l2=l2,
        l3=l3,
    )


def _figures(expected: int, collected: int, invoices: int) -> dict[str, int]:
    return {
        "expected": expected,
        "collected": collected,
        "outstanding": expected - collected,
        "invoices": invoices,
    }


async def test_expected_collected_outstanding_per_agency_property_and_lease(
    client: httpx.AsyncClient, book: Book
) -> None:
    response = await client.get(
        "/api/v1/collections/summary", params=NOVEMBER, headers=book.headers
    )

    assert response.status_code == 200, response.text
    summary = response.json()
    assert (summary["currency"], summary["period_start"], summary["period_end"]) == (
        "EUR",
        "2026-11-01",
        "2026-11-30",
    )
    assert summary["totals"] == _figures(305_000, 199_000, 4)
    assert [(p["property_name"], p["leases"], p["figures"]) for p in summary["properties"]] == [
        ("Alpha House", 2, _figures(225_000, 199_000, 3)),
        ("Beta Court", 1, _figures(80_000, 0, 1)),
    ]

    leases = (
        await client.get("/api/v1/collections/leases", params=NOVEMBER, headers=book.headers)
    ).json()
    assert leases["totals"] == summary["totals"]
    assert [
        (
            row["lease_id"],
            row["property_name"],
            row["unit_name"],
            [t["name"] for t in row["tenants"]],
            row["figures"],
        )
        for row in leases["leases"]
    ] == [
        (str(book.l1.id), "Alpha House", "A1", ["Ann Archer"], _figures(105_000, 99_000, 2)),
        (
            str(book.l2.id),
            "Alpha House",
            "A2",
            ["Bob Baker", "Cara Baker"],
            _figures(120_000, 100_000, 1),
        ),
        (str(book.l3.id), "Beta Court", "B1", ["Dan Dune"], _figures(80_000, 0, 1)),
    ]


async def test_filters_and_sorting(client: httpx.AsyncClient, book: Book) -> None:
    beta = await client.get(
        "/api/v1/collections/summary",
        params=NOVEMBER | {"property_id": str(book.beta.id)},
        headers=book.headers,
    )
    assert beta.json()["totals"] == _figures(80_000, 0, 1)
    assert [p["property_name"] for p in beta.json()["properties"]] == ["Beta Court"]

    cara = await client.get(
        "/api/v1/collections/leases",
        params=NOVEMBER | {"tenant_id": str(book.cara.id)},
        headers=book.headers,
    )
    assert [row["lease_id"] for row in cara.json()["leases"]] == [str(book.l2.id)]
    assert cara.json()["totals"] == _figures(120_000, 100_000, 1)

    async def order(**params: str) -> list[str]:
        response = await client.get(
            "/api/v1/collections/leases", params=NOVEMBER | params, headers=book.headers
        )
        assert response.status_code == 200, response.text
        return [row["lease_id"] for row in response.json()["leases"]]

    l1, l2, l3 = str(book.l1.id), str(book.l2.id), str(book.l3.id)
    assert await order(sort="outstanding", order="desc") == [l3, l2, l1]
    assert await order(sort="collected", order="asc") == [l3, l1, l2]
    assert await order(sort="tenant", order="desc") == [l3, l2, l1]
    assert await order(sort="property") == [l1, l2, l3]


async def test_time_series_per_week_and_month(client: httpx.AsyncClient, book: Book) -> None:
    weekly = (
        await client.get("/api/v1/collections/summary", params=NOVEMBER, headers=book.headers)
    ).json()

    assert weekly["interval"] == "week"
    assert [
        (p["start"], p["end"], p["expected"], p["collected"], p["outstanding"])
        for p in weekly["series"]
    ] == [
        # 1 November 2026 is a Sunday: the first calendar week is clipped to one day.
        ("2026-11-01", "2026-11-01", 215_000, 195_000, 20_000),
        ("2026-11-02", "2026-11-08", 0, 0, 0),
        ("2026-11-09", "2026-11-15", 10_000, 4_000, 6_000),
        ("2026-11-16", "2026-11-22", 0, 0, 0),
        ("2026-11-23", "2026-11-29", 0, 0, 0),
        ("2026-11-30", "2026-11-30", 80_000, 0, 80_000),
    ]

    monthly = (
        await client.get(
            "/api/v1/collections/summary",
            params={"from": "2026-10-01", "to": "2026-12-31", "interval": "month"},
            headers=book.headers,
        )
    ).json()
    assert [(p["start"], p["expected"], p["collected"]) for p in monthly["series"]] == [
        ("2026-10-01", 95_000, 0),
        ("2026-11-01", 305_000, 199_000),
        ("2026-12-01", 80_000, 0),
    ]
    assert monthly["totals"] == _figures(480_000, 199_000, 6)


async def test_the_default_period_is_this_month_and_bad_periods_are_refused(
    client: httpx.AsyncClient, book: Book
) -> None:
    default = await client.get("/api/v1/collections/summary", headers=book.headers)
    assert (default.json()["period_start"], default.json()["period_end"]) == (
        "2026-11-01",
        "2026-11-30",
    )
    backwards = await client.get(
        "/api/v1/collections/leases",
        params={"from": "2026-11-30", "to": "2026-11-01"},
        headers=book.headers,
    )
    assert backwards.status_code == 422
    assert backwards.json()["errors"][0]["field"] == "to"
    too_long = await client.get(
        "/api/v1/collections/summary",
        params={"from": "2020-01-01", "to": "2026-11-30"},
        headers=book.headers,
    )
    assert too_long.status_code == 422


# ------------------------------------------------------------------------------- ageing


async def test_ageing_buckets_at_a_date(client: httpx.AsyncClient, factory: Factory) -> None:
    """Invoices 5, 45, 75 and 120 days overdue at 23 November, plus the bucket edges (30, 90 and
    91 days), a partly paid one, a credited one, one due today and a paid one."""
    agency = await factory.agency()
    staff = await factory.staff(agency, StaffRole.MANAGER)
    ann = await named_tenant(factory, agency, "Ann", "Archer")
    bob = await named_tenant(factory, agency, "Bob", "Baker")
    l1 = await factory.lease(agency, [ann])
    l2 = await factory.lease(agency, [bob])

    five = await invoice(factory, agency, l1, staff, due=date(2026, 11, 18), amount=10_000)
    await invoice(factory, agency, l1, staff, due=date(2026, 10, 9), amount=20_000)  # 45 days
    await pay(factory, agency, staff, l1, ann, amount=3_000, allocations=[(five, 3_000)])
    # Left unallocated: credit, used at once on l1's oldest open invoice (issue 11): the
    # 45-day one now asks for 18,500.
    await pay(factory, agency, staff, l1, ann, amount=1_500, allocations=None)
    seventy_five = await invoice(factory, agency, l2, staff, due=date(2026, 9, 9), amount=30_000)
    await credit(factory, agency, staff, seventy_five, 5_000)
    await invoice(factory, agency, l2, staff, due=date(2026, 7, 26), amount=40_000)  # 120 days
    await invoice(factory, agency, l2, staff, due=date(2026, 10, 24), amount=1_000)  # 30 days
    await invoice(factory, agency, l2, staff, due=date(2026, 8, 25), amount=2_000)  # 90 days
    await invoice(factory, agency, l2, staff, due=date(2026, 8, 24), amount=3_000)  # 91 days
    await invoice(factory, agency, l2, staff, due=date(2026, 11, 23), amount=9_000)  # due today
    paid = await invoice(factory, agency, l2, staff, due=date(2026, 11, 13), amount=4_000)
    await pay(factory, agency, staff, l2, bob, amount=4_000, allocations=[(paid, 4_000)])
    headers = await factory.headers(staff)

    response = await client.get(
        "/api/v1/collections/overdue", params={"at": "2026-11-23"}, headers=headers
    )

    assert response.status_code == 200, response.text
    overdue = response.json()
    assert overdue["at"] == "2026-11-23"
    assert overdue["totals"] == {
        "days_1_30": 8_000,
        "days_31_60": 18_500,
        "days_61_90": 27_000,
        "over_90": 43_000,
        "total": 96_500,
        "invoices": 7,
    }
    rows = {row["lease_id"]: row for row in overdue["leases"]}
    assert [row["lease_id"] for row in overdue["leases"]] == [str(l2.id), str(l1.id)]
    assert rows[str(l1.id)]["ageing"] == {
        "days_1_30": 7_000,
        "days_31_60": 18_500,
        "days_61_90": 0,
        "over_90": 0,
        "total": 25_500,
        "invoices": 2,
    }
    assert (rows[str(l1.id)]["oldest_due_date"], rows[str(l1.id)]["credit"]) == (
        "2026-10-09",
        0,
    )
    assert rows[str(l2.id)]["ageing"] == {
        "days_1_30": 1_000,
        "days_31_60": 0,
        "days_61_90": 27_000,
        "over_90": 43_000,
        "total": 71_000,
        "invoices": 5,
    }
    assert rows[str(l2.id)]["tenants"] == [{"id": str(bob.id), "name": "Bob Baker"}]

    default = await client.get("/api/v1/collections/overdue", headers=headers)
    assert default.json() == overdue

    # A month later every invoice is older, and the one due on the 23rd is overdue too.
    later = (
        await client.get(
            "/api/v1/collections/overdue", params={"at": "2026-12-23"}, headers=headers
        )
    ).json()
    assert later["totals"] == {
        "days_1_30": 9_000,
        "days_31_60": 7_000 + 1_000,
        "days_61_90": 18_500,
        "over_90": 25_000 + 40_000 + 2_000 + 3_000,
        "total": 105_500,
        "invoices": 8,
    }
    only_ann = (
        await client.get(
            "/api/v1/collections/overdue", params={"tenant_id": str(ann.id)}, headers=headers
        )
    ).json()
    assert [row["lease_id"] for row in only_ann["leases"]] == [str(l1.id)]
    assert only_ann["totals"]["total"] == 25_500
    oldest_first = (
        await client.get(
            "/api/v1/collections/overdue",
            params={"sort": "oldest", "order": "asc"},
            headers=headers,
        )
    ).json()
    assert [row["lease_id"] for row in oldest_first["leases"]] == [str(l2.id), str(l1.id)]


# ------------------------------------------------------------------------- query counts


@contextmanager
def counting(engine: AsyncEngine) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


async def test_reports_take_the_same_few_queries_for_any_number_of_leases(
    client: httpx.AsyncClient, factory: Factory, engine: AsyncEngine
) -> None:
    counts: dict[int, dict[str, int]] = {}
    for leases in (3, 300):
        agency = await factory.agency(f"Agency of {leases}")
        staff = await factory.staff(agency, StaffRole.VIEWER)
        await bulk_book(factory.session, agency, staff, leases)
        headers = await factory.headers(staff)
        counts[leases] = {}
        for path, params in (
            ("/api/v1/collections/summary", {"from": "2026-10-01", "to": "2026-11-30"}),
            ("/api/v1/collections/leases", {"from": "2026-10-01", "to": "2026-11-30"}),
            ("/api/v1/collections/overdue", {}),
        ):
            with counting(engine) as statements:
                response = await client.get(path, params=params, headers=headers)
            assert response.status_code == 200, response.text
            counts[leases][path] = len(statements)
        assert response.json()["totals"]["total"] == 95_000 * leases
        summary = await client.get(
            "/api/v1/collections/summary",
            params={"from": "2026-10-01", "to": "2026-11-30"},
            headers=headers,
        )
        assert summary.json()["totals"] == _figures(190_000 * leases, 95_000 * leases, 2 * leases)

    assert counts[300] == counts[3]
    # Sign-in check and savepoint bookkeeping aside, a report is one or two queries.
    assert counts[3]["/api/v1/collections/overdue"] <= counts[3]["/api/v1/collections/leases"]
    assert counts[3]["/api/v1/collections/summary"] == counts[3]["/api/v1/collections/leases"] + 1
