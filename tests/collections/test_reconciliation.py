"""Bank reconciliation: importing statements, automatic matching, the review queue and the
card payments the gateway has not paid out yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.agencies.service import get_trust_account
from doorstep.billing.models import Invoice
from doorstep.collections.references import display_reference, lease_payment_reference
from doorstep.leases.models import Lease
from doorstep.payments.ledger.models import Payment, PaymentMethod, PaymentStatus, Receipt
from doorstep.tenants.models import Tenant
from tests.collections.builders import card_payment, invoice, named_tenant, pay
from tests.factories import Factory


@dataclass
class Books:
    agency: Agency
    accountant: StaffUser
    headers: dict[str, str]
    ann: Tenant
    lease: Lease
    november: Invoice
    december: Invoice
    transfer: Payment
    other_lease: Lease
    bob: Tenant


@pytest.fixture
async def books(factory: Factory) -> Books:
    agency = await factory.agency()
    accountant = await factory.staff(agency, StaffRole.ACCOUNTANT)
    ann = await named_tenant(factory, agency, "Ann", "Archer")
    lease = await factory.lease(agency, [ann])
    november = await invoice(
        factory, agency, lease, accountant, due=date(2026, 11, 1), amount=95_000
    )
    december = await invoice(
        factory, agency, lease, accountant, due=date(2026, 12, 1), amount=95_000
    )
    # Recorded by hand before the statement came in; it paid the key deposit (a lease's credit
    # settles its open invoices at once, issue 11, so this money leaves November untouched).
    await invoice(factory, agency, lease, accountant, due=date(2026, 10, 15), amount=50_000)
    transfer = await pay(
        factory,
        agency,
        accountant,
        lease,
        ann,
        amount=50_000,
        allocations=None,
        received_on=date(2026, 11, 20),
        reference="TRF-77812345",
    )
    bob = await named_tenant(factory, agency, "Bob", "Baker")
    other_lease = await factory.lease(agency, [bob])
    await invoice(factory, agency, other_lease, accountant, due=date(2026, 11, 1), amount=95_000)
    return Books(
        agency=agency,
        accountant=accountant,
        headers=await factory.headers(accountant),
        ann=ann,
        lease=lease,
        november=november,
        december=december,
        transfer=transfer,
        other_lease=other_lease,
        bob=bob,
    )


async def upload(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    content: bytes,
    name: str = "statement.csv",
) -> httpx.Response:
    return await client.post(
        "/api/v1/reconciliation/statements",
        files={"file": (name, content, "text/csv")},
        headers=headers,
    )


async def lines_of(
    client: httpx.AsyncClient, headers: dict[str, str], **params: str
) -> list[dict[str, Any]]:
    response = await client.get("/api/v1/reconciliation/lines", params=params, headers=headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_import_matches_payments_payouts_and_invoices_and_queues_the_rest(
    client: httpx.AsyncClient, factory: Factory, books: Books
) -> None:
    november, december = books.november.number, books.december.number
    assert november is not None
    assert december is not None
    # Bob's card payments (on his lease: unallocated card money on Ann's would be her credit,
    # used on her invoices the moment a line pays one).
    payout_payments = [
        await card_payment(
            factory.session,
            books.agency,
            books.other_lease,
            books.bob,
            amount=amount,
            succeeded_at=datetime(2026, 11, 18, 12, tzinfo=UTC),
            payout_reference="po_1QxYZabcDEF",
        )
        for amount in (20_000, 10_000)
    ]
    reference = display_reference(lease_payment_reference(books.lease.id))
    statement = (
        "Date;Amount;Reference;Counterparty\n"
        "21/11/2026;500,00;TRF-77812345 rent;ANN ARCHER\n"
        f"22/11/2026;950,00;Invoice {november} November;ARCHER A\n"
        f"22/11/2026;950,00;{reference};Ann Archer\n"
        "22/11/2026;123,45;something else;Unknown Ltd\n"
        "22/11/2026;-45,00;Bank fees;KBC\n"
        "23/11/2026;290,00;STRIPE PAYOUT po_1QxYZabcDEF;Stripe\n"
        f"23/11/2026;950,00;Invoice {december + 100};Somebody\n"
    )

    response = await upload(client, books.headers, statement.encode())

    assert response.status_code == 201, response.text
    imported = response.json()
    assert (imported["first_date"], imported["last_date"]) == ("2026-11-21", "2026-11-23")
    assert imported["counts"] == {
        "lines": 7,
        "credits": 6,
        "debits": 1,
        "credit_total": 50_000 + 95_000 + 95_000 + 12_345 + 29_000 + 95_000,
        "debit_total": 4_500,
        "matched": 4,
        "matched_automatically": 4,
        "unmatched": 2,
        "ignored": 1,
    }
    lines = await lines_of(client, books.headers, statement_id=imported["id"])
    summary = [
        (line["line_number"], line["status"], line["match_kind"], line["invoice_number"])
        for line in lines
    ]
    assert summary == [
        (2, "matched", "payment", None),
        (3, "matched", "invoice", november),
        (4, "matched", "invoice", december),
        (5, "unmatched", None, None),
        (6, "ignored", None, None),
        (7, "matched", "payout", None),
        (8, "unmatched", None, None),  # names an invoice that does not exist
    ]
    assert lines[0]["payment_id"] == str(books.transfer.id)
    assert lines[5]["payout_reference"] == "po_1QxYZabcDEF"
    assert lines[4]["ignore_reason"].startswith("Money paid out")
    assert {line["resolved_by_name"] for line in lines if line["status"] == "matched"} == {
        "Accountant Tester"
    }

    # The two invoice lines became bank transfers confirmed by the importer, allocated and
    # receipted; both invoices are paid.
    recorded = (
        await client.get(f"/api/v1/payments/{lines[1]['payment_id']}", headers=books.headers)
    ).json()
    assert (recorded["method"], recorded["amount"], recorded["received_on"]) == (
        "bank_transfer",
        95_000,
        "2026-11-22",
    )
    assert recorded["recorded_by_name"] == "Accountant Tester"
    assert recorded["reference"] == f"Invoice {november} November"
    assert [(a["invoice_number"], a["amount"]) for a in recorded["allocations"]] == [
        (november, 95_000)
    ]
    assert recorded["receipt_number"] is not None
    for target in (books.november, books.december):
        state = (await client.get(f"/api/v1/invoices/{target.id}", headers=books.headers)).json()
        assert (state["state"], state["outstanding"]) == ("paid", 0)
    assert lines[2]["lease_id"] == str(books.lease.id)
    # The card payments carry the gateway's payout reference: they are not waiting for it.
    waiting = (await client.get("/api/v1/reconciliation/unpaid-out", headers=books.headers)).json()
    assert (waiting["count"], len(payout_payments)) == (0, 2)

    queue = await lines_of(client, books.headers, status="unmatched")
    assert [line["line_number"] for line in queue] == [5, 8]
    debits = await lines_of(client, books.headers, direction="debit")
    assert [line["amount"] for line in debits] == [-4_500]


async def test_ambiguous_or_unsafe_lines_wait_for_a_person(
    client: httpx.AsyncClient, factory: Factory, books: Books
) -> None:
    """Same amount and a number that could be anybody's invoice; a reference naming one lease's
    invoice with the other lease's reference; a future date."""
    other_number = await factory.session.scalar(
        select(Invoice.number).where(Invoice.lease_id == books.other_lease.id)
    )
    mine = display_reference(lease_payment_reference(books.lease.id))
    statement = (
        "date,amount,reference,counterparty\n"
        "2026-11-22,950.00,Rent November 2026 flat 11,Ann Archer\n"
        f"2026-11-22,950.00,Invoice {other_number} {mine},Ann Archer\n"
        f"2026-11-30,950.00,Invoice {books.november.number},Ann Archer\n"
        "2026-11-22,500.00,TRF-7781,Ann Archer\n"
    )
    response = await upload(client, books.headers, statement.encode())
    assert response.status_code == 201, response.text
    assert response.json()["counts"]["unmatched"] == 4


