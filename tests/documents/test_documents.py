"""Seed 002's documents section: staff publish files on a lease (kinds, type and size checks,
withdrawal, who may), every tenant of the lease sees them with their receipts and annual
account statements, the statement's figures come from the ledger to the cent, and the
tenants are e-mailed."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.billing.models import CreditNoteKind, InvoiceKind
from doorstep.billing.service import NewLine, create_invoice, issue_credit_note
from doorstep.core.clock import FixedClock
from doorstep.customers.service import delete_customer
from doorstep.documents.models import LeaseDocument
from doorstep.documents.service import MAX_FILE_BYTES
from doorstep.leases.models import Lease, LeaseStatus
from doorstep.notifications.models import OutboxMessage
from doorstep.payments.ledger.balances import tenant_lease_balances
from doorstep.payments.ledger.models import PaymentMethod, RefundStatus
from doorstep.payments.ledger.service import record_offline_payment, request_refund
from doorstep.tenants.models import Tenant
from tests.factories import Factory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _image(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 30)).save(buffer, format=kind)
    return buffer.getvalue()


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return text.replace("\u202f", " ").replace("\xa0", " ")


@dataclass(frozen=True)
class Book:
    agency: Agency
    manager: StaffUser
    first: Tenant
    second: Tenant
    lease: Lease


@pytest.fixture
async def book(factory: Factory) -> Book:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    first = await factory.tenant(agency, first_name="Anna")
    second = await factory.tenant(agency, first_name="Bram")
    lease = await factory.lease(agency, [first, second])
    return Book(agency, manager, first, second, lease)


async def _publish(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    lease_id: uuid.UUID | str,
    *,
    content: bytes = PDF,
    name: str = "etat-des-lieux.pdf",
    key: str | None = None,
    **fields: str,
) -> httpx.Response:
    form = {"kind": "condition_report_move_in", "title": "Condition report at move-in"} | fields
    return await client.post(
        f"/api/v1/leases/{lease_id}/documents",
        data=form,
        files={"file": (name, content, "application/octet-stream")},
        headers=headers | {"Idempotency-Key": key or str(uuid.uuid4())},
    )


async def _emails(session: AsyncSession, kind: str) -> list[OutboxMessage]:
    return list(
        await session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)
        )
    )


async def test_a_published_document_reaches_every_tenant_of_the_lease_and_their_mailbox(
    client: httpx.AsyncClient, factory: Factory, book: Book, session: AsyncSession
) -> None:
    staff = await factory.headers(book.manager)
    key = str(uuid.uuid4())
    sent = await _publish(client, staff, book.lease.id, key=key)
    assert sent.status_code == 201, sent.text
    document = sent.json()
    assert document["kind"] == "condition_report_move_in"
    assert document["title"] == "Condition report at move-in"
    assert (document["file_name"], document["content_type"]) == (
        "etat-des-lieux.pdf",
        "application/pdf",
    )
    assert document["file_size"] == len(PDF)
    assert document["published_at"] == "2026-11-23T09:00:00Z"
    assert document["published_by_name"] == f"{book.manager.first_name} {book.manager.last_name}"
    assert document["withdrawn_at"] is None

    # The same key replays the answer: one document, one e-mail per tenant.
    again = await _publish(client, staff, book.lease.id, key=key)
    assert again.status_code == 201
    assert again.json()["id"] == document["id"]
    mails = await _emails(session, "lease_document_published")
    assert sorted(m.to_address for m in mails) == sorted([book.first.email, book.second.email])
    assert mails[0].subject == "New document from Acme Lettings: Condition report at move-in"
    assert "condition report at move-in" in mails[0].text_body
    assert "/portal/documents" in mails[0].text_body

    for tenant in (book.first, book.second):
        headers = await factory.headers(tenant)
        listed = await client.get("/api/v1/portal/documents", headers=headers)
        assert listed.status_code == 200
        (item,) = [i for i in listed.json()["items"] if i["document_id"] == document["id"]]
        assert item["kind"] == "condition_report_move_in"
        assert item["date"] == "2026-11-23"
        download = await client.get(
            f"/api/v1/portal/documents/{document['id']}/file", headers=headers
        )
        assert download.status_code == 200
        assert download.content == PDF
        assert download.headers["content-type"] == "application/pdf"
        assert download.headers["content-disposition"].startswith(
            'attachment; filename="etat-des-lieux.pdf"'
        )
        assert download.headers["x-content-type-options"] == "nosniff"

    staff_download = await client.get(
        f"/api/v1/leases/{book.lease.id}/documents/{document['id']}/file", headers=staff
    )
    assert staff_download.content == PDF


async def test_the_e_mail_is_in_the_agency_language(
    client: httpx.AsyncClient, factory: Factory, book: Book, session: AsyncSession
) -> None:
    book.agency.locale = "fr-BE"
    await session.flush()
    sent = await _publish(
        client,
        await factory.headers(book.manager),
        book.lease.id,
        kind="signed_lease",
        title="Bail signé",
    )
    assert sent.status_code == 201, sent.text
    mail = (await _emails(session, "lease_document_published"))[0]
    assert mail.subject == "Nouveau document de Acme Lettings : Bail signé"
    assert "(bail signé)" in mail.text_body


async def test_kinds_years_types_and_sizes(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    staff = await factory.headers(book.manager)
    png = await _publish(client, staff, book.lease.id, content=_image("PNG"), name="cert.pdf")
    assert png.status_code == 201, png.text
    # The name's extension follows what the file is, not what it said.
    assert (png.json()["content_type"], png.json()["file_name"]) == ("image/png", "cert.png")
    jpeg = await _publish(
        client, staff, book.lease.id, content=_image("JPEG"), kind="certificate", title="EPC"
    )
    assert jpeg.json()["content_type"] == "image/jpeg"

    no_year = await _publish(
        client, staff, book.lease.id, kind="expense_statement", title="Charges", year=""
    )
    assert no_year.status_code == 422
    assert no_year.headers["content-type"] == "application/problem+json"
    assert "year" in no_year.text
    statement = await _publish(
        client, staff, book.lease.id, kind="expense_statement", title="Charges", year="2025"
    )
    assert statement.status_code == 201
    assert statement.json()["year"] == 2025
    for bad_year in ("1800", "99999999999999999999", "soon"):
        refused = await _publish(
            client, staff, book.lease.id, kind="expense_statement", title="Charges", year=bad_year
        )
        assert refused.status_code == 422, bad_year

    for content in (b"<html><script>alert(1)</script></html>", b"GIF89a" + b"\0" * 20, b""):
        refused = await _publish(client, staff, book.lease.id, content=content, name="x.pdf")
        assert refused.status_code == 422, content
        assert "file" in refused.text
    huge = await _publish(client, staff, book.lease.id, content=PDF + b"\0" * MAX_FILE_BYTES)
    assert huge.status_code == 413
    assert huge.headers["content-type"] == "application/problem+json"
    blank = await _publish(client, staff, book.lease.id, title="   ")
    assert blank.status_code == 422
    unknown = await _publish(client, staff, book.lease.id, kind="passport")
    assert unknown.status_code == 422

    listed = await client.get(f"/api/v1/leases/{book.lease.id}/documents", headers=staff)
    assert [d["kind"] for d in listed.json()] == [
        "expense_statement",
        "certificate",
        "condition_report_move_in",
    ]


async def test_withdrawn_documents_leave_the_portal_and_keep_their_record(
    client: httpx.AsyncClient, factory: Factory, book: Book, session: AsyncSession
) -> None:
    staff = await factory.headers(book.manager)
    tenant = await factory.headers(book.first)
    document = (await _publish(client, staff, book.lease.id)).json()
    owner = await factory.staff(book.agency, StaffRole.OWNER)
    owner_headers = await factory.headers(owner)

    withdrawn = await client.post(
        f"/api/v1/leases/{book.lease.id}/documents/{document['id']}/withdraw",
        headers=owner_headers,
    )
    assert withdrawn.status_code == 200, withdrawn.text
    assert withdrawn.json()["withdrawn_at"] == "2026-11-23T09:00:00Z"
    assert withdrawn.json()["withdrawn_by_name"] == f"{owner.first_name} {owner.last_name}"
    twice = await client.post(
        f"/api/v1/leases/{book.lease.id}/documents/{document['id']}/withdraw",
        headers=owner_headers,
    )
    assert twice.status_code == 409

    listed = await client.get("/api/v1/portal/documents", headers=tenant)
    assert document["id"] not in [i["document_id"] for i in listed.json()["items"]]
    gone = await client.get(f"/api/v1/portal/documents/{document['id']}/file", headers=tenant)
    assert gone.status_code == 404
    kept = await client.get(f"/api/v1/leases/{book.lease.id}/documents", headers=staff)
    assert [d["withdrawn_at"] for d in kept.json()] == ["2026-11-23T09:00:00Z"]


async def test_only_owners_and_managers_publish_and_withdraw_every_role_reads(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    document = (await _publish(client, await factory.headers(book.manager), book.lease.id)).json()
    for role in (StaffRole.ACCOUNTANT, StaffRole.VIEWER):
        headers = await factory.headers(await factory.staff(book.agency, role))
        assert (await _publish(client, headers, book.lease.id)).status_code == 403
        withdraw = await client.post(
            f"/api/v1/leases/{book.lease.id}/documents/{document['id']}/withdraw",
            headers=headers,
        )
        assert withdraw.status_code == 403
        listed = await client.get(f"/api/v1/leases/{book.lease.id}/documents", headers=headers)
        assert [d["id"] for d in listed.json()] == [document["id"]]
        file = await client.get(
            f"/api/v1/leases/{book.lease.id}/documents/{document['id']}/file", headers=headers
        )
        assert file.status_code == 200


async def test_other_tenants_and_agencies_get_404(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    document = (await _publish(client, await factory.headers(book.manager), book.lease.id)).json()
    neighbour = await factory.tenant(book.agency, first_name="Nina")
    other_lease = await factory.lease(book.agency, [neighbour])
    neighbour_headers = await factory.headers(neighbour)
    assert (
        await client.get(
            f"/api/v1/portal/documents/{document['id']}/file", headers=neighbour_headers
        )
    ).status_code == 404
    listed = await client.get("/api/v1/portal/documents", headers=neighbour_headers)
    assert document["id"] not in [i["document_id"] for i in listed.json()["items"]]
    assert (
        await client.get(
            "/api/v1/portal/documents",
            params={"lease_id": str(book.lease.id)},
            headers=neighbour_headers,
        )
    ).json()["items"] == []
    # A document of one lease is not found under another lease's address.
    manager = await factory.headers(book.manager)
    assert (
        await client.get(
            f"/api/v1/leases/{other_lease.id}/documents/{document['id']}/file", headers=manager
        )
    ).status_code == 404

    other_agency = await factory.agency("Other Lettings")
    stranger = await factory.headers(await factory.staff(other_agency, StaffRole.OWNER))
    for path in (
        f"/api/v1/leases/{book.lease.id}/documents",
        f"/api/v1/leases/{book.lease.id}/documents/{document['id']}/file",
        f"/api/v1/leases/{book.lease.id}/statements",
    ):
        assert (await client.get(path, headers=stranger)).status_code == 404, path
    assert (await _publish(client, stranger, book.lease.id)).status_code == 404


async def test_a_draft_lease_takes_documents_quietly_and_tenants_see_them_once_it_runs(
    client: httpx.AsyncClient, factory: Factory, book: Book, session: AsyncSession
) -> None:
    tenant = await factory.tenant(book.agency, first_name="Dora")
    draft = await factory.lease(book.agency, [tenant], active=False)
    assert draft.status == LeaseStatus.DRAFT
    sent = await _publish(client, await factory.headers(book.manager), draft.id)
    assert sent.status_code == 201
    assert await _emails(session, "lease_document_published") == []
    headers = await factory.headers(tenant)
    assert (await client.get("/api/v1/portal/documents", headers=headers)).json()["items"] == []
    file = await client.get(f"/api/v1/portal/documents/{sent.json()['id']}/file", headers=headers)
    assert file.status_code == 404


async def _pay(
    factory: Factory, book: Book, amount: int, received_on: date, tenant: Tenant | None = None
) -> uuid.UUID:
    payment = (
        await record_offline_payment(
            factory.session,
            book.agency,
            book.manager,
            lease_id=book.lease.id,
            tenant_id=(tenant or book.first).id,
            amount=amount,
            currency="EUR",
            method=PaymentMethod.BANK_TRANSFER,
            received_on=received_on,
            reference="Rent",
            allocations=None,
            now=factory.clock.now(),
        )
    ).payment
    return payment.id


async def test_the_annual_statement_adds_up_to_the_cent_from_the_ledger(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    session: AsyncSession,
    clock: FixedClock,
) -> None:
    """2025: a payment in advance (credit 100.00). 2026: two invoices (1,200.00 and 50.00), a
    credit note of 25.50, payments of 600.00 and 300.00 (partial), a refund of 40.25."""
    await _pay(factory, book, 10_000, date(2025, 12, 30))
    invoice = await create_invoice(
        session,
        book.agency,
        book.manager,
        lease_id=book.lease.id,
        kind=InvoiceKind.RENT,
        due_date=date(2026, 12, 1),
        lines=[NewLine("Rent December", 110_000), NewLine("Service charges", 10_000)],
        now=clock.now(),
    )
    await create_invoice(
        session,
        book.agency,
        book.manager,
        lease_id=book.lease.id,
        kind=InvoiceKind.FEE,
        due_date=date(2026, 12, 1),
        lines=[NewLine("Key replacement", 5_000)],
        now=clock.now(),
    )
    _note, approval = await issue_credit_note(
        session,
        book.agency,
        book.manager,
        invoice_id=invoice.id,
        amount=2_550,
        reason="Broken shutter",
        kind=CreditNoteKind.CREDIT,
        now=clock.now(),
    )
    assert approval is None
    await _pay(factory, book, 60_000, date(2026, 11, 23))
    second = await _pay(factory, book, 30_000, date(2026, 11, 23), tenant=book.second)
    refund, waiting = await request_refund(
        session,
        book.agency,
        book.manager,
        payment_id=second,
        amount=4_025,
        reason="Paid twice",
        now=clock.now(),
    )
    assert waiting is None
    assert refund.status == RefundStatus.SUCCEEDED

    tenant = await factory.headers(book.first)
    listed = await client.get(
        "/api/v1/portal/documents", params={"kind": "account_statement"}, headers=tenant
    )
    assert [(i["year"], i["date"]) for i in listed.json()["items"]] == [
        (2026, "2026-11-23"),
        (2025, "2025-12-31"),
    ]
    staff = await factory.headers(book.manager)
    years = await client.get(f"/api/v1/leases/{book.lease.id}/statements", headers=staff)
    assert years.json() == [{"year": 2026}, {"year": 2025}]

    last_year = await client.get(
        f"/api/v1/portal/leases/{book.lease.id}/statements/2025.pdf", headers=tenant
    )
    assert last_year.status_code == 200
    assert last_year.headers["content-type"] == "application/pdf"
    text_2025 = pdf_text(last_year.content)
    assert "Account statement 2025" in text_2025
    assert "Opening balance" in text_2025
    assert "Credit in your favour at the end of the period: 100,00 €." in text_2025

    this_year = await client.get(
        f"/api/v1/leases/{book.lease.id}/statements/2026.pdf", headers=staff
    )
    assert this_year.status_code == 200
    assert this_year.headers["content-disposition"].startswith(
        'attachment; filename="account-statement-2026-1A.pdf"'
    )
    text = pdf_text(this_year.content)
    assert "Anna Tenant, Bram Tenant" in text
    for line in (
        "-100,00 €",  # opening: the credit carried from 2025
        "1.200,00 €",  # the rent invoice, its two lines
        "50,00 €",  # the fee
        "25,50 €",  # the credit note
        "600,00 €",
        "300,00 €",
        "40,25 €",  # the refund: charged back
        "1.290,25 €",  # charged in the year: 1,200.00 + 50.00 + 40.25
        "925,50 €",  # paid in the year: 25.50 + 600.00 + 300.00
        "Balance due at the end of the period: 264,75 €.",
    ):
        assert line in text, line
    assert "Opening balance -100,00 €" in text
    assert "Closing balance and totals 1.290,25 € 925,50 € 264,75 €" in text
    # The closing balance is the lease's balance today, as the ledger derives it.
    (balance,) = [
        b
        for b in await tenant_lease_balances(
            session, book.first.id, book.agency.id, clock.now().date()
        )
        if b.lease_id == book.lease.id
    ]
    assert balance.balance == 26_475

    for year in (2024, 2027):
        missing = await client.get(
            f"/api/v1/portal/leases/{book.lease.id}/statements/{year}.pdf", headers=tenant
        )
        assert missing.status_code == 404, year
    assert (
        await client.get(
            f"/api/v1/portal/leases/{book.lease.id}/statements/99999999999.pdf", headers=tenant
        )
    ).status_code == 422
    neighbour = await factory.tenant(book.agency, first_name="Nina")
    await factory.lease(book.agency, [neighbour])
    assert (
        await client.get(
            f"/api/v1/portal/leases/{book.lease.id}/statements/2026.pdf",
            headers=await factory.headers(neighbour),
        )
    ).status_code == 404


async def test_the_tenant_list_holds_every_kind_newest_first_and_filters(
    client: httpx.AsyncClient, factory: Factory, book: Book, clock: FixedClock
) -> None:
    await _pay(factory, book, 20_000, date(2026, 10, 1))
    await _pay(factory, book, 5_000, date(2026, 10, 1))
    clock.advance_to(clock.now() + timedelta(days=1))
    staff = await factory.headers(book.manager)
    published = await _publish(client, staff, book.lease.id, kind="signed_lease", title="Lease")
    assert published.status_code == 201
    tenant = await factory.headers(book.second)

    everything = (await client.get("/api/v1/portal/documents", headers=tenant)).json()["items"]
    # On one day, a published file before the year's running statement (dated today).
    assert [(i["kind"], i["date"]) for i in everything] == [
        ("signed_lease", "2026-11-24"),
        ("account_statement", "2026-11-24"),
        ("receipt", "2026-10-01"),
        ("receipt", "2026-10-01"),
    ]
    # Two receipts of one day: the later (higher number) first.
    later, receipt = everything[2], everything[3]
    assert later["receipt_number"] > receipt["receipt_number"]
    assert (later["amount"], receipt["amount"]) == (5_000, 20_000)
    assert (receipt["amount"], receipt["currency"]) == (20_000, "EUR")
    assert receipt["receipt_number"] is not None
    pdf = await client.get(
        f"/api/v1/portal/payments/{receipt['payment_id']}/receipt.pdf", headers=tenant
    )
    assert pdf.status_code == 200

    latest = await client.get("/api/v1/portal/documents", params={"limit": 1}, headers=tenant)
    assert [i["kind"] for i in latest.json()["items"]] == ["signed_lease"]
    receipts = await client.get(
        "/api/v1/portal/documents", params={"kind": "receipt"}, headers=tenant
    )
    assert [i["kind"] for i in receipts.json()["items"]] == ["receipt", "receipt"]
    leases = await client.get(
        "/api/v1/portal/documents", params={"lease_id": str(book.lease.id)}, headers=tenant
    )
    assert len(leases.json()["items"]) == 4
    for bad in ({"limit": "0"}, {"limit": "201"}, {"kind": "passport"}, {"lease_id": "nope"}):
        refused = await client.get("/api/v1/portal/documents", params=bad, headers=tenant)
        assert refused.status_code == 422, bad


async def test_the_tenant_list_pages_across_the_three_kinds_with_a_cursor_that_ends(
    client: httpx.AsyncClient, factory: Factory, book: Book, clock: FixedClock
) -> None:
    await _pay(factory, book, 20_000, date(2026, 10, 1))
    await _pay(factory, book, 5_000, date(2026, 10, 1))
    staff = await factory.headers(book.manager)
    for title in ("Move-in report", "Lease"):
        clock.advance_to(clock.now() + timedelta(minutes=1))
        published = await _publish(client, staff, book.lease.id, title=title)
        assert published.status_code == 201, published.text
    tenant = await factory.headers(book.second)

    async def listed(**params: str) -> dict[str, Any]:
        response = await client.get("/api/v1/portal/documents", params=params, headers=tenant)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def line(item: dict[str, Any]) -> tuple[str, str]:
        return item["kind"], str(item["title"] or item["receipt_number"] or item["year"])

    whole = await listed()
    assert whole["next_cursor"] is None
    everything = [line(i) for i in whole["items"]]
    assert [kind for kind, _ in everything] == [
        "condition_report_move_in",
        "condition_report_move_in",
        "account_statement",
        "receipt",
        "receipt",
    ]
    assert everything[:2] == [("condition_report_move_in", t) for t in ("Lease", "Move-in report")]
    for limit in (1, 2, 4):
        seen: list[tuple[str, str]] = []
        params = {"limit": str(limit)}
        pages = 0
        while True:
            page = await listed(**params)
            pages += 1
            seen += [line(i) for i in page["items"]]
            if page["next_cursor"] is None:
                break
            params = {"limit": str(limit), "cursor": page["next_cursor"]}
        assert seen == everything, limit
        assert pages == -(-len(everything) // limit)

    # A file published between two pages is at the top: the next page neither repeats
    # a line nor skips one.
    first = await listed(limit="2")
    clock.advance_to(clock.now() + timedelta(minutes=1))
    assert (await _publish(client, staff, book.lease.id, title="Late news")).status_code == 201
    rest = await listed(limit="10", cursor=first["next_cursor"])
    assert [line(i) for i in first["items"] + rest["items"]] == everything
    for bad in ("x", "WyIxIl0"):  # not ours; a cursor of another shape
        refused = await client.get(
            "/api/v1/portal/documents", params={"cursor": bad}, headers=tenant
        )
        assert refused.status_code == 422, bad


async def test_deleting_a_customer_keeps_the_lease_documents_and_scrubs_their_titles(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    session: AsyncSession,
    clock: FixedClock,
) -> None:
    staff = await factory.headers(book.manager)
    named = await _publish(client, staff, book.lease.id, title="Lease of Anna Tenant")
    plain = await _publish(client, staff, book.lease.id, title="Condition report")
    assert named.status_code == plain.status_code == 201
    book.lease.status = LeaseStatus.ENDED
    await session.flush()

    def no_gateway() -> object:
        raise AssertionError("no card was saved")

    await delete_customer(
        session,
        book.agency,
        book.manager,
        book.first.id,
        now=clock.now(),
        require_gateway=no_gateway,  # type: ignore[arg-type]
    )
    titles = sorted(
        await session.scalars(
            select(LeaseDocument.title).where(LeaseDocument.lease_id == book.lease.id)
        )
    )
    assert titles == ["Condition report", "Lease of [deleted]"]
    # The other tenant of the lease still has them.
    listed = await client.get(
        "/api/v1/portal/documents", headers=await factory.headers(book.second)
    )
    assert {i["title"] for i in listed.json()["items"] if i["document_id"]} == {
        "Condition report",
        "Lease of [deleted]",
    }
