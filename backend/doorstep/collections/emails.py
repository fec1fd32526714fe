"""The e-mails that tell a tenant about their money: a new invoice, a proof of transfer
received, confirmed or rejected, and a payment link sent by staff.

Each is written in the agency's language with amounts and dates in its locale, through the one
template (:mod:`doorstep.notifications.template`), and queued in the outbox with a dedupe key,
so it is sent once per event however often the event is replayed. Every message that asks for
money carries the bank details (:func:`payment_instructions`) and links to the invoice's own
page in the portal, not the home screen (issue 11).

The composers are registered with the outbox when this module is imported (``app``, the tick,
``seed``): ``payments`` only names the kinds, as it sits below ``collections``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import phonenumbers
from sqlalchemy import and_, exists, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency
from doorstep.agencies.settings import AgencySettings, read_settings
from doorstep.billing.ledger import invoice_amounts
from doorstep.billing.models import Invoice, InvoiceKind, InvoiceLine, InvoiceStatus
from doorstep.collections.email_texts import words
from doorstep.collections.instructions import PaymentInstructions, payment_instructions
from doorstep.core.settings import get_settings
from doorstep.documents.i18n import Texts
from doorstep.leases.models import Lease, LeaseTenant
from doorstep.notifications.models import OutboxMessage
from doorstep.notifications.push import (
    PushNotice,
    has_device_sql,
    queue_email_and_push,
    register_push_composer,
)
from doorstep.notifications.service import ComposedEmail, register_composer
from doorstep.notifications.template import (
    Action,
    Block,
    EmailContent,
    Facts,
    Paragraph,
    RenderedEmail,
    Table,
    render_email,
)
from doorstep.payments.proofs.models import TransferProof
from doorstep.payments.proofs.service import CONFIRMED_EMAIL, RECEIVED_EMAIL, REJECTION_EMAIL
from doorstep.properties.models import Property, Unit
from doorstep.tenants.models import Tenant

INVOICE_EMAIL = "invoice_issued"
PAYMENT_LINK_EMAIL = "payment_link"
# Invoices opened longer ago than this are not announced (e.g. the book an agency had before
# it switched automated messages on): the e-mail is news, not a backlog.
INVOICE_EMAIL_WINDOW = timedelta(days=3)
INVOICE_EMAIL_BATCH = 500


def readable_phone(e164: str) -> str:
    """``+3225551234`` as people read it: ``+32 2 555 12 34``."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def portal_url(path: str) -> str:
    """A page of the tenant portal, e.g. ``payments/invoices/<id>``."""
    return f"{get_settings().public_base_url.rstrip('/')}/portal/{path}"


def invoice_url(invoice_id: uuid.UUID) -> str:
    return portal_url(f"payments/invoices/{invoice_id}")


def proof_url(proof_id: uuid.UUID) -> str:
    return portal_url(f"payments/transfer-proofs/{proof_id}")


@dataclass(frozen=True)
class Letterhead:
    """What every message from one agency to one tenant shares."""

    agency: Agency
    settings: AgencySettings
    texts: Texts
    tenant: Tenant

    def __call__(self, key: str, **values: object) -> str:
        return words(self.texts, key, **values)

    def money(self, amount: int, currency: str) -> str:
        return self.texts.money(amount, currency)

    def period(self, start: date, end: date) -> str:
        return self.texts.period(start, end)

    def instant(self, value: datetime) -> str:
        return self.texts.instant(value)

    def date(self, value: date | datetime) -> str:
        return self.texts.date(value)

    def help(self) -> Paragraph:
        phone = self.settings.contact_phone
        ways = [
            way for way in (self.settings.contact_email, phone and readable_phone(phone)) if way
        ]
        if ways:
            return Paragraph(self("help", contact=self("or").join(ways)))
        return Paragraph(self("help.reply"))

    def content(
        self,
        subject: str,
        blocks: list[Block],
        *,
        action: Action | None = None,
        after: list[Block] | None = None,
    ) -> RenderedEmail:
        return render_email(
            EmailContent(
                lang=self.texts.language,
                agency_name=self.agency.name,
                subject=subject,
                greeting=self("greeting", name=f"{self.tenant.first_name} {self.tenant.last_name}"),
                blocks=blocks,
                action=action,
                after=[*(after or []), self.help()],
                signoff=self("signoff"),
            )
        )

    def composed(self, rendered: RenderedEmail) -> ComposedEmail:
        return ComposedEmail(
            to=self.tenant.email,
            subject=rendered.subject,
            text=rendered.text,
            html=rendered.html,
            from_name=self.agency.name,
        )

    @property
    def portal(self) -> bool:
        return self.settings.features.tenant_portal


