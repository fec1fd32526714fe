"""Payment receipts as PDF documents, and the e-mail that brings one to the tenant (written
here, queued by ``payments`` through the outbox: this module imports payments, never the
reverse).

Every succeeded payment has a receipt (``payments.models.Receipt``, numbered per trust account).
The PDF is generated on demand from the ledger, so a download always shows how the payment is
allocated at that moment (it says "as at"). The e-mailed copy is rendered by the outbox at the
first delivery attempt, seconds after the payment, and kept with the message: rendering (tens
of milliseconds of CPU) stays out of the payment's transaction, which holds the receipt-number
lock of the trust account, and out of the API's event loop.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, TrustAccount
from doorstep.core.db import fetch_flushed_rows, table_of
from doorstep.core.errors import NotFound
from doorstep.core.languages import message_locale, tenant_locale
from doorstep.core.names import display_name
from doorstep.core.settings import get_settings
from doorstep.documents.i18n import Texts
from doorstep.leases.models import Lease, LeaseTenant
from doorstep.notifications.push import PushNotice, register_push_composer
from doorstep.notifications.service import (
    Attachment,
    ComposedEmail,
    register_composer,
    register_renderer,
)
from doorstep.notifications.template import Action, EmailContent, Paragraph, render_email
from doorstep.payments.ledger.models import Payment, Receipt
from doorstep.payments.ledger.service import RECEIPT_EMAIL, payment_views
from doorstep.properties.models import Property, Unit
from doorstep.tenants.models import Tenant

FONTS = Path(__file__).with_name("fonts")
FONT = "DejaVu"
RECEIPT_RENDERER = "receipt_pdf"


@dataclass(frozen=True)
class AllocationLine:
    invoice_number: int | None
    amount: int


@dataclass(frozen=True)
class _ReceiptFacts:
    """What the receipt PDF and the receipt e-mail both name: who issues it, its number and
    the lease it is for."""

    agency_name: str
    locale: str
    timezone: str
    number: int
    property_name: str
    unit_name: str

    @property
    def texts(self) -> Texts:
        return Texts.for_agency(self.locale, self.timezone)

    @property
    def lease_label(self) -> str:
        return f"{self.property_name}, {self.unit_name}"

    @property
    def filename(self) -> str:
        return f"{self.texts('file')}-{self.number}.pdf"


@dataclass(frozen=True)
class ReceiptData(_ReceiptFacts):
    """What a receipt shows, read from the ledger at ``as_at``."""

    trust_account_name: str
    issued_at: datetime
    payment_id: uuid.UUID
    tenant_name: str
    tenant_email: str
    tenant_has_portal: bool
    address: str
    amount: int
    currency: str
    method: str
    reference: str | None
    received_on: date
    allocations: list[AllocationLine]
    refunded: int
    credit: int
    as_at: datetime


def receipt_date(
    received_on: date | None, succeeded_at: datetime | None, issued_at: datetime
) -> date:
    """The day a receipt says the money was received: the day staff say it came, else the
    day the payment succeeded, else the day the receipt was issued."""
    return received_on or (succeeded_at or issued_at).date()


async def receipt_data(
    session: AsyncSession,
    agency_id: uuid.UUID,
    payment_id: uuid.UUID,
    now: datetime,
    *,
    tenant: Tenant | None = None,
) -> ReceiptData:
    """The receipt of a payment of the agency; with ``tenant``, only of a payment on a lease
    that tenant is party to (joint tenants share a lease's history). Not found otherwise, or
    when the payment has no receipt (it has not succeeded)."""
    statement = (
        select(Payment, Receipt)
        .join(Receipt, Receipt.payment_id == Payment.id)
        .where(Payment.id == payment_id, Payment.agency_id == agency_id)
    )
    if tenant is not None:
        statement = statement.where(
            Payment.lease_id.in_(
                select(LeaseTenant.lease_id).where(LeaseTenant.tenant_id == tenant.id)
            )
        )
    row = (await session.execute(statement)).first()
    if row is None:
        raise NotFound("No such receipt.")
    payment, receipt = row
    (view,) = await payment_views(session, [payment])
    agency, trust_account, payer, prop, unit = (
        await session.execute(
            select(Agency, TrustAccount, Tenant, Property, Unit)
            .select_from(Payment)
            .join(Agency, Agency.id == Payment.agency_id)
            .join(TrustAccount, TrustAccount.id == receipt.trust_account_id)
            .join(Tenant, Tenant.id == Payment.tenant_id)
            .join(Lease, Lease.id == Payment.lease_id)
            .join(Unit, Unit.id == Lease.unit_id)
            .join(Property, Property.id == Unit.property_id)
            .where(Payment.id == payment.id)
        )
    ).one()
    received_on = receipt_date(payment.received_on, payment.succeeded_at, receipt.issued_at)
    return ReceiptData(
        agency_name=agency.name,
        # The payer's receipt, in the payer's language (core.languages): the same document
        # whoever downloads it.
        locale=tenant_locale(agency, payer),
        timezone=agency.timezone,
        trust_account_name=trust_account.name,
        number=receipt.number,
        issued_at=receipt.issued_at,
        payment_id=payment.id,
        tenant_name=view.tenant_name,
        tenant_email=payer.email,
        tenant_has_portal=payer.password_hash is not None,
        property_name=prop.name,
        unit_name=unit.name,
        address=f"{prop.address_line1}, {prop.postal_code} {prop.city}",
        amount=payment.amount,
        currency=payment.currency,
        method=payment.method.value,
        reference=payment.reference,
        received_on=received_on,
        allocations=[
            AllocationLine(number, amount)
            for number, amount in view.allocated_per_invoice().values()
        ],
        refunded=view.amounts.refunded,
        credit=max(view.amounts.unallocated, 0),
        as_at=now,
    )


# ---------------------------------------------------------------------------------- PDF


@cache
def font_files() -> tuple[Path, Path]:
    regular, bold = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
    for path in (regular, bold):
        if not path.is_file():  # a packaging mistake, not a runtime condition
            raise FileNotFoundError(path)
    return regular, bold


def render_receipt(data: ReceiptData) -> bytes:
    """The receipt as an A4 PDF in the payer's language (the agency's if they chose none).
    Deterministic for given data (the PDF's dates are the receipt's), so the same receipt gives
    the same bytes."""
    t = data.texts
    pdf = FPDF(format="A4")
    regular, bold = font_files()
    pdf.add_font(FONT, "", str(regular))
    pdf.add_font(FONT, "B", str(bold))
    pdf.set_title(t("receipt_no", number=data.number))
    pdf.set_author(data.agency_name)
    pdf.set_creator("Doorstep")
    pdf.set_lang(t.language)
    pdf.set_creation_date(data.as_at)
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    width = pdf.epw

    # Who issues it, and what it is.
    pdf.set_font(FONT, "B", 17)
    pdf.multi_cell(width, 8, data.agency_name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 9.5)
    pdf.set_text_color(90, 98, 110)
    pdf.multi_cell(
        width,
        5,
        t("trust_account", name=data.trust_account_name),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(6)
    pdf.set_text_color(20, 28, 40)
    pdf.set_font(FONT, "B", 22)
    pdf.cell(width / 2, 11, t("receipt").upper())
    pdf.set_font(FONT, "B", 13)
    pdf.cell(
        width / 2,
        11,
        t("receipt_no", number=data.number),
        align=Align.R,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_draw_color(200, 206, 216)
    pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.l_margin + width, pdf.get_y() + 2)
    pdf.ln(7)

    # The payment.
    fields = [
        (t("issued_on"), t.date(data.issued_at)),
        (t("received_on"), t.date(data.received_on)),
        (t("received_from"), data.tenant_name),
        (t("lease"), f"{data.lease_label}\n{data.address}"),
        (t("method"), t(f"method.{data.method}")),
    ]
    if data.reference:
        fields.append((t("reference"), data.reference))
    label_width = 48
    for label, value in fields:
        pdf.set_font(FONT, "B", 10)
        y = pdf.get_y()
        pdf.multi_cell(label_width, 6, label, new_x=XPos.RIGHT, new_y=YPos.TOP)
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(width - label_width, 6, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_y(max(pdf.get_y(), y + 6) + 1.5)

    pdf.ln(3)
    pdf.set_fill_color(240, 243, 247)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(label_width, 12, " " + t("amount"), fill=True)
    pdf.set_font(FONT, "B", 15)
    pdf.cell(
        width - label_width,
        12,
        t.money(data.amount, data.currency) + " ",
        align=Align.R,
        fill=True,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(8)

    # Where the money went.
    pdf.set_font(FONT, "B", 12)
    pdf.cell(width, 8, t("applied_to"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 10)
    if data.allocations:
        with pdf.table(
            col_widths=(2, 1),
            text_align=("LEFT", "RIGHT"),
            first_row_as_headings=True,
            line_height=7,
            borders_layout="HORIZONTAL_LINES",
        ) as table:
            table.row([t("invoice"), t("applied")])
            for line in data.allocations:
                number = t("invoice_no", number=line.invoice_number or "-")
                table.row([number, t.money(line.amount, data.currency)])
    else:
        pdf.cell(width, 7, t("not_applied"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    totals = [(t("credit"), data.credit)]
    if data.refunded:
        totals.insert(0, (t("refunded"), data.refunded))
    for label, amount in totals:
        pdf.set_font(FONT, "B", 10)
        pdf.cell(width * 2 / 3, 7, label)
        pdf.cell(
            width / 3,
            7,
            t.money(amount, data.currency),
            align=Align.R,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    # What it confirms.
    pdf.ln(8)
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(90, 98, 110)
    pdf.multi_cell(
        width, 5, t("as_at", date=t.date(data.as_at)), new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.multi_cell(
        width, 5, t("confirmation", agency=data.agency_name), new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    return bytes(pdf.output())


# -------------------------------------------------------------------------------- e-mail


@dataclass(frozen=True)
class ReceiptNotice(_ReceiptFacts):
    """What the receipt e-mail says (its PDF is rendered at delivery, from ``receipt_data``)."""

    tenant_name: str
    tenant_email: str
    tenant_has_portal: bool
    amount: int
    currency: str
    received_on: date


_receipts, _payments, _agencies, _tenants = (
    table_of(Receipt),
    table_of(Payment),
    table_of(Agency),
    table_of(Tenant),
)
_leases, _units, _properties = table_of(Lease), table_of(Unit), table_of(Property)
# The e-mail is composed in the payment's transaction, and a payment's CPU is the limit of how
# many a trust account takes per second: so what it shows is one row, not the ledger's full
# view of the payment that the PDF reads.
_RECEIPT_NOTICE = (
    select(
        _agencies.c.name.label("agency_name"),
        _agencies.c.locale,
        _agencies.c.timezone,
        _receipts.c.number,
        _receipts.c.issued_at,
        _tenants.c.first_name,
        _tenants.c.last_name,
        _tenants.c.email,
        _tenants.c.language,
        _tenants.c.password_hash.is_not(None).label("has_portal"),
        _properties.c.name.label("property_name"),
        _units.c.name.label("unit_name"),
        _payments.c.amount,
        _payments.c.currency,
        _payments.c.received_on,
        _payments.c.succeeded_at,
    )
    .select_from(
        _receipts.join(
            _payments,
            (_payments.c.id == _receipts.c.payment_id)
            & (_payments.c.agency_id == _receipts.c.agency_id),
        )
        .join(_agencies, _agencies.c.id == _payments.c.agency_id)
        .join(_tenants, _tenants.c.id == _payments.c.tenant_id)
        .join(_leases, _leases.c.id == _payments.c.lease_id)
        .join(_units, _units.c.id == _leases.c.unit_id)
        .join(_properties, _properties.c.id == _units.c.property_id)
    )
    .where(_receipts.c.id == bindparam("receipt_id"))
)


async def receipt_notice(session: AsyncSession, receipt_id: uuid.UUID) -> ReceiptNotice:
    """What the receipt e-mail of ``receipt_id`` shows, as the caller's transaction sees it."""
    rows = await fetch_flushed_rows(session, _RECEIPT_NOTICE, {"receipt_id": receipt_id})
    if not rows:
        raise NotFound("No such receipt.")
    row = rows[0]
    return ReceiptNotice(
        agency_name=row["agency_name"],
        locale=message_locale(row["locale"], row["language"]),
        timezone=row["timezone"],
        number=row["number"],
        tenant_name=display_name(row["first_name"], row["last_name"]),
        tenant_email=row["email"],
        tenant_has_portal=row["has_portal"],
        property_name=row["property_name"],
        unit_name=row["unit_name"],
        amount=row["amount"],
        currency=row["currency"],
        received_on=receipt_date(row["received_on"], row["succeeded_at"], row["issued_at"]),
    )