async def test_review_actions(client: httpx.AsyncClient, factory: Factory, books: Books) -> None:
    statement = (
        "date,amount,reference,counterparty\n"
        "2026-11-21,400.00,part payment,A ARCHER\n"
        "2026-11-21,500.00,cash deposit,Ann\n"
        "2026-11-22,12.00,interest,KBC\n"
        "2026-11-22,7.00,mystery,?\n"
    )
    imported = (await upload(client, books.headers, statement.encode())).json()
    first, second, third, fourth = await lines_of(
        client, books.headers, statement_id=imported["id"]
    )
    assert {line["status"] for line in (first, second, third, fourth)} == {"unmatched"}
    viewer = await factory.headers(await factory.staff(books.agency, StaffRole.VIEWER))
    forbidden = await client.post(
        f"/api/v1/reconciliation/lines/{first['id']}/ignore",
        json={"reason": "x"},
        headers=viewer,
    )
    assert forbidden.status_code == 403

    # A part payment of an invoice: recorded and allocated, the invoice partly paid.
    matched = await client.post(
        f"/api/v1/reconciliation/lines/{first['id']}/match-invoice",
        json={"invoice_id": str(books.november.id)},
        headers=books.headers,
    )
    assert matched.status_code == 200, matched.text
    assert (matched.json()["status"], matched.json()["match_kind"]) == ("matched", "invoice")
    assert matched.json()["matched_automatically"] is False
    invoice_now = (
        await client.get(f"/api/v1/invoices/{books.november.id}", headers=books.headers)
    ).json()
    assert (invoice_now["state"], invoice_now["outstanding"]) == ("partially_paid", 55_000)
    again = await client.post(
        f"/api/v1/reconciliation/lines/{first['id']}/match-invoice",
        json={"invoice_id": str(books.november.id)},
        headers=books.headers,
    )
    assert again.status_code == 409
    assert again.json()["type"] == "urn:doorstep:problem:statement-line-not-open"

    # The 500.00 is the transfer recorded by hand: the amounts must agree.
    wrong = await client.post(
        f"/api/v1/reconciliation/lines/{third['id']}/match-payment",
        json={"payment_id": str(books.transfer.id)},
        headers=books.headers,
    )
    assert wrong.status_code == 409
    right = await client.post(
        f"/api/v1/reconciliation/lines/{second['id']}/match-payment",
        json={"payment_id": str(books.transfer.id)},
        headers=books.headers,
    )
    assert right.status_code == 200, right.text
    assert (right.json()["payment_id"], right.json()["lease_id"]) == (
        str(books.transfer.id),
        str(books.lease.id),
    )

    ignored = await client.post(
        f"/api/v1/reconciliation/lines/{third['id']}/ignore",
        json={"reason": "Interest from the bank"},
        headers=books.headers,
    )
    assert (ignored.json()["status"], ignored.json()["ignore_reason"]) == (
        "ignored",
        "Interest from the bank",
    )
    reopened = await client.post(
        f"/api/v1/reconciliation/lines/{third['id']}/reopen", headers=books.headers
    )
    assert reopened.json()["status"] == "unmatched"

    unknown_invoice = await client.post(
        f"/api/v1/reconciliation/lines/{fourth['id']}/match-invoice",
        json={"invoice_id": str(books.transfer.id)},
        headers=books.headers,
    )
    assert unknown_invoice.status_code == 422
    assert unknown_invoice.json()["errors"][0]["field"] == "invoice_id"
    wrong_tenant = await client.post(
        f"/api/v1/reconciliation/lines/{fourth['id']}/match-invoice",
        json={"invoice_id": str(books.december.id), "tenant_id": str(books.accountant.id)},
        headers=books.headers,
    )
    assert wrong_tenant.status_code == 422
    assert wrong_tenant.json()["errors"][0]["field"] == "tenant_id"

    counts = (
        await client.get(
            f"/api/v1/reconciliation/statements/{imported['id']}", headers=books.headers
        )
    ).json()["counts"]
    assert (counts["matched"], counts["unmatched"], counts["ignored"]) == (2, 2, 0)
    assert counts["matched_automatically"] == 0


