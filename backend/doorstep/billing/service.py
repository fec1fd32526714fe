"""Invoices: rent generated from lease schedules, other invoices added by staff, approval,
voiding and credit notes. Outstanding amounts come from ``ledger``, never from a column."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    and_,
    any_,
    bindparam,
    exists,
    not_,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffUser
from doorstep.agencies.settings import read_settings
from doorstep.audit.models import Approval, ApprovalKind
from doorstep.audit.service import needs_approval, register_decision, request_approval
from doorstep.billing.ledger import InvoiceAmounts, invoice_amounts, outstanding_of, paid_of
from doorstep.billing.models import (
    CreditNote,
    CreditNoteKind,
    CreditNoteStatus,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
)
from doorstep.billing.schemas import InvoiceState
from doorstep.core.clock import local_date
from doorstep.core.errors import Conflict, InvalidInput, NotFound
from doorstep.core.ids import new_id
from doorstep.core.pagination import PageRequest, paginate
from doorstep.core.scoping import get_in_agency
from doorstep.core.sequences import take_numbers
from doorstep.leases.models import Lease, LeaseStatus, LeaseTenant
from doorstep.leases.schedule import RentPeriod, RentTerms, periods
from doorstep.properties.models import Property, Unit
from doorstep.tenants.models import Tenant

INVOICE_SEQUENCE = "invoice"
CREDIT_NOTE_SEQUENCE = "credit_note"
RENT_LINE_DESCRIPTION = "Rent"


class InvoiceNotOpen(Conflict):
    slug = "invoice-not-open"
    title = "The invoice is not open"


class InvoicePaid(Conflict):
    slug = "invoice-has-payments"
    title = "Money has been allocated to this invoice"


class CreditExceedsOutstanding(Conflict):
    slug = "credit-exceeds-outstanding"
    title = "The credit is more than the invoice still asks for"


@dataclass(frozen=True)
class NewLine:
    description: str
    amount: int


async def get_invoice(
    session: AsyncSession, agency_id: uuid.UUID, invoice_id: uuid.UUID, *, for_update: bool = False
) -> Invoice:
    return await get_in_agency(
        session, Invoice, invoice_id, agency_id, missing="No such invoice.", for_update=for_update
    )


async def tenant_invoice(session: AsyncSession, tenant: Tenant, invoice_id: uuid.UUID) -> Invoice:
    """An invoice the tenant may see: on a lease they are party to, and issued (not a draft or
    a void one)."""
    invoice = await session.scalar(
        select(Invoice).where(
            Invoice.id == invoice_id,
            Invoice.agency_id == tenant.agency_id,
            Invoice.status == InvoiceStatus.OPEN,
            Invoice.lease_id.in_(
                select(LeaseTenant.lease_id).where(LeaseTenant.tenant_id == tenant.id)
            ),
        )
    )
    if invoice is None:
        raise NotFound("No such invoice.")
    return invoice


async def _approve(
    session: AsyncSession, invoice: Invoice, approver_id: uuid.UUID | None, now: datetime
) -> None:
    (number,) = await take_numbers(session, invoice.agency_id, INVOICE_SEQUENCE)
    invoice.number = number
    invoice.status = InvoiceStatus.OPEN
    invoice.approved_at = now
    invoice.approved_by_id = approver_id


async def create_invoice(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    *,
    lease_id: uuid.UUID,
    kind: InvoiceKind,
    due_date: date,
    lines: list[NewLine],
    now: datetime,
) -> Invoice:
    """Staff add invoices other than rent (deposit, fees) to a live or past lease. The agency's
    setting decides whether it opens at once or waits in draft for approval."""
    lease = await session.scalar(
        select(Lease).where(Lease.id == lease_id, Lease.agency_id == agency.id)
    )
    if lease is None:
        raise InvalidInput("lease_id", "No such lease in this agency.")
    if lease.status not in (LeaseStatus.ACTIVE, LeaseStatus.ENDED):
        raise InvalidInput("lease_id", f"The lease is {lease.status.value}: it cannot be invoiced.")
    invoice = Invoice(
        agency_id=agency.id,
        lease_id=lease.id,
        kind=kind,
        status=InvoiceStatus.DRAFT,
        currency=lease.rent_currency,
        issue_date=local_date(now, agency.timezone),
        due_date=due_date,
        created_by_id=staff.id,
    )
    session.add(invoice)
    await session.flush()
    session.add_all(
        InvoiceLine(
            invoice_id=invoice.id, position=index, description=line.description, amount=line.amount
        )
        for index, line in enumerate(lines)
    )
    if read_settings(agency.settings).auto_approve_invoices:
        await _approve(session, invoice, staff.id, now)
    await session.flush()
    return invoice


async def approve_invoice(
    session: AsyncSession, agency: Agency, staff: StaffUser, invoice_id: uuid.UUID, now: datetime
) -> Invoice:
    """A draft invoice opens: it gets its number and the tenant is asked to pay it."""
    invoice = await get_invoice(session, agency.id, invoice_id, for_update=True)
    if invoice.status is not InvoiceStatus.DRAFT:
        raise InvoiceNotOpen(f"Only drafts are approved; this invoice is {invoice.status.value}.")
    await _approve(session, invoice, staff.id, now)
    await session.flush()
    return invoice


async def void_invoice(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    invoice_id: uuid.UUID,
    reason: str,
    now: datetime,
) -> Invoice:
    """A void invoice asks for nothing. One that money was allocated to cannot be voided: the
    payment must be refunded first, so no money is left pointing at a void invoice."""
    invoice = await get_invoice(session, agency.id, invoice_id, for_update=True)
    if invoice.status is InvoiceStatus.VOID:
        raise InvoiceNotOpen("This invoice is already void.")
    amounts = (await invoice_amounts(session, [invoice.id]))[invoice.id]
    if amounts.paid > 0:
        raise InvoicePaid("Refund or move the payments on this invoice before voiding it.")
    invoice.status = InvoiceStatus.VOID
    invoice.voided_at = now
    invoice.voided_by_id = staff.id
    invoice.void_reason = reason
    await session.flush()
    return invoice


async def issue_credit_note(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    *,
    invoice_id: uuid.UUID,
    amount: int,
    reason: str,
    kind: CreditNoteKind,
    now: datetime,
) -> tuple[CreditNote, Approval | None]:
    """A credit note (or a write-off) reduces an open invoice by at most what it still asks
    for. Within the agency's approval threshold it applies at once; above it, it waits for a
    second person with the accountant or owner role (the approvals inbox)."""
    note = await _create_credit_note(
        session, agency, staff, invoice_id=invoice_id, amount=amount, reason=reason, kind=kind
    )
    if needs_approval(agency, amount):
        invoice = await get_invoice(session, agency.id, invoice_id)
        approval = await request_approval(
            session,
            agency,
            staff,
            kind=ApprovalKind.CREDIT_NOTE,
            subject_id=note.id,
            invoice_id=invoice.id,
            amount=amount,
            currency=invoice.currency,
            summary=f"{kind.value.replace('_', '-')} on invoice {invoice.number}: {reason}",
            now=now,
        )
        return note, approval
    return await apply_credit_note(session, agency.id, note.id, now), None


async def _create_credit_note(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    *,
    invoice_id: uuid.UUID,
    amount: int,
    reason: str,
    kind: CreditNoteKind,
) -> CreditNote:
    invoice = await get_invoice(session, agency.id, invoice_id, for_update=True)
    if invoice.status is not InvoiceStatus.OPEN:
        raise InvoiceNotOpen("Credit notes apply to open invoices.")
    amounts = (await invoice_amounts(session, [invoice.id]))[invoice.id]
    if amount > amounts.outstanding:
        raise CreditExceedsOutstanding(
            f"The invoice still asks for {amounts.outstanding}; the credit cannot exceed it."
        )
    note = CreditNote(
        agency_id=agency.id,
        invoice_id=invoice.id,
        kind=kind,
        status=CreditNoteStatus.PENDING_APPROVAL,
        amount=amount,
        reason=reason,
        requested_by_id=staff.id,
    )
    session.add(note)
    await session.flush()
    return note


async def apply_credit_note(
    session: AsyncSession, agency_id: uuid.UUID, note_id: uuid.UUID, now: datetime
) -> CreditNote:
    """Apply a pending credit note, re-checking the invoice under its lock: payments may have
    arrived since it was requested."""
    note = await get_in_agency(
        session, CreditNote, note_id, agency_id, missing="No such credit note.", for_update=True
    )
    if note.status is not CreditNoteStatus.PENDING_APPROVAL:
        raise Conflict(f"This credit note is already {note.status.value}.")
    invoice = await get_invoice(session, agency_id, note.invoice_id, for_update=True)
    if invoice.status is not InvoiceStatus.OPEN:
        raise InvoiceNotOpen("The invoice is no longer open.")
    amounts = (await invoice_amounts(session, [invoice.id]))[invoice.id]
    if note.amount > amounts.outstanding:
        raise CreditExceedsOutstanding(
            f"The invoice now asks for {amounts.outstanding}, less than this credit."
        )
    (number,) = await take_numbers(session, agency_id, CREDIT_NOTE_SEQUENCE)
    note.number = number
    note.status = CreditNoteStatus.APPLIED
    note.applied_at = now
    await session.flush()
    return note


async def reject_credit_note(
    session: AsyncSession, agency_id: uuid.UUID, note_id: uuid.UUID, now: datetime
) -> CreditNote:
    note = await get_in_agency(
        session, CreditNote, note_id, agency_id, missing="No such credit note.", for_update=True
    )
    if note.status is not CreditNoteStatus.PENDING_APPROVAL:
        raise Conflict(f"This credit note is already {note.status.value}.")
    note.status = CreditNoteStatus.REJECTED
    await session.flush()
    return note


register_decision(ApprovalKind.CREDIT_NOTE, approve=apply_credit_note, reject=reject_credit_note)


async def invoice_credit_notes(
    session: AsyncSession, agency_id: uuid.UUID, invoice_id: uuid.UUID
) -> list[tuple[CreditNote, uuid.UUID | None]]:
    """An invoice's credit notes and write-offs, oldest first, whatever their status, each with
    the approval it waits (or waited) for when it was above the threshold."""
    await get_invoice(session, agency_id, invoice_id)
    rows = await session.execute(
        select(CreditNote, Approval.id)
        .outerjoin(
            Approval,
            and_(
                Approval.subject_id == CreditNote.id,
                Approval.kind == ApprovalKind.CREDIT_NOTE,
                Approval.agency_id == agency_id,
            ),
        )
        .where(CreditNote.invoice_id == invoice_id, CreditNote.agency_id == agency_id)
        .order_by(CreditNote.id)
    )
    return [(note, approval_id) for note, approval_id in rows]


# --------------------------------------------------------------------- rent generation


def rent_source_key(lease_id: uuid.UUID, period_start: date) -> str:
    return f"rent:{lease_id}:{period_start.isoformat()}"


async def generate_rent_invoices(
    session: AsyncSession, now: datetime, *, only_agency: uuid.UUID | None = None
) -> int:
    """Tick concern: invoice every rent period of every active lease that falls due within
    the agency's lead time (``invoice_lead_days``), once. Set-based, because an agency's whole
    book comes due on the same morning; serialised per agency, so concurrent ticks neither
    duplicate invoices nor burn invoice numbers. The tick runs it agency by agency
    (``only_agency``), so one agency's failure stops no other's."""
    statement = select(Agency.id, Agency.timezone, Agency.settings)
    if only_agency is not None:
        statement = statement.where(Agency.id == only_agency)
    agencies = (await session.execute(statement)).all()
    created = 0
    for agency_id, timezone, raw_settings in agencies:
        settings = read_settings(raw_settings)
        today = local_date(now, timezone)
        horizon = today + timedelta(days=settings.invoice_lead_days)
        await session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
            {"key": f"rent-invoices:{agency_id}"},
        )
        created += await _generate_for_agency(
            session, agency_id, today, horizon, settings.auto_approve_invoices, now
        )
    return created


async def _generate_for_agency(
    session: AsyncSession,
    agency_id: uuid.UUID,
    today: date,
    horizon: date,
    auto_approve: bool,
    now: datetime,
) -> int:
    # Each lease's schedule is walked from the day after its newest invoiced period, not from
    # billing_starts_on, so a tick's work does not grow with the age of the book. Nothing is
    # skipped by that: the terms that place periods are fixed once a lease is active and
    # generated invoices are never deleted, so the periods already invoiced are always the
    # schedule's first ones. A generated invoice falls due on its period's first day: the
    # newest by due date is the newest period, one step down the (lease_id, due_date) index.
    last_invoiced = (
        select(Invoice.period_start)
        .where(Invoice.lease_id == Lease.id, Invoice.source_key.is_not(None))
        .order_by(Invoice.due_date.desc())
        .limit(1)
        .scalar_subquery()
    )
    leases = (
        await session.execute(
            select(
                Lease.id,
                Lease.start_date,
                Lease.end_date,
                Lease.holding_over,
                Lease.rent_amount,
                Lease.rent_currency,
                Lease.frequency,
                Lease.due_day,
                Lease.billing_starts_on,
                last_invoiced.label("last_invoiced"),
            )
            .where(
                Lease.agency_id == agency_id,
                Lease.status == LeaseStatus.ACTIVE,
                Lease.billing_starts_on.is_not(None),
                Lease.billing_starts_on <= horizon,
            )
            # Numbers follow lease then period order, so a rerun numbers the same way.
            .order_by(Lease.id)
        )
    ).all()
    candidates: list[tuple[str, uuid.UUID, str, RentPeriod]] = []
    for row in leases:
        terms = RentTerms(
            start_date=row.start_date,
            end_date=row.end_date,
            holding_over=row.holding_over,
            rent_amount=row.rent_amount,
            frequency=row.frequency,
            due_day=row.due_day,
        )
        due_from = row.billing_starts_on
        if row.last_invoiced is not None:
            due_from = max(due_from, row.last_invoiced + timedelta(days=1))
        for period in periods(terms, due_from=due_from):
            if period.due_date > horizon:
                break
            key = rent_source_key(row.id, period.start)
            candidates.append((key, row.id, row.rent_currency, period))
    if not candidates:
        return 0
    existing = await _invoiced_keys(session, [key for key, *_ in candidates])
    fresh = [candidate for candidate in candidates if candidate[0] not in existing]
    if not fresh:
        return 0
    numbers: Sequence[int | None] = (
        await take_numbers(session, agency_id, INVOICE_SEQUENCE, len(fresh))
        if auto_approve
        else [None] * len(fresh)
    )
    status = (InvoiceStatus.OPEN if auto_approve else InvoiceStatus.DRAFT).value
    approved_at = now if auto_approve else None
    invoices, lines = [], []
    for (key, lease_id, currency, period), number in zip(fresh, numbers, strict=True):
        invoice_id = new_id()
        invoices.append(
            (
                invoice_id,
                agency_id,
                lease_id,
                number,
                InvoiceKind.RENT.value,
                status,
                currency,
                today,
                period.due_date,
                period.start,
                period.end,
                key,
                approved_at,
            )
        )
        lines.append((new_id(), invoice_id, 0, RENT_LINE_DESCRIPTION, period.amount))
    await _copy_rows(session, Invoice.__tablename__, _INVOICE_COLUMNS, invoices)
    await _copy_rows(session, InvoiceLine.__tablename__, _LINE_COLUMNS, lines)
    return len(invoices)


# The columns of the rows _generate_for_agency builds, in their order.
_INVOICE_COLUMNS = (
    "id",
    "agency_id",
    "lease_id",
    "number",
    "kind",
    "status",
    "currency",
    "issue_date",
    "due_date",
    "period_start",
    "period_end",
    "source_key",
    "approved_at",
)
_LINE_COLUMNS = ("id", "invoice_id", "position", "description", "amount")


async def _invoiced_keys(session: AsyncSession, keys: list[str]) -> set[str | None]:
    """Those of ``keys`` that an invoice already carries. The keys go as one array parameter:
    one parameter per key would exceed the driver's limit of 32,767 on a big agency's busy
    morning."""
    found = await session.scalars(
        select(Invoice.source_key).where(
            Invoice.source_key == any_(bindparam("keys", keys, type_=ARRAY(String)))
        )
    )
    return set(found.all())


async def _copy_rows(
    session: AsyncSession, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """Load ``rows`` with COPY on the session's connection, inside its transaction. The tick
    may write a whole book of invoices at once, and row-by-row INSERTs (what executemany
    sends) took most of its time. COPY has no ON CONFLICT: a duplicate source key would fail
    the whole tick, which the per-agency lock and the check of existing keys rule out."""
    connection = await session.connection()
    driver = (await connection.get_raw_connection()).driver_connection  # asyncpg's
    assert driver is not None
    await driver.copy_records_to_table(table, columns=columns, records=rows)


# --------------------------------------------------------------------- reading


@dataclass(frozen=True)
class InvoiceView:
    invoice: Invoice
    lines: list[InvoiceLine]
    amounts: InvoiceAmounts
    state: InvoiceState
    overdue: bool
    property_name: str
    unit_name: str
    tenant_names: list[str]


def invoice_state(invoice: Invoice, amounts: InvoiceAmounts) -> InvoiceState:
    if invoice.status is InvoiceStatus.DRAFT:
        return InvoiceState.DRAFT
    if invoice.status is InvoiceStatus.VOID:
        return InvoiceState.VOID
    if amounts.outstanding == 0:
        return InvoiceState.PAID
    if amounts.paid > 0:
        return InvoiceState.PARTIALLY_PAID
    return InvoiceState.OPEN


def _state_condition(state: InvoiceState) -> ColumnElement[bool]:
    outstanding = outstanding_of(Invoice.id)
    paid = paid_of(Invoice.id)
    return {
        InvoiceState.DRAFT: Invoice.status == InvoiceStatus.DRAFT,
        InvoiceState.VOID: Invoice.status == InvoiceStatus.VOID,
        InvoiceState.PAID: and_(Invoice.status == InvoiceStatus.OPEN, outstanding == 0),
        InvoiceState.PARTIALLY_PAID: and_(
            Invoice.status == InvoiceStatus.OPEN, outstanding > 0, paid > 0
        ),
        InvoiceState.OPEN: and_(Invoice.status == InvoiceStatus.OPEN, outstanding > 0, paid == 0),
    }[state]


async def list_invoices(
    session: AsyncSession,
    agency: Agency,
    *,
    now: datetime,
    states: list[InvoiceState] | None = None,
    overdue: bool | None = None,
    lease_id: uuid.UUID | None = None,
    tenant_id: uuid.UUID | None = None,
    property_id: uuid.UUID | None = None,
    due_from: date | None = None,
    due_to: date | None = None,
    page: PageRequest,
) -> tuple[list[InvoiceView], str | None]:
    """Invoices newest first, filtered by what they mean (paid, overdue...) and by record."""
    statement = select(Invoice).where(Invoice.agency_id == agency.id)
    if states:
        statement = statement.where(or_(*(_state_condition(state) for state in states)))
    if overdue is not None:
        today = local_date(now, agency.timezone)
        late = and_(
            Invoice.status == InvoiceStatus.OPEN,
            Invoice.due_date < today,
            outstanding_of(Invoice.id) > 0,
        )
        statement = statement.where(late if overdue else not_(late))
    if lease_id is not None:
        statement = statement.where(Invoice.lease_id == lease_id)
    if tenant_id is not None:
        statement = statement.where(
            exists().where(
                LeaseTenant.lease_id == Invoice.lease_id, LeaseTenant.tenant_id == tenant_id
            )
        )
    if property_id is not None:
        statement = statement.where(
            exists().where(
                Lease.id == Invoice.lease_id,
                Unit.id == Lease.unit_id,
                Unit.property_id == property_id,
            )
        )
    if due_from is not None:
        statement = statement.where(Invoice.due_date >= due_from)
    if due_to is not None:
        statement = statement.where(Invoice.due_date <= due_to)
    invoices, cursor = await paginate(session, statement, (Invoice.id,), page, descending=True)
    return await invoice_views(session, invoices, local_date(now, agency.timezone)), cursor


async def invoice_views(
    session: AsyncSession, invoices: Sequence[Invoice], today: date
) -> list[InvoiceView]:
    """Invoices with their lines, amounts and whose they are, in a fixed number of queries."""
    if not invoices:
        return []
    ids = [invoice.id for invoice in invoices]
    lines: defaultdict[uuid.UUID, list[InvoiceLine]] = defaultdict(list)
    for line in (
        await session.scalars(
            select(InvoiceLine)
            .where(InvoiceLine.invoice_id.in_(ids))
            .order_by(InvoiceLine.position)
        )
    ).all():
        lines[line.invoice_id].append(line)
    amounts = await invoice_amounts(session, ids)
    lease_ids = {invoice.lease_id for invoice in invoices}
    places = {
        lease_id: (property_name, unit_name)
        for lease_id, property_name, unit_name in await session.execute(
            select(Lease.id, Property.name, Unit.name)
            .join(Unit, Unit.id == Lease.unit_id)
            .join(Property, Property.id == Unit.property_id)
            .where(Lease.id.in_(lease_ids))
        )
    }
    names: defaultdict[uuid.UUID, list[str]] = defaultdict(list)
    for lease_id, first, last in await session.execute(
        select(LeaseTenant.lease_id, Tenant.first_name, Tenant.last_name)
        .join(Tenant, Tenant.id == LeaseTenant.tenant_id)
        .where(LeaseTenant.lease_id.in_(lease_ids))
        .order_by(Tenant.last_name, Tenant.first_name)
    ):
        names[lease_id].append(f"{first} {last}")
    views = []
    for invoice in invoices:
        invoice_total = amounts[invoice.id]
        state = invoice_state(invoice, invoice_total)
        views.append(
            InvoiceView(
                invoice=invoice,
                lines=lines[invoice.id],
                amounts=invoice_total,
                state=state,
                overdue=state in (InvoiceState.OPEN, InvoiceState.PARTIALLY_PAID)
                and invoice.due_date < today,
                property_name=places[invoice.lease_id][0],
                unit_name=places[invoice.lease_id][1],
                tenant_names=names[invoice.lease_id],
            )
        )
    return views