async def compose_receipt_email(
    session: AsyncSession, receipt_ref: str, now: datetime
) -> ComposedEmail:
    """Seed 002: tenants get their receipts. The payer is e-mailed the receipt PDF when it is
    issued, in the payer's language (the agency's if they chose none); ``payments`` queues it
    once per receipt, in the transaction that issues it, and this writes it."""
    receipt_id = uuid.UUID(receipt_ref)
    data = await receipt_notice(session, receipt_id)
    t = data.texts
    amount = t.money(data.amount, data.currency)
    base_url = get_settings().public_base_url.rstrip("/")
    rendered = render_email(
        EmailContent(
            lang=t.language,
            agency_name=data.agency_name,
            subject=t("email.subject", number=data.number, agency=data.agency_name),
            greeting=t("email.greeting", name=data.tenant_name),
            blocks=[
                Paragraph(
                    t(
                        "email.received",
                        amount=amount,
                        date=t.date(data.received_on),
                        lease=data.lease_label,
                    )
                ),
                Paragraph(
                    " ".join(
                        [
                            t("email.attached"),
                            *([t("email.portal")] if data.tenant_has_portal else []),
                        ]
                    )
                ),
            ],
            action=(
                Action(t("email.action"), f"{base_url}/portal/payments/history")
                if data.tenant_has_portal
                else None
            ),
            signoff=t("email.signoff"),
        )
    )
    return ComposedEmail(
        to=data.tenant_email,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        attachments=[
            Attachment(
                data.filename,
                "application/pdf",
                renderer=RECEIPT_RENDERER,
                renderer_ref=str(receipt_id),
            )
        ],
        from_name=data.agency_name,
    )