async def letterhead(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID
) -> Letterhead:
    agency = await session.get_one(Agency, agency_id)
    tenant = await session.get_one(Tenant, tenant_id)
    return Letterhead(
        agency=agency,
        settings=read_settings(agency.settings),
        texts=Texts.for_tenant(agency, tenant),
        tenant=tenant,
    )


def bank_block(
    head: Letterhead, instructions: PaymentInstructions | None, amount: str | None = None
) -> list[Block]:
    return bank_facts(head.texts, instructions, amount)


def bank_facts(
    texts: Texts, instructions: PaymentInstructions | None, amount: str | None = None
) -> list[Block]:
    """The bank details to pay by transfer, as copyable rows; nothing without an account."""
    if instructions is None:
        return []
    items = [(words(texts, "bank.beneficiary"), instructions.beneficiary)]
    if instructions.display_iban:
        items.append((words(texts, "bank.iban"), instructions.display_iban))
        if instructions.bic:
            items.append((words(texts, "bank.bic"), instructions.bic))
    elif instructions.account_number:
        items.append((words(texts, "bank.account"), instructions.account_number))
    items.append((words(texts, "bank.reference"), instructions.display_reference))
    if amount is not None:
        items.append((words(texts, "bank.amount"), amount))
    return [Facts(words(texts, "bank.title"), items, note=words(texts, "bank.note"))]


@dataclass(frozen=True)
class InvoiceFacts:
    invoice: Invoice
    place: str
    period: str | None
    outstanding: int
    lines: list[tuple[str, int]]


async def invoice_facts(session: AsyncSession, head: Letterhead, invoice: Invoice) -> InvoiceFacts:
    property_name, unit_name = (
        await session.execute(
            select(Property.name, Unit.name)
            .join(Unit, Unit.property_id == Property.id)
            .join(Lease, Lease.unit_id == Unit.id)
            .where(Lease.id == invoice.lease_id)
        )
    ).one()
    period = None
    if invoice.period_start is not None and invoice.period_end is not None:
        period = head.period(invoice.period_start, invoice.period_end)
    lines = [
        (head("invoice.rent") if invoice.kind is InvoiceKind.RENT else description, amount)
        for description, amount in await session.execute(
            select(InvoiceLine.description, InvoiceLine.amount)
            .where(InvoiceLine.invoice_id == invoice.id)
            .order_by(InvoiceLine.position)
        )
    ]
    amounts = (await invoice_amounts(session, [invoice.id]))[invoice.id]
    return InvoiceFacts(
        invoice=invoice,
        place=head("place", property=property_name, unit=unit_name),
        period=period,
        outstanding=amounts.outstanding,
        lines=lines,
    )


# ------------------------------------------------------------------------------ new invoice


def _invoice_ref(invoice_id: uuid.UUID, tenant_id: uuid.UUID) -> str:
    return f"{invoice_id}:{tenant_id}"


async def compose_invoice_email(session: AsyncSession, ref: str, now: datetime) -> ComposedEmail:
    """Seed 000: a tenant is told what is needed, the amount, the due date and how to pay —
    the invoice's lines and total, a button to the invoice's page and the bank details."""
    invoice_part, tenant_part = ref.split(":")
    invoice = await session.get_one(Invoice, uuid.UUID(invoice_part))
    head = await letterhead(session, invoice.agency_id, uuid.UUID(tenant_part))
    facts = await invoice_facts(session, head, invoice)
    currency = invoice.currency
    total = head.money(facts.outstanding, currency)
    values = {
        "number": invoice.number,
        "place": facts.place,
        "amount": total,
        "date": head.date(invoice.due_date),
    }
    body = (
        head("invoice.body_period", period=facts.period, **values)
        if facts.period
        else head("invoice.body", **values)
    )
    table = Table(
        headers=[head("invoice.column.description"), head("invoice.column.amount")],
        rows=[[description, head.money(amount, currency)] for description, amount in facts.lines],
        numeric=frozenset({1}),
        footer=(head("invoice.total"), total),
    )
    instructions = await payment_instructions(session, invoice.agency_id, invoice.lease_id)
    action = (
        Action(head("invoice.action", number=invoice.number), invoice_url(invoice.id))
        if head.portal
        else None
    )
    rendered = head.content(
        head(
            "invoice.subject",
            number=invoice.number,
            agency=head.agency.name,
            amount=total,
            date=values["date"],
        ),
        [Paragraph(body), table],
        action=action,
        after=bank_block(head, instructions, total),
    )
    return head.composed(rendered)


