"""Receipt PDFs: their content read back, the staff and tenant routes, the agency's language,
and the e-mail that brings the receipt to the payer."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime

import httpx
import pytest
from arq.connections import ArqRedis
from fastapi import FastAPI
from pypdf import PdfReader
from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.app import create_app
from doorstep.billing.allocations import AllocationRequest
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.documents.i18n import CATALOGUE, Texts
from doorstep.documents.receipts import RECEIPT_RENDERER
from doorstep.leases.models import Lease
from doorstep.notifications.models import OutboxAttachment, OutboxMessage, OutboxStatus
from doorstep.notifications.service import delivery_job_id
from doorstep.payments.ledger.models import Payment, PaymentMethod, PaymentStatus, Receipt
from doorstep.payments.ledger.service import RECEIPT_EMAIL
from doorstep.tenants.models import Tenant
from tests.conftest import NOW, settings_for_tests
from tests.factories import Factory
from tests.notifications.conftest import Sink, run_worker


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    # Babel's grouping and currency spacing are no-break spaces; compare with plain ones.
    text = "\n".join(page.extract_text() for page in reader.pages)
    return text.replace("\u202f", " ").replace("\xa0", " ")


async def _setup(
    factory: Factory, locale: str = "en-BE"
) -> tuple[Agency, StaffUser, Tenant, Lease]:
    agency = await factory.agency("Immo Łukasz & Fils")
    agency.locale = locale
    staff = await factory.staff(agency, StaffRole.ACCOUNTANT)
    tenant = await factory.tenant(agency, first_name="Zoë")
    lease = await factory.lease(agency, [tenant])
    return agency, staff, tenant, lease


async def _pay(
    factory: Factory,
    agency: Agency,
    staff: StaffUser,
    tenant: Tenant,
    lease: Lease,
    *,
    amount: int,
    allocate: list[AllocationRequest] | None = None,
) -> Payment:
    return await factory.payment(
        agency,
        lease,
        tenant,
        staff,
        amount=amount,
        allocations=allocate,
        reference="VIR 2026/11/0042",
        received_on=NOW.date(),
        now=NOW,
    )


async def _receipt(session: AsyncSession, payment: Payment) -> Receipt:
    receipt = await session.scalar(select(Receipt).where(Receipt.payment_id == payment.id))
    assert receipt is not None
    return receipt


async def test_staff_download_a_receipt_pdf_with_number_amount_tenant_and_allocations(
    factory: Factory, client: httpx.AsyncClient, session: AsyncSession
) -> None:
    agency, staff, tenant, lease = await _setup(factory)
    invoice = await factory.invoice(agency, lease, staff, amount=100_000)
    payment = await _pay(
        factory,
        agency,
        staff,
        tenant,
        lease,
        amount=123_456,
        allocate=[AllocationRequest(invoice.id, 100_000)],
    )
    receipt = await _receipt(session, payment)
    viewer = await factory.staff(agency, StaffRole.VIEWER)

    response = await client.get(
        f"/api/v1/payments/{payment.id}/receipt.pdf", headers=await factory.headers(viewer)
    )

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == (
        f'attachment; filename="receipt-{receipt.number}.pdf"; '
        f"filename*=UTF-8''receipt-{receipt.number}.pdf"
    )
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    for expected in (
        "Immo Łukasz & Fils",
        "Trust account:",
        f"Receipt no. {receipt.number}",
        "Zoë Tenant",
        "1.234,56 €",  # en-BE formats euros the Belgian way
        "Bank transfer",
        "VIR 2026/11/0042",
        "Residence Louise, 1A",
        f"Invoice no. {invoice.number}",
        "1.000,00 €",
        "Remaining credit",
        "234,56 €",
        "23 November 2026",
    ):
        assert expected in text, f"{expected!r} not in the PDF:\n{text}"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("fr-BE", ["Reçu n°", "Reçu de", "Virement bancaire", "1 234,56 €", "23 novembre 2026"]),
        ("nl-BE", ["Ontvangstbewijs nr.", "Overschrijving", "€ 1.234,56", "23 november 2026"]),
    ],
)
async def test_the_receipt_speaks_the_agencys_language(
    factory: Factory,
    client: httpx.AsyncClient,
    session: AsyncSession,
    locale: str,
    expected: list[str],
) -> None:
    agency, staff, tenant, lease = await _setup(factory, locale)
    payment = await _pay(factory, agency, staff, tenant, lease, amount=123_456)

    response = await client.get(
        f"/api/v1/payments/{payment.id}/receipt.pdf", headers=await factory.headers(staff)
    )

    assert response.status_code == 200
    text = pdf_text(response.content)
    for phrase in expected:
        assert phrase in text, f"{phrase!r} not in the {locale} PDF:\n{text}"
    receipt = await _receipt(session, payment)
    prefix = {"fr-BE": "recu", "nl-BE": "ontvangstbewijs"}[locale]
    assert f'filename="{prefix}-{receipt.number}.pdf"' in response.headers["content-disposition"]


def test_every_language_has_every_text() -> None:
    keys = set(CATALOGUE["en"])
    for language, texts in CATALOGUE.items():
        assert set(texts) == keys, f"{language} differs: {set(texts) ^ keys}"
    assert Texts.for_agency("de-DE", "Europe/Berlin")("receipt") == "Receipt"  # fallback
    assert Texts.for_agency("not a locale", "UTC").money(1050, "JPY") == "¥1,050"


async def test_tenants_get_receipts_of_their_own_leases_only(
    factory: Factory, client: httpx.AsyncClient
) -> None:
    agency, staff, tenant, lease = await _setup(factory)
    joint = await factory.tenant(agency, first_name="Jo")
    shared = await factory.lease(agency, [tenant, joint], unit=await factory.unit(agency))
    neighbour = await factory.tenant(agency, first_name="Nina")
    await factory.lease(agency, [neighbour], unit=await factory.unit(agency))
    own = await _pay(factory, agency, staff, tenant, lease, amount=5_000)
    on_shared = await _pay(factory, agency, staff, tenant, shared, amount=6_000)

    mine = await client.get(
        f"/api/v1/portal/payments/{own.id}/receipt.pdf", headers=await factory.headers(tenant)
    )
    assert mine.status_code == 200
    assert mine.headers["content-type"] == "application/pdf"
    assert "Zoë Tenant" in pdf_text(mine.content)
    # A joint tenant shares the lease's history, receipts included.
    shared_view = await client.get(
        f"/api/v1/portal/payments/{on_shared.id}/receipt.pdf", headers=await factory.headers(joint)
    )
    assert shared_view.status_code == 200
    for intruder in (joint, neighbour):
        refused = await client.get(
            f"/api/v1/portal/payments/{own.id}/receipt.pdf", headers=await factory.headers(intruder)
        )
        assert refused.status_code == 404
        assert refused.headers["content-type"] == "application/problem+json"


async def test_a_payment_without_a_receipt_has_no_pdf(
    factory: Factory, client: httpx.AsyncClient, session: AsyncSession
) -> None:
    agency, staff, tenant, lease = await _setup(factory)
    pending = Payment(
        agency_id=agency.id,
        lease_id=lease.id,
        tenant_id=tenant.id,
        method=PaymentMethod.CARD,
        status=PaymentStatus.PENDING,
        amount=95_000,
        currency="EUR",
    )
    session.add(pending)
    await session.flush()

    staff_view = await client.get(
        f"/api/v1/payments/{pending.id}/receipt.pdf", headers=await factory.headers(staff)
    )
    tenant_view = await client.get(
        f"/api/v1/portal/payments/{pending.id}/receipt.pdf", headers=await factory.headers(tenant)
    )
    assert (staff_view.status_code, tenant_view.status_code) == (404, 404)


async def test_a_succeeded_payment_queues_the_receipt_email_for_the_payer(
    factory: Factory, session: AsyncSession
) -> None:
    agency, staff, tenant, lease = await _setup(factory, "fr-BE")
    payment = await _pay(factory, agency, staff, tenant, lease, amount=95_000)
    receipt = await _receipt(session, payment)

    message = await session.scalar(
        select(OutboxMessage).where(OutboxMessage.dedupe_key == f"receipt:{receipt.id}")
    )
    assert message is not None
    assert (message.kind, message.to_address, message.status) == (
        RECEIPT_EMAIL,
        tenant.email,
        OutboxStatus.QUEUED,
    )
    assert message.subject == f"Votre reçu n° {receipt.number} de Immo Łukasz & Fils"
    assert message.from_name == "Immo Łukasz & Fils"
    assert "Bonjour Zoë Tenant," in message.text_body
    assert "950,00\xa0€" in message.text_body
    assert message.html_body is not None
    assert 'lang="fr"' in message.html_body
    (attachment,) = (
        await session.scalars(
            select(OutboxAttachment).where(OutboxAttachment.message_id == message.id)
        )
    ).all()
    # Rendered at delivery, outside the payment's transaction.
    assert (attachment.filename, attachment.content, attachment.renderer) == (
        f"recu-{receipt.number}.pdf",
        None,
        RECEIPT_RENDERER,
    )


async def test_recording_a_payment_mails_the_receipt_pdf_within_seconds(
    committed_database: Database, redis: Redis, smtp_sink: Sink
) -> None:
    """The whole path: the request commits, then enqueues the job; the worker renders the
    receipt, sends it to the sink, and keeps the PDF it sent."""
    await redis.flushdb()
    clock = FixedClock(NOW)
    app: FastAPI = create_app(
        settings_for_tests(), clock=clock, database=committed_database, redis=redis
    )
    async with committed_database.transaction() as session:
        factory = Factory(session, app.state.access_tokens, clock)
        _, staff, tenant, lease = await _setup(factory)
        headers = await factory.headers(staff)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.post(
            "/api/v1/payments",
            headers=headers,
            json={
                "lease_id": str(lease.id),
                "tenant_id": str(tenant.id),
                "amount": 95_000,
                "currency": "EUR",
                "method": "cash",
                "received_on": NOW.date().isoformat(),
                "reference": "Cash at the office",
            },
        )
    await app.state.claims_db.dispose()
    assert response.status_code == 201, response.text
    number = response.json()["receipt_number"]
    async with committed_database.transaction() as session:
        message = await session.scalar(select(OutboxMessage))
    assert message is not None
    assert await ArqRedis(connection_pool=redis.connection_pool).exists(
        f"arq:job:{delivery_job_id(message.id)}"
    )

    worker = await run_worker(smtp_sink)

    assert (worker.jobs_complete, worker.jobs_failed) == (1, 0)
    (stored,) = smtp_sink.messages()
    assert stored.to == tenant.email
    assert stored.subject == f"Your receipt no. {number} from Immo Łukasz & Fils"
    (pdf,) = stored.attachments
    assert pdf.get_filename() == f"receipt-{number}.pdf"
    content = pdf.get_content()
    assert f"Receipt no. {number}" in pdf_text(content)
    async with committed_database.transaction() as session:
        kept = await session.scalar(
            select(OutboxAttachment.content).where(OutboxAttachment.message_id == message.id)
        )
    assert kept == content


def test_the_routes_document_a_pdf(app: FastAPI) -> None:
    paths = app.openapi()["paths"]
    for path in (
        "/api/v1/payments/{payment_id}/receipt.pdf",
        "/api/v1/portal/payments/{payment_id}/receipt.pdf",
    ):
        responses = paths[path]["get"]["responses"]
        assert list(responses["200"]["content"]) == ["application/pdf"]
        assert responses["200"]["content"]["application/pdf"]["schema"]["format"] == "binary"
        assert "404" in responses
    assert paths["/api/v1/payments/{payment_id}/receipt.pdf"]["get"]["operationId"] == (
        "payments_get_payment_receipt"
    )


def test_rendering_is_deterministic() -> None:
    from doorstep.documents.receipts import AllocationLine, ReceiptData, render_receipt

    data = ReceiptData(
        agency_name="Ακίνητα Αθήνα",  # Greek prints too
        locale="en-GB",
        timezone="Europe/London",
        trust_account_name="Client account",
        number=9,
        issued_at=datetime(2026, 11, 23, 23, 30, tzinfo=UTC),
        payment_id=uuid.uuid4(),
        tenant_name="Дмитрий Şahin",
        tenant_email="d@example.com",
        tenant_has_portal=False,
        property_name="Flat",
        unit_name="2",
        address="1 High Street, SW1 1AA London",
        amount=50_000,
        currency="GBP",
        method="cheque",
        reference=None,
        received_on=datetime(2026, 11, 23, tzinfo=UTC).date(),
        allocations=[AllocationLine(3, 50_000)],
        refunded=0,
        credit=0,
        as_at=datetime(2026, 11, 24, tzinfo=UTC),
    )
    first, second = render_receipt(data), render_receipt(data)
    assert first == second
    text = pdf_text(first)
    for phrase in ("Ακίνητα Αθήνα", "Дмитрий Şahin", "£500.00"):
        assert phrase in text


async def test_a_tenant_who_chose_dutch_gets_the_receipt_e_mail_and_pdf_in_dutch(
    factory: Factory, client: httpx.AsyncClient, session: AsyncSession
) -> None:
    agency, staff, tenant, lease = await _setup(factory, "fr-BE")
    tenant.language = "nl"
    payment = await _pay(factory, agency, staff, tenant, lease, amount=95_000)
    receipt = await _receipt(session, payment)

    message = await session.scalar(
        select(OutboxMessage).where(OutboxMessage.dedupe_key == f"receipt:{receipt.id}")
    )
    assert message is not None
    assert message.subject == f"Uw ontvangstbewijs nr. {receipt.number} van Immo Łukasz & Fils"
    assert "Beste Zoë Tenant," in message.text_body
    assert "€\xa0950,00" in message.text_body  # Dutch words, Belgium's formats (nl-BE)
    assert message.html_body is not None
    assert 'lang="nl"' in message.html_body
    (attachment,) = (
        await session.scalars(
            select(OutboxAttachment).where(OutboxAttachment.message_id == message.id)
        )
    ).all()
    assert attachment.filename == f"ontvangstbewijs-{receipt.number}.pdf"
    # The payer's receipt is one document, in their language, whoever downloads it.
    for path, who in (
        (f"/api/v1/payments/{payment.id}/receipt.pdf", staff),
        (f"/api/v1/portal/payments/{payment.id}/receipt.pdf", tenant),
    ):
        response = await client.get(path, headers=await factory.headers(who))
        assert response.status_code == 200
        text = pdf_text(response.content)
        assert "Ontvangstbewijs" in text
        assert "Reçu" not in text


async def test_a_tenant_without_a_language_gets_the_receipt_in_the_agencys(
    factory: Factory, session: AsyncSession
) -> None:
    agency, staff, tenant, lease = await _setup(factory, "nl-BE")
    assert tenant.language is None
    payment = await _pay(factory, agency, staff, tenant, lease, amount=95_000)
    receipt = await _receipt(session, payment)

    message = await session.scalar(
        select(OutboxMessage).where(OutboxMessage.dedupe_key == f"receipt:{receipt.id}")
    )
    assert message is not None
    assert message.subject.startswith("Uw ontvangstbewijs nr.")