async def receipt_pdf(data: ReceiptData) -> bytes:
    """Render in a worker thread: the event loop keeps serving while the PDF is made."""
    return await asyncio.to_thread(render_receipt, data)


async def _render_for_outbox(session: AsyncSession, receipt_ref: str, now: datetime) -> bytes:
    receipt = await session.get_one(Receipt, uuid.UUID(receipt_ref))
    return await receipt_pdf(
        await receipt_data(session, receipt.agency_id, receipt.payment_id, now)
    )


# The push notification beside the receipt's e-mail: no amount, number or name on a lock
# screen, only that a payment was recorded and where the receipt is.
RECEIPT_PUSH: dict[str, tuple[str, str]] = {
    "en": ("Payment received", "{agency} recorded your payment. Your receipt is in the portal."),
    "fr": (
        "Paiement reçu",
        "{agency} a enregistré votre paiement. Votre reçu est dans le portail.",
    ),
    "nl": (
        "Betaling ontvangen",
        "{agency} heeft uw betaling geboekt. Uw ontvangstbewijs staat in het portaal.",
    ),
}


async def compose_receipt_push(
    session: AsyncSession, receipt_ref: str, now: datetime
) -> PushNotice:
    """Seed 002: the payer's devices hear that the payment was recorded (the e-mail carries
    the receipt itself)."""
    receipt = await session.get_one(Receipt, uuid.UUID(receipt_ref))
    agency = await session.get_one(Agency, receipt.agency_id)
    payment = await session.get_one(Payment, receipt.payment_id)
    payer = await session.get_one(Tenant, payment.tenant_id)
    language = Texts.for_tenant(agency, payer).language
    title, body = RECEIPT_PUSH.get(language, RECEIPT_PUSH["en"])
    return PushNotice(
        title=title,
        body=body.format(agency=agency.name),
        url="/portal/payments/history",
        tag=f"receipt-{receipt.id}",
    )


register_renderer(RECEIPT_RENDERER, _render_for_outbox)
register_composer(RECEIPT_EMAIL, compose_receipt_email)
register_push_composer(RECEIPT_EMAIL, compose_receipt_push)