async def queue_invoice_emails(session: AsyncSession, agency_id: uuid.UUID, now: datetime) -> int:
    """Tick concern: e-mail each tenant of a lease each invoice opened in the last few days,
    once (the outbox's dedupe key, which this also reads to find what is left to send), when
    the agency has automated messages on (seed 000: they depend on the agency's settings)."""
    agency = await session.get_one(Agency, agency_id)
    if not read_settings(agency.settings).features.automated_messages:
        return 0
    dedupe_key = func.concat(
        literal(f"{INVOICE_EMAIL}:"), Invoice.id, literal(":"), LeaseTenant.tenant_id
    )
    pending = (
        await session.execute(
            select(
                Invoice.id,
                LeaseTenant.tenant_id,
                # Asked here, once for the batch: most tenants have no device to push to.
                has_device_sql(Invoice.agency_id, LeaseTenant.tenant_id),
            )
            .join(LeaseTenant, LeaseTenant.lease_id == Invoice.lease_id)
            .where(
                Invoice.agency_id == agency_id,
                Invoice.status == InvoiceStatus.OPEN,
                Invoice.approved_at > now - INVOICE_EMAIL_WINDOW,
                Invoice.approved_at <= now,
                ~exists().where(and_(OutboxMessage.dedupe_key == dedupe_key)),
            )
            .order_by(Invoice.number, LeaseTenant.tenant_id)
            .limit(INVOICE_EMAIL_BATCH)
        )
    ).all()
    for invoice_id, tenant_id, has_device in pending:
        ref, key = _invoice_ref(invoice_id, tenant_id), f"{INVOICE_EMAIL}:{invoice_id}:{tenant_id}"
        await queue_email_and_push(
            session,
            kind=INVOICE_EMAIL,
            ref=ref,
            agency_id=agency_id,
            tenant_id=tenant_id,
            dedupe_key=key,
            now=now,
            has_device=has_device,
        )
    return len(pending)


# ------------------------------------------------------------------------- transfer proofs


async def _proof_and_head(
    session: AsyncSession, proof_ref: str
) -> tuple[TransferProof, Letterhead]:
    proof = await session.get_one(TransferProof, uuid.UUID(proof_ref))
    return proof, await letterhead(session, proof.agency_id, proof.tenant_id)


def _proof_values(head: Letterhead, proof: TransferProof) -> dict[str, object]:
    return {
        "amount": head.money(proof.amount, proof.currency),
        "date": head.date(proof.paid_on),
        "reference": proof.reference,
    }


async def compose_proof_received(
    session: AsyncSession, proof_ref: str, now: datetime
) -> ComposedEmail:
    """Seed 000: a tenant who reports a transfer hears that it arrived and what happens next."""
    proof, head = await _proof_and_head(session, proof_ref)
    values = _proof_values(head, proof)
    action = Action(head("proof.action"), proof_url(proof.id)) if head.portal else None
    rendered = head.content(
        head("proof.received.subject", agency=head.agency.name),
        [Paragraph(head("proof.received.body", **values)), Paragraph(head("proof.received.next"))],
        action=action,
    )
    return head.composed(rendered)


async def compose_proof_confirmed(
    session: AsyncSession, proof_ref: str, now: datetime
) -> ComposedEmail:
    """The transfer is confirmed: what it paid and, if the invoice still asks for money, how
    much, by when and how to pay it."""
    proof, head = await _proof_and_head(session, proof_ref)
    values = _proof_values(head, proof)
    blocks: list[Block] = [Paragraph(head("proof.confirmed.body", **values))]
    after: list[Block] = []
    action = Action(head("proof.action"), proof_url(proof.id)) if head.portal else None
    if proof.invoice_id is not None:
        invoice = await session.get_one(Invoice, proof.invoice_id)
        outstanding = (await invoice_amounts(session, [invoice.id]))[invoice.id].outstanding
        if invoice.status is InvoiceStatus.OPEN and outstanding > 0:
            owed = head.money(outstanding, invoice.currency)
            blocks.append(
                Paragraph(
                    head(
                        "proof.confirmed.owed",
                        number=invoice.number,
                        amount=owed,
                        date=head.date(invoice.due_date),
                    )
                )
            )
            instructions = await payment_instructions(session, proof.agency_id, proof.lease_id)
            after = bank_block(head, instructions, owed)
        else:
            blocks.append(Paragraph(head("proof.confirmed.paid", number=invoice.number)))
        if head.portal:
            action = Action(
                head("proof.rejected.action", number=invoice.number), invoice_url(invoice.id)
            )
    rendered = head.content(
        head("proof.confirmed.subject", agency=head.agency.name, amount=values["amount"]),
        blocks,
        action=action,
        after=after,
    )
    return head.composed(rendered)


