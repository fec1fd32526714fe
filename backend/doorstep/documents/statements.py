"""The annual account statement of a lease (seed 002: "Documents are automatically generated
by the management system"): every invoice, applied credit note, payment and refund of the
lease in a calendar year, with the balance before and after, as a PDF in the agency's language.

Every amount is derived from the ledger on request, never stored: an invoice charges the sum
of its lines on its issue date, an applied credit note takes its amount off on the day it was
applied, a succeeded payment on the day the money was received, a succeeded refund gives money
back on the day it completed. Drafts and void invoices (and their credit notes) never counted,
as in ``payments.ledger.balances``: the closing balance of the current year is the lease's
balance today (what its open invoices still ask for less the credit held).
Days are the agency's calendar days.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency
from doorstep.billing.ledger import sum_of_amounts
from doorstep.billing.models import (
    CreditNote,
    CreditNoteStatus,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
)
from doorstep.core.clock import local_date
from doorstep.core.errors import NotFound
from doorstep.core.names import display_name
from doorstep.documents.i18n import Texts
from doorstep.documents.receipts import FONT, font_files
from doorstep.leases.models import Lease, LeaseTenant
from doorstep.payments.ledger.models import Payment, PaymentStatus, Receipt, Refund, RefundStatus
from doorstep.properties.models import Property, Unit
from doorstep.tenants.models import Tenant


@dataclass(frozen=True)
class Entry:
    """One movement of the lease's account: ``charged`` raises what the tenant owes,
    ``paid`` lowers it."""

    day: date
    kind: str  # invoice, credit_note, payment, refund
    number: int | None
    charged: int
    paid: int
    ident: uuid.UUID

    @property
    def change(self) -> int:
        return self.charged - self.paid


async def lease_entries(session: AsyncSession, agency: Agency, lease_id: uuid.UUID) -> list[Entry]:
    """Every movement of the lease's account, oldest first: four statements, one per kind,
    each reading only the lease's rows."""
    zone = agency.timezone
    entries: list[Entry] = []
    invoices = await session.execute(
        select(
            Invoice.id,
            Invoice.number,
            Invoice.issue_date,
            sum_of_amounts(InvoiceLine.__table__.c.amount),
        )
        .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
        .where(
            Invoice.agency_id == agency.id,
            Invoice.lease_id == lease_id,
            Invoice.status == InvoiceStatus.OPEN,
        )
        .group_by(Invoice.id)
    )
    for ident, number, issued, total in invoices:
        entries.append(Entry(issued, "invoice", number, total, 0, ident))
    credit_notes = await session.execute(
        select(CreditNote.id, CreditNote.number, CreditNote.applied_at, CreditNote.amount)
        .join(Invoice, Invoice.id == CreditNote.invoice_id)
        .where(
            Invoice.agency_id == agency.id,
            Invoice.lease_id == lease_id,
            Invoice.status == InvoiceStatus.OPEN,
            CreditNote.status == CreditNoteStatus.APPLIED,
        )
    )
    for ident, number, applied_at, amount in credit_notes:
        day = local_date(applied_at, zone) if applied_at else None
        if day is not None:
            entries.append(Entry(day, "credit_note", number, 0, amount, ident))
    payments = await session.execute(
        select(
            Payment.id,
            Receipt.number,
            Payment.received_on,
            Payment.succeeded_at,
            Payment.created_at,
            Payment.amount,
        )
        .outerjoin(Receipt, Receipt.payment_id == Payment.id)
        .where(
            Payment.agency_id == agency.id,
            Payment.lease_id == lease_id,
            Payment.status == PaymentStatus.SUCCEEDED,
        )
    )
    for ident, number, received_on, succeeded_at, created_at, amount in payments:
        day = received_on or local_date(succeeded_at or created_at, zone)
        entries.append(Entry(day, "payment", number, 0, amount, ident))
    refunds = await session.execute(
        select(Refund.id, Refund.completed_at, Refund.created_at, Refund.amount, Receipt.number)
        .join(Payment, Payment.id == Refund.payment_id)
        .outerjoin(Receipt, Receipt.payment_id == Payment.id)
        .where(
            Payment.agency_id == agency.id,
            Payment.lease_id == lease_id,
            Payment.status == PaymentStatus.SUCCEEDED,
            Refund.status == RefundStatus.SUCCEEDED,
        )
    )
    for ident, completed_at, created_at, amount, number in refunds:
        entries.append(
            Entry(local_date(completed_at or created_at, zone), "refund", number, amount, 0, ident)
        )
    order = {"invoice": 0, "credit_note": 1, "payment": 2, "refund": 3}
    entries.sort(key=lambda e: (e.day, order[e.kind], e.number or 0, e.ident))
    return entries


def activity_years(entries: list[Entry], today: date) -> list[int]:
    """The years the lease had a movement in, newest first, up to this year."""
    return sorted({e.day.year for e in entries if e.day.year <= today.year}, reverse=True)


async def statement_years(
    session: AsyncSession, agency: Agency, lease_ids: list[uuid.UUID], now: datetime
) -> dict[uuid.UUID, list[int]]:
    """For each lease, the years it has a statement for."""
    today = local_date(now, agency.timezone)
    return {
        lease_id: activity_years(await lease_entries(session, agency, lease_id), today)
        for lease_id in lease_ids
    }