async def test_oldest_invoice_first_accounts_allocate_automatically(
    client: httpx.AsyncClient, factory: Factory, books: Books
) -> None:
    """Seed 003: with the setting on, the line's money settles the oldest invoice first even
    when it names a later one."""
    (await get_trust_account(factory.session, books.agency.id)).receipt_oldest_invoice_first = True
    older = await invoice(
        factory, books.agency, books.lease, books.accountant, due=date(2026, 10, 1), amount=95_000
    )
    statement = f"date,amount,reference\n2026-11-22,950.00,INV-{books.november.number}\n"
    imported = (await upload(client, books.headers, statement.encode())).json()
    (line,) = await lines_of(client, books.headers, statement_id=imported["id"])
    assert (line["status"], line["invoice_number"]) == ("matched", books.november.number)
    payment = (
        await client.get(f"/api/v1/payments/{line['payment_id']}", headers=books.headers)
    ).json()
    assert [a["invoice_id"] for a in payment["allocations"]] == [str(older.id)]


async def test_the_same_file_is_imported_once(client: httpx.AsyncClient, books: Books) -> None:
    content = f"date,amount,reference\n2026-11-22,950.00,Invoice {books.november.number}\n".encode()
    first = await upload(client, books.headers, content)
    assert first.status_code == 201
    second = await upload(client, books.headers, content, name="renamed.csv")
    assert second.status_code == 409
    assert second.json()["type"] == "urn:doorstep:problem:statement-already-imported"
    assert first.json()["id"] in second.json()["detail"]
    receipts = await client.get(
        "/api/v1/payments", params={"lease_id": str(books.lease.id)}, headers=books.headers
    )
    assert len(receipts.json()["items"]) == 2  # the transfer recorded by hand, and this one
    listed = await client.get("/api/v1/reconciliation/statements", headers=books.headers)
    assert [s["id"] for s in listed.json()["items"]] == [first.json()["id"]]