async def compose_proof_rejection(
    session: AsyncSession, proof_ref: str, now: datetime
) -> ComposedEmail:
    """Seed 000: a rejected proof is explained to the tenant — why, in the agency's language,
    with what the invoice it named still asks for, how to pay it and whom to ask for help."""
    proof, head = await _proof_and_head(session, proof_ref)
    t = head.texts
    blocks: list[Block] = [
        Paragraph(t("proof.rejected.body", **_proof_values(head, proof))),
        Paragraph(t("proof.rejected.reason", reason=proof.rejection_reason)),
    ]
    after: list[Block] = []
    action = Action(head("proof.action"), proof_url(proof.id)) if head.portal else None
    if proof.invoice_id is not None:
        invoice = await session.get_one(Invoice, proof.invoice_id)
        outstanding = (await invoice_amounts(session, [invoice.id]))[invoice.id].outstanding
        if invoice.status is InvoiceStatus.OPEN and outstanding > 0:
            owed = head.money(outstanding, invoice.currency)
            blocks.append(
                Paragraph(
                    t(
                        "proof.rejected.owed",
                        number=invoice.number,
                        amount=owed,
                        date=t.date(invoice.due_date),
                    )
                )
            )
            instructions = await payment_instructions(session, proof.agency_id, proof.lease_id)
            after = bank_block(head, instructions, owed)
            if head.portal:
                action = Action(
                    head("proof.rejected.action", number=invoice.number), invoice_url(invoice.id)
                )
    rendered = head.content(
        t("proof.rejected.subject", agency=head.agency.name), blocks, action=action, after=after
    )
    return head.composed(rendered)


# --------------------------------------------------------------------------- payment link


async def render_payment_link_email(
    session: AsyncSession,
    invoice: Invoice,
    tenant_id: uuid.UUID,
    *,
    url: str,
    expires_at: datetime,
) -> ComposedEmail:
    """The payment link a staff member sends: who sends it, for which home and period, the
    amount and due date, a button that opens the link, when it stops working, and the bank
    details as the other way to pay. The link's token exists only here (it is never stored),
    so this is rendered in the request that makes the link, not by a registered composer."""
    head = await letterhead(session, invoice.agency_id, tenant_id)
    facts = await invoice_facts(session, head, invoice)
    amount = head.money(facts.outstanding, invoice.currency)
    values = {
        "agency": head.agency.name,
        "number": invoice.number,
        "place": facts.place,
        "amount": amount,
        "date": head.date(invoice.due_date),
    }
    body = (
        head("link.body_period", period=facts.period, **values)
        if facts.period
        else head("link.body", **values)
    )
    instructions = await payment_instructions(session, invoice.agency_id, invoice.lease_id)
    rendered = head.content(
        head("link.subject", **values),
        [
            Paragraph(body),
            Paragraph(head("link.expires", date=head.instant(expires_at))),
            Paragraph(head("link.safety", agency=head.agency.name)),
        ],
        action=Action(head("link.action", amount=amount), url),
        after=bank_block(head, instructions, amount),
    )
    return head.composed(rendered)


# ------------------------------------------------------------------- push notifications
# Beside the e-mails that ask something of the tenant (seed 002: "push notifications for
# important alerts"). A proof confirmed needs none of its own: the payment it records is
# pushed with its receipt (``documents.receipts``).


async def compose_invoice_push(session: AsyncSession, ref: str, now: datetime) -> PushNotice:
    """A new invoice and its due date, for one tenant of its lease (``ref``: as the e-mail's)."""
    invoice_part, tenant_part = ref.split(":")
    invoice = await session.get_one(Invoice, uuid.UUID(invoice_part))
    head = await letterhead(session, invoice.agency_id, uuid.UUID(tenant_part))
    return PushNotice(
        title=head("push.invoice.title"),
        body=head("push.invoice.body", agency=head.agency.name, date=head.date(invoice.due_date)),
        url=f"/portal/payments/invoices/{invoice.id}",
        tag=f"invoice-{invoice.id}",
    )


async def compose_proof_rejection_push(
    session: AsyncSession, proof_ref: str, now: datetime
) -> PushNotice:
    """A reported transfer the agency could not confirm: the reason is on the proof's page."""
    proof, head = await _proof_and_head(session, proof_ref)
    return PushNotice(
        title=head("push.proof_rejected.title"),
        body=head("push.proof_rejected.body", agency=head.agency.name),
        url=f"/portal/payments/transfer-proofs/{proof.id}",
        tag=f"transfer-proof-{proof.id}",
        urgency="high",
    )


register_composer(INVOICE_EMAIL, compose_invoice_email)
register_push_composer(INVOICE_EMAIL, compose_invoice_push)
register_composer(RECEIVED_EMAIL, compose_proof_received)
register_composer(CONFIRMED_EMAIL, compose_proof_confirmed)
register_composer(REJECTION_EMAIL, compose_proof_rejection)
register_push_composer(REJECTION_EMAIL, compose_proof_rejection_push)