@dataclass(frozen=True)
class StatementData:
    agency_name: str
    locale: str
    timezone: str
    year: int
    lease_id: uuid.UUID
    property_name: str
    unit_name: str
    address: str
    tenant_names: list[str]
    currency: str
    opening: int
    entries: list[Entry]
    as_at: datetime

    @property
    def texts(self) -> Texts:
        return Texts.for_agency(self.locale, self.timezone)

    @property
    def charged(self) -> int:
        return sum(e.charged for e in self.entries)

    @property
    def paid(self) -> int:
        return sum(e.paid for e in self.entries)

    @property
    def closing(self) -> int:
        return self.opening + self.charged - self.paid

    @property
    def filename(self) -> str:
        return f"{self.texts('statement.file')}-{self.year}-{self.unit_name}.pdf"


async def statement_data(
    session: AsyncSession, agency: Agency, lease_id: uuid.UUID, year: int, now: datetime
) -> StatementData:
    """The statement of the agency's lease for ``year``; not found for a year without
    movements or after this one (the caller has checked who may read the lease)."""
    row = (
        await session.execute(
            select(Lease, Property, Unit)
            .join(Unit, Unit.id == Lease.unit_id)
            .join(Property, Property.id == Unit.property_id)
            .where(Lease.id == lease_id, Lease.agency_id == agency.id)
        )
    ).first()
    if row is None:
        raise NotFound("No such lease.")
    lease, prop, unit = row
    entries = await lease_entries(session, agency, lease_id)
    if year not in activity_years(entries, local_date(now, agency.timezone)):
        raise NotFound("This lease has no statement for this year.")
    names = [
        display_name(first, last)
        for first, last in await session.execute(
            select(Tenant.first_name, Tenant.last_name)
            .join(LeaseTenant, LeaseTenant.tenant_id == Tenant.id)
            .where(LeaseTenant.lease_id == lease_id)
            .order_by(Tenant.last_name, Tenant.first_name, Tenant.id)
        )
    ]
    return StatementData(
        agency_name=agency.name,
        locale=agency.locale,
        timezone=agency.timezone,
        year=year,
        lease_id=lease.id,
        property_name=prop.name,
        unit_name=unit.name,
        address=f"{prop.address_line1}, {prop.postal_code} {prop.city}",
        tenant_names=names,
        currency=lease.rent_currency,
        opening=sum(e.change for e in entries if e.day.year < year),
        entries=[e for e in entries if e.day.year == year],
        as_at=now,
    )


def _describe(t: Texts, entry: Entry) -> str:
    number = entry.number if entry.number is not None else "-"
    return t(f"statement.{entry.kind}", number=number)


def render_statement(data: StatementData) -> bytes:
    """The statement as an A4 PDF in the agency's language."""
    t = data.texts
    pdf = FPDF(format="A4")
    regular, bold = font_files()
    pdf.add_font(FONT, "", str(regular))
    pdf.add_font(FONT, "B", str(bold))
    title = t("statement.title", year=data.year)
    pdf.set_title(title)
    pdf.set_author(data.agency_name)
    pdf.set_creator("Doorstep")
    pdf.set_lang(t.language)
    pdf.set_creation_date(data.as_at)
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    width = pdf.epw

    pdf.set_font(FONT, "B", 17)
    pdf.multi_cell(width, 8, data.agency_name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.set_text_color(20, 28, 40)
    pdf.set_font(FONT, "B", 18)
    pdf.multi_cell(width, 10, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(200, 206, 216)
    pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.l_margin + width, pdf.get_y() + 2)
    pdf.ln(6)

    fields = [
        (t("lease"), f"{data.property_name}, {data.unit_name}\n{data.address}"),
        (t("statement.tenants"), ", ".join(data.tenant_names)),
        (t("statement.period"), t.period(date(data.year, 1, 1), date(data.year, 12, 31))),
    ]
    label_width = 44
    for label, value in fields:
        pdf.set_font(FONT, "B", 10)
        y = pdf.get_y()
        pdf.multi_cell(label_width, 6, label, new_x=XPos.RIGHT, new_y=YPos.TOP)
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(width - label_width, 6, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_y(max(pdf.get_y(), y + 6) + 1.5)
    pdf.ln(4)

    def money(amount: int) -> str:
        return t.money(amount, data.currency)

    pdf.set_font(FONT, "", 9)
    balance = data.opening
    with pdf.table(
        col_widths=(24, 58, 26, 26, 28),
        text_align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"),
        first_row_as_headings=True,
        line_height=6,
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        table.row(
            [
                t("statement.date"),
                t("statement.description"),
                t("statement.charged"),
                t("statement.paid"),
                t("statement.balance"),
            ]
        )
        table.row([t.date(date(data.year, 1, 1)), t("statement.opening"), "", "", money(balance)])
        for entry in data.entries:
            balance += entry.change
            table.row(
                [
                    t.date(entry.day),
                    _describe(t, entry),
                    money(entry.charged) if entry.charged else "",
                    money(entry.paid) if entry.paid else "",
                    money(balance),
                ]
            )
        table.row(
            [
                t.date(min(date(data.year, 12, 31), local_date(data.as_at, data.timezone))),
                t("statement.closing"),
                money(data.charged),
                money(data.paid),
                money(data.closing),
            ]
        )
    pdf.ln(6)
    pdf.set_font(FONT, "B", 11)
    closing_key = "statement.owed" if data.closing > 0 else "statement.settled"
    if data.closing < 0:
        closing_key = "statement.in_credit"
    pdf.multi_cell(
        width,
        6,
        t(closing_key, amount=money(abs(data.closing))),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    if not data.entries:
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(width, 6, t("statement.none"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(90, 98, 110)
    pdf.multi_cell(
        width,
        5,
        t("statement.as_at", date=t.date(data.as_at), agency=data.agency_name),
        align=Align.L,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    return bytes(pdf.output())


async def statement_pdf(data: StatementData) -> bytes:
    """Render in a worker thread: the event loop keeps serving while the PDF is made."""
    return await asyncio.to_thread(render_statement, data)