async def test_unreadable_files_are_refused_with_the_line(
    client: httpx.AsyncClient, books: Books
) -> None:
    bad = await upload(
        client, books.headers, b"date;amount;reference\n2026-11-20;12,00;ok\n2026-11-21;12,3,4;x\n"
    )
    assert bad.status_code == 422
    problem = bad.json()
    assert problem["type"] == "urn:doorstep:problem:statement-unreadable"
    assert problem["errors"][0]["field"] == "file.line 3.amount"
    assert problem["detail"].startswith("Line 3, amount:")
    assert (await lines_of(client, books.headers)) == []  # nothing of it was kept

    too_big = await upload(client, books.headers, b"date,amount\n" + b"2026-11-20,1.00\n" * 150_000)
    assert too_big.status_code == 413
    no_file = await client.post(
        "/api/v1/reconciliation/statements", data={"x": "y"}, headers=books.headers
    )
    assert no_file.status_code == 422
    not_multipart = await client.post(
        "/api/v1/reconciliation/statements", json={"file": "x"}, headers=books.headers
    )
    assert not_multipart.status_code == 422


async def test_unpaid_out_lists_online_payments_the_gateway_still_owes(
    client: httpx.AsyncClient, factory: Factory, books: Books
) -> None:
    session, agency, lease, ann = factory.session, books.agency, books.lease, books.ann
    older = await card_payment(
        session,
        agency,
        lease,
        ann,
        amount=95_000,
        succeeded_at=datetime(2026, 11, 13, 10, tzinfo=UTC),
    )
    link = await card_payment(
        session,
        agency,
        lease,
        ann,
        amount=12_345,
        succeeded_at=datetime(2026, 11, 22, 23, 30, tzinfo=UTC),  # the 23rd in Brussels
        method=PaymentMethod.PAYMENT_LINK,
    )
    await card_payment(
        session,
        agency,
        lease,
        ann,
        amount=1,
        succeeded_at=datetime(2026, 11, 1, tzinfo=UTC),
        payout_reference="po_done",
    )
    await card_payment(
        session, agency, lease, ann, amount=2, succeeded_at=None, status=PaymentStatus.PENDING
    )
    await card_payment(
        session, agency, lease, ann, amount=3, succeeded_at=None, status=PaymentStatus.FAILED
    )

    response = await client.get("/api/v1/reconciliation/unpaid-out", headers=books.headers)

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["count"], body["total"], body["currency"]) == (2, 107_345, "EUR")
    assert [
        (i["payment_id"], i["method"], i["amount"], i["days_waiting"], i["tenant_name"])
        for i in body["items"]
    ] == [
        (str(older.id), "card", 95_000, 10, "Ann Archer"),
        (str(link.id), "payment_link", 12_345, 0, "Ann Archer"),
    ]
    paged = await client.get(
        "/api/v1/reconciliation/unpaid-out", params={"limit": 1}, headers=books.headers
    )
    assert len(paged.json()["items"]) == 1
    assert paged.json()["count"] == 2
    nxt = await client.get(
        "/api/v1/reconciliation/unpaid-out",
        params={"limit": 1, "cursor": paged.json()["next_cursor"]},
        headers=books.headers,
    )
    assert [i["payment_id"] for i in nxt.json()["items"]] == [str(link.id)]


async def test_receipts_are_issued_for_recorded_lines(
    client: httpx.AsyncClient, factory: Factory, books: Books
) -> None:
    statement = f"date,amount,reference\n2026-11-22,950.00,Invoice {books.november.number}\n"
    imported = (await upload(client, books.headers, statement.encode())).json()
    (line,) = await lines_of(client, books.headers, statement_id=imported["id"])
    receipt = await factory.session.scalar(
        select(Receipt).where(Receipt.payment_id == line["payment_id"])
    )
    assert receipt is not None
