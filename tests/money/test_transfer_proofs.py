"""Proofs of bank transfers: tenants upload them, staff confirm (recording the payment) or
reject them (telling the tenant why)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.agencies.service import get_trust_account
from doorstep.core.db import Database
from doorstep.leases.models import Lease
from doorstep.notifications.models import OutboxMessage
from doorstep.payments.ledger.models import Payment
from doorstep.payments.proofs.models import TransferProof
from doorstep.tenants.models import Tenant
from tests.factories import Factory
from tests.money.conftest import LiveBook

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _form(lease: Lease, **extra: str) -> dict[str, str]:
    return {
        "lease_id": str(lease.id),
        "amount": "95000",
        "paid_on": "2026-11-20",
        "reference": "RENT NOV 1A",
    } | extra


FileField = dict[str, tuple[str, bytes, str]]


def _file(
    content: bytes = PDF, name: str = "confirmation.pdf", kind: str = "application/pdf"
) -> FileField:
    return {"file": (name, content, kind)}


@dataclass(frozen=True)
class Book:
    agency: Agency
    manager: StaffUser
    tenant: Tenant
    lease: Lease


@pytest.fixture
async def book(factory: Factory) -> Book:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    return Book(agency, manager, tenant, lease)


async def _count(session: AsyncSession, model: type[TransferProof] | type[Payment]) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_a_confirmed_proof_records_the_transfer_against_the_invoice_it_names(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    invoice = await factory.invoice(book.agency, book.lease, book.manager, amount=95_000)
    tenant_headers = await factory.headers(book.tenant)
    staff_headers = await factory.headers(book.manager)

    sent = await client.post(
        "/api/v1/portal/transfer-proofs",
        data=_form(book.lease, invoice_id=str(invoice.id), note="Paid from my savings account"),
        files=_file(kind="text/html"),  # what the client claims does not matter
        headers=tenant_headers,
    )

    assert sent.status_code == 201, sent.text
    proof = sent.json()
    assert (proof["status"], proof["amount"], proof["currency"]) == ("submitted", 95_000, "EUR")
    assert (proof["invoice_number"], proof["file_name"]) == (invoice.number, "confirmation.pdf")
    queue = await client.get(
        "/api/v1/transfer-proofs", params={"status": "submitted"}, headers=staff_headers
    )
    assert [p["id"] for p in queue.json()["items"]] == [proof["id"]]
    assert queue.json()["items"][0]["tenant_name"] == "Tara Tenant"
    file = await client.get(f"/api/v1/transfer-proofs/{proof['id']}/file", headers=staff_headers)
    assert file.content == PDF
    assert file.headers["content-type"] == "application/pdf"
    assert file.headers["content-disposition"] == (
        "attachment; filename=\"confirmation.pdf\"; filename*=UTF-8''confirmation.pdf"
    )
    assert file.headers["x-content-type-options"] == "nosniff"

    confirmed = await client.post(
        f"/api/v1/transfer-proofs/{proof['id']}/confirm",
        json={},
        headers=staff_headers | {"Idempotency-Key": str(uuid.uuid4())},
    )

    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["status"] == "confirmed"
    assert confirmed.json()["decided_by_name"] == "Manager Tester"
    payment = (
        await client.get(
            f"/api/v1/payments/{confirmed.json()['payment_id']}", headers=staff_headers
        )
    ).json()
    assert (payment["method"], payment["amount"], payment["received_on"]) == (
        "bank_transfer",
        95_000,
        "2026-11-20",
    )
    assert (payment["reference"], payment["recorded_by_name"]) == ("RENT NOV 1A", "Manager Tester")
    assert [(a["invoice_id"], a["amount"]) for a in payment["allocations"]] == [
        (str(invoice.id), 95_000)
    ]
    assert payment["receipt_number"] == 1
    paid = await client.get(f"/api/v1/invoices/{invoice.id}", headers=staff_headers)
    assert paid.json()["outstanding"] == 0
    mine = await client.get(f"/api/v1/portal/transfer-proofs/{proof['id']}", headers=tenant_headers)
    assert (mine.json()["status"], mine.json()["payment_id"]) == ("confirmed", payment["id"])


async def test_staff_confirm_what_actually_arrived(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    invoice = await factory.invoice(book.agency, book.lease, book.manager, amount=95_000)
    proof = await factory.transfer_proof(
        book.agency, book.lease, book.tenant, amount=95_000, invoice=invoice
    )

    confirmed = await client.post(
        f"/api/v1/transfer-proofs/{proof.id}/confirm",
        json={"amount": 90_000, "received_on": "2026-11-22", "reference": "BANK 0042"},
        headers=await factory.headers(book.manager),
    )

    assert confirmed.status_code == 200, confirmed.text
    payment = await factory.session.get_one(Payment, uuid.UUID(confirmed.json()["payment_id"]))
    assert (payment.amount, payment.received_on, payment.reference) == (
        90_000,
        date(2026, 11, 22),
        "BANK 0042",
    )
    invoice_now = await client.get(
        f"/api/v1/invoices/{invoice.id}", headers=await factory.headers(book.manager)
    )
    assert invoice_now.json()["outstanding"] == 5_000


async def test_the_trust_accounts_oldest_first_rule_decides_the_allocation(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    older = await factory.invoice(book.agency, book.lease, book.manager, amount=30_000)
    older.due_date = date(2026, 10, 1)
    named = await factory.invoice(book.agency, book.lease, book.manager, amount=50_000)
    (await get_trust_account(factory.session, book.agency.id)).receipt_oldest_invoice_first = True
    proof = await factory.transfer_proof(
        book.agency, book.lease, book.tenant, amount=50_000, invoice=named
    )

    confirmed = await client.post(
        f"/api/v1/transfer-proofs/{proof.id}/confirm",
        json={},
        headers=await factory.headers(book.manager),
    )

    payment = await client.get(
        f"/api/v1/payments/{confirmed.json()['payment_id']}",
        headers=await factory.headers(book.manager),
    )
    assert [(a["invoice_id"], a["amount"]) for a in payment.json()["allocations"]] == [
        (str(older.id), 30_000),
        (str(named.id), 20_000),
    ]


async def test_a_rejection_tells_the_tenant_why_what_is_owed_and_whom_to_ask(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    book.agency.settings = book.agency.settings | {"contact_email": "help@acme.example"}
    invoice = await factory.invoice(book.agency, book.lease, book.manager, amount=95_000)
    proof = await factory.transfer_proof(
        book.agency, book.lease, book.tenant, amount=95_000, invoice=invoice
    )
    headers = await factory.headers(book.manager)

    rejected = await client.post(
        f"/api/v1/transfer-proofs/{proof.id}/reject",
        json={"reason": "Nothing arrived on the trust account with this reference."},
        headers=headers,
    )

    assert rejected.status_code == 200, rejected.text
    assert rejected.json()["status"] == "rejected"
    message = await factory.session.scalar(
        select(OutboxMessage).where(
            OutboxMessage.dedupe_key == f"transfer-proof-rejected:{proof.id}"
        )
    )
    assert message is not None
    assert message.to_address == book.tenant.email
    for expected in (
        "Nothing arrived on the trust account with this reference.",
        f"Invoice no. {invoice.number} still asks for 950,00\xa0€",
        "Transfer for the rent",
        "help@acme.example",
    ):
        assert expected in message.text_body
    again = await client.post(
        f"/api/v1/transfer-proofs/{proof.id}/confirm", json={}, headers=headers
    )
    assert again.status_code == 409
    assert again.json()["type"].endswith(":proof-already-decided")
    mine = await client.get(
        f"/api/v1/portal/transfer-proofs/{proof.id}", headers=await factory.headers(book.tenant)
    )
    assert mine.json()["rejection_reason"] == (
        "Nothing arrived on the trust account with this reference."
    )


async def test_the_same_file_twice_is_refused_until_the_first_is_turned_down(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    headers = await factory.headers(book.tenant)
    first = await client.post(
        "/api/v1/portal/transfer-proofs", data=_form(book.lease), files=_file(), headers=headers
    )
    assert first.status_code == 201

    twice = await client.post(
        "/api/v1/portal/transfer-proofs", data=_form(book.lease), files=_file(), headers=headers
    )
    assert twice.status_code == 409
    assert twice.json()["type"].endswith(":proof-already-submitted")

    withdrawn = await client.post(
        f"/api/v1/portal/transfer-proofs/{first.json()['id']}/withdraw", headers=headers
    )
    assert withdrawn.json()["status"] == "withdrawn"
    again = await client.post(
        "/api/v1/portal/transfer-proofs", data=_form(book.lease), files=_file(), headers=headers
    )
    assert again.status_code == 201
    late = await client.post(
        f"/api/v1/transfer-proofs/{first.json()['id']}/confirm",
        json={},
        headers=await factory.headers(book.manager),
    )
    assert late.status_code == 409


async def test_concurrent_uploads_with_one_key_are_one_proof(
    live_client: LiveBook, committed_database: Database
) -> None:
    key = {"Idempotency-Key": str(uuid.uuid4())}

    def upload(**form: str) -> Awaitable[httpx.Response]:
        return live_client.tenant_client.post(
            "/api/v1/portal/transfer-proofs",
            data=_form(live_client.lease, **form),
            files=_file(PNG, "screenshot.png", "image/png"),
            headers=key,
        )

    responses = await asyncio.gather(*(upload() for _ in range(10)))

    assert {r.status_code for r in responses} <= {201, 409}
    created = {r.json()["id"] for r in responses if r.status_code == 201}
    assert len(created) == 1
    replay = await upload()
    assert (replay.status_code, replay.json()["id"]) == (201, *created)
    assert replay.json()["file_name"] == "screenshot.png"
    other_body = await upload(amount="1")
    assert other_body.status_code == 422
    async with committed_database.transaction() as session:
        assert await _count(session, TransferProof) == 1


@pytest.mark.parametrize(
    ("form", "files", "status", "field"),
    [
        (
            {},
            {"file": ("proof.pdf", b"<html><script>alert(1)</script>", "application/pdf")},
            422,
            "file",
        ),
        ({}, {"file": ("empty.pdf", b"", "application/pdf")}, 422, "file"),
        (
            {},
            {"file": ("huge.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "application/pdf")},
            413,
            None,
        ),
        ({"amount": "950.00"}, None, 422, "amount"),
        ({"amount": "0"}, None, 422, "amount"),
        ({"paid_on": "20/11/2026"}, None, 422, "paid_on"),
        ({"reference": ""}, None, 422, "reference"),
        ({"lease_id": "not-a-uuid"}, None, 422, "lease_id"),
    ],
)
async def test_bad_uploads_are_refused_naming_what_is_wrong(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    form: dict[str, str],
    files: FileField | None,
    status: int,
    field: str | None,
) -> None:
    response = await client.post(
        "/api/v1/portal/transfer-proofs",
        data=_form(book.lease, **form),
        files=files or _file(),
        headers=await factory.headers(book.tenant),
    )

    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    if field is not None:
        assert field in {e["field"] for e in response.json()["errors"]}
    assert await _count(factory.session, TransferProof) == 0


async def test_a_proof_names_only_the_tenants_own_lease_and_its_open_invoices(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    neighbour = await factory.tenant(book.agency, first_name="Nina")
    their_lease = await factory.lease(
        book.agency, [neighbour], unit=await factory.unit(book.agency, name="2B")
    )
    their_invoice = await factory.invoice(book.agency, their_lease, book.manager)
    headers = await factory.headers(book.tenant)

    other_lease = await client.post(
        "/api/v1/portal/transfer-proofs",
        data=_form(their_lease),
        files=_file(),
        headers=headers,
    )
    other_invoice = await client.post(
        "/api/v1/portal/transfer-proofs",
        data=_form(book.lease, invoice_id=str(their_invoice.id)),
        files=_file(),
        headers=headers,
    )

    assert other_lease.status_code == 422
    assert other_lease.json()["errors"][0]["field"] == "lease_id"
    assert other_invoice.status_code == 422
    assert other_invoice.json()["errors"][0]["field"] == "invoice_id"


async def test_joint_tenants_do_not_see_each_others_proofs(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    partner = await factory.tenant(book.agency, first_name="Pat")
    joint = await factory.lease(
        book.agency, [book.tenant, partner], unit=await factory.unit(book.agency, name="3C")
    )
    proof = await factory.transfer_proof(book.agency, joint, book.tenant)
    partner_headers = await factory.headers(partner)

    listed = await client.get("/api/v1/portal/transfer-proofs", headers=partner_headers)
    file = await client.get(
        f"/api/v1/portal/transfer-proofs/{proof.id}/file", headers=partner_headers
    )
    withdraw = await client.post(
        f"/api/v1/portal/transfer-proofs/{proof.id}/withdraw", headers=partner_headers
    )

    assert listed.json()["items"] == []
    assert (file.status_code, withdraw.status_code) == (404, 404)
    own = await client.get(
        f"/api/v1/portal/transfer-proofs/{proof.id}/file",
        headers=await factory.headers(book.tenant),
    )
    assert own.status_code == 200
    assert own.content.startswith(b"%PDF-")


async def test_a_tenant_finds_the_proofs_sent_for_one_invoice_however_many_were_sent(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    november = await factory.invoice(book.agency, book.lease, book.manager)
    december = await factory.invoice(book.agency, book.lease, book.manager)
    for_november = await factory.transfer_proof(
        book.agency, book.lease, book.tenant, invoice=november
    )
    for _ in range(25):  # more than a page of proofs sent since, for other invoices
        await factory.transfer_proof(book.agency, book.lease, book.tenant, invoice=december)
    headers = await factory.headers(book.tenant)

    listed = await client.get(
        "/api/v1/portal/transfer-proofs",
        params={"invoice_id": str(november.id), "status": "submitted"},
        headers=headers,
    )
    confirmed = await client.get(
        "/api/v1/portal/transfer-proofs", params={"status": "confirmed"}, headers=headers
    )

    assert [p["id"] for p in listed.json()["items"]] == [str(for_november.id)]
    assert listed.json()["next_cursor"] is None
    assert confirmed.json()["items"] == []


async def test_a_proof_cannot_be_dated_in_the_agencys_future(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    tomorrow = (factory.clock.now() + timedelta(days=1)).date().isoformat()

    response = await client.post(
        "/api/v1/portal/transfer-proofs",
        data=_form(book.lease, paid_on=tomorrow),
        files=_file(),
        headers=await factory.headers(book.tenant),
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "paid_on"


async def test_the_queue_names_each_proofs_lease_by_its_unit_and_property(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    other_unit = await factory.unit(book.agency, await factory.property(book.agency, "Kanal"), "3C")
    other_tenant = await factory.tenant(book.agency, first_name="Noah")
    other_lease = await factory.lease(book.agency, [other_tenant], unit=other_unit)
    first = await factory.transfer_proof(book.agency, book.lease, book.tenant)
    second = await factory.transfer_proof(book.agency, other_lease, other_tenant)
    headers = await factory.headers(book.manager)

    queue = await client.get(
        "/api/v1/transfer-proofs", params={"status": "submitted"}, headers=headers
    )
    one = await client.get(f"/api/v1/transfer-proofs/{second.id}", headers=headers)

    assert [
        (p["id"], p["tenant_name"], p["unit_name"], p["property_name"])
        for p in queue.json()["items"]
    ] == [
        (str(first.id), "Tara Tenant", "1A", "Residence Louise"),
        (str(second.id), "Noah Tenant", "3C", "Kanal"),
    ]
    assert (one.json()["unit_name"], one.json()["property_name"]) == ("3C", "Kanal")


@pytest.mark.parametrize(
    ("stored_name", "disposition"),
    [
        # A quote and a semicolon in the name once ended the header's value and let the
        # tenant choose the downloaded extension (.bat in Chromium). Browsers send a quote in
        # a multipart file name as %22, other clients need not: the name is set as stored.
        (
            'bank-proof.bat"; x=".pdf',
            'attachment; filename="bank-proof.bat x.pdf"; '
            "filename*=UTF-8''bank-proof.bat%20x%3D.pdf",
        ),
        # Outside latin-1: the header could not be encoded, and the download answered 500.
        (
            "证明.pdf",
            "attachment; filename=\"transfer-proof.pdf\"; filename*=UTF-8''%E8%AF%81%E6%98%8E.pdf",
        ),
        (
            "reçu juin.pdf",
            "attachment; filename=\"recu juin.pdf\"; filename*=UTF-8''re%C3%A7u%20juin.pdf",
        ),
    ],
)
async def test_the_downloaded_name_is_the_servers_whatever_the_tenant_called_the_file(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    stored_name: str,
    disposition: str,
) -> None:
    tenant_headers = await factory.headers(book.tenant)
    sent = await client.post(
        "/api/v1/portal/transfer-proofs",
        data=_form(book.lease),
        files=_file(name=stored_name),
        headers=tenant_headers,
    )
    assert sent.status_code == 201, sent.text
    proof = await factory.session.get(TransferProof, uuid.UUID(sent.json()["id"]))
    assert proof is not None
    proof.file_name = stored_name
    await factory.session.flush()

    staff_file = await client.get(
        f"/api/v1/transfer-proofs/{proof.id}/file", headers=await factory.headers(book.manager)
    )
    tenant_file = await client.get(
        f"/api/v1/portal/transfer-proofs/{proof.id}/file", headers=tenant_headers
    )

    for response in (staff_file, tenant_file):
        assert response.status_code == 200, response.text
        assert response.content == PDF
        assert response.headers["content-disposition"] == disposition


async def test_a_file_name_in_any_script_uploads_and_downloads(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    tenant_headers = await factory.headers(book.tenant)
    sent = await client.post(
        "/api/v1/portal/transfer-proofs",
        data=_form(book.lease),
        files=_file(name="证明.exe"),
        headers=tenant_headers,
    )
    assert sent.status_code == 201, sent.text
    assert sent.json()["file_name"] == "证明.pdf"

    file = await client.get(
        f"/api/v1/portal/transfer-proofs/{sent.json()['id']}/file", headers=tenant_headers
    )

    assert file.status_code == 200, file.text
    assert file.headers["content-disposition"].endswith("filename*=UTF-8''%E8%AF%81%E6%98%8E.pdf")
