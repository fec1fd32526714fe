"""Invoices: rent generated from lease schedules, other invoices added by staff, approval,
voiding and credit notes. Outstanding amounts come from ``ledger``, never from a column."""

from __future__ import annotations

import gc
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    UUID,
    Date,
    Select,
    String,
    and_,
    any_,
    bindparam,
    case,
    exists,
    func,
    not_,
    or_,
    select,
    text,
    true,
)
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffUser
from doorstep.agencies.settings import read_settings
from doorstep.audit.models import Approval, ApprovalKind
from doorstep.audit.service import (
    needs_approval,
    record_event,
    register_decision,
    request_approval,
)
from doorstep.billing.ledger import (
    InvoiceAmounts,
    credited_lateral,
    invoice_amounts,
    invoice_state_sql,
    paid_lateral,
    sum_of_amounts,
)
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
from doorstep.core.db import fetch_rows, table_of
from doorstep.core.errors import Conflict, InvalidInput, NotFound
from doorstep.core.ids import new_ids
from doorstep.core.pagination import PageRequest, decode_cursor, encode_cursor
from doorstep.core.person_search import person_matches, person_search, search_params
from doorstep.core.scoping import get_in_agency
from doorstep.core.sequences import take_numbers
from doorstep.leases.models import NO_MORE_RENT, Lease, LeaseStatus, LeaseTenant, RentReview
from doorstep.leases.schedule import (
    RentPeriod,
    RentTerms,
    next_due_date,
    period_between,
    periods,
    regular_due_on_or_after,
    rent_on,
    repriced,
)
from doorstep.leases.schemas import LeaseUpdate
from doorstep.leases.service import (
    cancel_lease,
    get_lease,
    record_next_rent_due,
    record_rent_review,
    rent_reviews,
    rent_terms,
    update_lease,
)
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


# What happens when invoices open on leases: the payments module registers, at import, the use
# of the leases' credit (billing never reaches up into payments; see docs/architecture.md).
InvoicesOpened = Callable[[AsyncSession, Sequence[uuid.UUID]], Awaitable[None]]
_on_invoices_opened: list[InvoicesOpened] = []


def on_invoices_opened(hook: InvoicesOpened) -> None:
    """Register what to do, in the same transaction, when invoices open on these leases."""
    if hook not in _on_invoices_opened:
        _on_invoices_opened.append(hook)


# The one lock order of money writers (docs/architecture.md): a lease's payments, then its
# invoices in id order. A billing write that will settle invoices from credit (approving a
# draft) takes the payments first through this hook, which the payments module registers.
LockLeasePayments = Callable[[AsyncSession, uuid.UUID], Awaitable[None]]
_lock_lease_payments: list[LockLeasePayments] = []


def on_lock_lease_payments(hook: LockLeasePayments) -> None:
    """Register how the payments of a lease are locked (before any of its invoices)."""
    if hook not in _lock_lease_payments:
        _lock_lease_payments.append(hook)


async def lock_lease_payments(session: AsyncSession, lease_id: uuid.UUID) -> None:
    for hook in _lock_lease_payments:
        await hook(session, lease_id)


async def invoices_opened(session: AsyncSession, lease_ids: Sequence[uuid.UUID]) -> None:
    """Invoices opened on these leases: the tenant's credit settles them (issue 11: credit is
    used when an invoice is issued)."""
    if not lease_ids:
        return
    for hook in _on_invoices_opened:
        await hook(session, lease_ids)


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
    if invoice.status is InvoiceStatus.OPEN:
        await invoices_opened(session, [invoice.lease_id])
    return invoice


async def approve_invoice(
    session: AsyncSession, agency: Agency, staff: StaffUser, invoice_id: uuid.UUID, now: datetime
) -> Invoice:
    """A draft invoice opens: it gets its number and the tenant is asked to pay it, from the
    lease's credit first. The lease's payments are locked before the invoice (the one lock
    order: a payment being recorded on the lease locks its payment, then the invoices), so an
    approval and a payment never wait for each other in a circle."""
    draft = await get_invoice(session, agency.id, invoice_id)
    await lock_lease_payments(session, draft.lease_id)
    invoice = await session.scalar(
        select(Invoice)
        .where(Invoice.id == draft.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert invoice is not None  # invoices are voided, never deleted
    if invoice.status is not InvoiceStatus.DRAFT:
        raise InvoiceNotOpen(f"Only drafts are approved; this invoice is {invoice.status.value}.")
    await _approve(session, invoice, staff.id, now)
    await session.flush()
    await invoices_opened(session, [invoice.lease_id])
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
    second person with the accountant or owner role (the approvals inbox).

    The threshold counts what the invoice has been credited in all (applied, pending and this
    note): three write-offs of 500.00 against a 500.00 threshold are 1,500.00 taken off one
    invoice, and only the first goes without a second person."""
    note = await _create_credit_note(
        session, agency, staff, invoice_id=invoice_id, amount=amount, reason=reason, kind=kind
    )
    # The invoice is locked (``_create_credit_note``): concurrent notes are counted in turn.
    credited = await session.scalar(
        select(func.coalesce(func.sum(CreditNote.amount), 0)).where(
            CreditNote.agency_id == agency.id,
            CreditNote.invoice_id == invoice_id,
            CreditNote.status.in_([CreditNoteStatus.APPLIED, CreditNoteStatus.PENDING_APPROVAL]),
        )
    )
    if needs_approval(agency, int(credited or 0)):
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


RENT_REVIEW_REASON = "Rent review from {date}"
TERM_END_REASON = "Tenancy term: ends on {date}"
TERM_OPEN_REASON = "Tenancy term: no end date"
TERM_HOLDING_OVER_REASON = "Tenancy term: holding over after {date}"
TERM_CANCELLED_REASON = "Tenancy term: cancelled, ends on {date}"
TERM_NEVER_STARTED_REASON = "Tenancy term: cancelled before it started on {date}"
# The credit notes that bring a rent invoice to the lease's terms (not discretionary credits):
# what an invoice "costs" under the terms is its lines less these.
_TERM_CREDIT_PREFIXES = ("Rent review from ", "Tenancy term: ")
# A draft voided because the tenancy no longer reaches its period (by its void reason).
_TERM_VOID_PREFIX = "Tenancy term: "
INVOICE_DRAFT_REPRICED = "invoice.draft_repriced"
INVOICE_DRAFT_VOIDED = "invoice.draft_voided"
INVOICE_DRAFT_RESTORED = "invoice.draft_restored"


async def review_rent(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    lease_id: uuid.UUID,
    *,
    effective_from: date,
    amount: int,
    currency: str,
    now: datetime,
) -> RentReview:
    """A new rent from a date (kept by the lease with its rent history), and the rent invoices
    already issued for periods from that date brought to it (seed 003: before the reminder the
    change is highlighted, after it the recurring charge does not happen)."""
    review = await record_rent_review(
        session,
        agency,
        staff,
        lease_id,
        effective_from=effective_from,
        amount=amount,
        currency=currency,
        now=now,
    )
    lease = await session.get_one(Lease, review.lease_id)
    await reprice_rent_invoices(
        session,
        agency,
        staff,
        lease_id=lease.id,
        terms=rent_terms(lease),
        reviews=await _review_pairs(session, agency.id, lease.id),
        starting_from=effective_from,
        reason=RENT_REVIEW_REASON.format(date=effective_from.isoformat()),
        now=now,
    )
    return review


async def _review_pairs(
    session: AsyncSession, agency_id: uuid.UUID, lease_id: uuid.UUID
) -> list[tuple[date, int]]:
    return [
        (r.effective_from, r.rent_amount) for r in await rent_reviews(session, agency_id, lease_id)
    ]


async def change_lease_term(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    lease_id: uuid.UUID,
    data: LeaseUpdate,
    *,
    now: datetime,
) -> Lease:
    """Staff change a lease (``leases.service.update_lease``); on an active lease a moved end
    date or holding-over flag also brings the rent invoices already issued or waiting in draft
    to the new term, as a rent review does: a period now after the end is credited (a draft
    voided), the one the end now falls in is prorated to it, and one that was the last,
    prorated, is made whole again when the tenancy goes on (a line). Seed 003: a tenant
    vacating, or a term expiring with or without holding over, before the pre-charge reminder
    is reminded of the changed amount; after it, the charge does not happen and the tenant is
    told to pay by hand."""
    lease = await get_lease(session, agency.id, lease_id, for_update=True)
    was_active = lease.status is LeaseStatus.ACTIVE
    old_end = None if lease.holding_over else lease.end_date
    lease = await update_lease(session, agency, lease_id, data)
    if was_active:
        await _bring_rent_to_term(session, agency, staff, lease, old_end, now=now)
    return lease


async def cancel_tenancy(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    lease_id: uuid.UUID,
    *,
    ends_on: date | None,
    now: datetime,
) -> Lease:
    """Staff cancel a lease (``leases.service.cancel_lease``). Given the day an active
    tenancy ends, the rent invoices (open and draft) for periods after it are credited or
    voided and the one it falls in is prorated to it, exactly as a moved end date does. Seed
    003: cancelled before the pre-charge reminder, the remaining rent is reminded (and
    highlighted when it differs from the set-up amount) and taken; after it, the charge fails
    as the amount changed and the tenant pays by hand. Recurring payments stop with the
    cancellation (the recurring cycle ends set-ups of cancelled leases)."""
    lease = await get_lease(session, agency.id, lease_id, for_update=True)
    was_active = lease.status is LeaseStatus.ACTIVE
    old_end = None if lease.holding_over else lease.end_date
    lease = await cancel_lease(session, agency, lease_id, ends_on=ends_on)
    if was_active:
        await _bring_rent_to_term(
            session, agency, staff, lease, old_end, now=now, cancelled=ends_on is not None
        )
    return lease


async def _bring_rent_to_term(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    lease: Lease,
    old_end: date | None,
    *,
    now: datetime,
    cancelled: bool = False,
) -> None:
    """The rent invoices of a lease whose term went from ``old_end`` (None: open-ended or
    holding over) to what the lease now says, repriced from the earlier of the two ends on."""
    new_end = None if lease.holding_over else lease.end_date
    if old_end == new_end:
        return
    if new_end is not None and new_end < lease.start_date:
        reason = TERM_NEVER_STARTED_REASON.format(date=lease.start_date.isoformat())
    elif new_end is not None:
        template = TERM_CANCELLED_REASON if cancelled else TERM_END_REASON
        reason = template.format(date=new_end.isoformat())
    elif lease.holding_over and lease.end_date is not None:
        reason = TERM_HOLDING_OVER_REASON.format(date=lease.end_date.isoformat())
    else:
        reason = TERM_OPEN_REASON
    await reprice_rent_invoices(
        session,
        agency,
        staff,
        lease_id=lease.id,
        terms=rent_terms(lease),
        reviews=await _review_pairs(session, agency.id, lease.id),
        ending_from=min(end for end in (old_end, new_end) if end is not None),
        reason=reason,
        now=now,
    )


def _period_under_terms(terms: RentTerms, start: date) -> RentPeriod | None:
    """The period starting on ``start`` (an invoiced period's first day) as the lease's terms
    have it now: cut at the end date unless the tenancy is open-ended or holding over, None
    when the tenancy ends before it."""
    if not terms.open_ended and terms.end_date is not None and start > terms.end_date:
        return None
    end = regular_due_on_or_after(terms, start + timedelta(days=1)) - timedelta(days=1)
    if not terms.open_ended and terms.end_date is not None:
        end = min(end, terms.end_date)
    return period_between(terms, start, end)


async def reprice_rent_invoices(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    *,
    lease_id: uuid.UUID,
    terms: RentTerms,
    reviews: list[tuple[date, int]],
    reason: str,
    now: datetime,
    starting_from: date | None = None,
    ending_from: date | None = None,
) -> int:
    """Bring the rent invoices already issued or waiting in draft (for periods starting on or
    after ``starting_from``, or ending on or after ``ending_from``) to what the lease's terms
    now make them cost: the period as the term cuts it, at the rent in effect on its first
    day. An open invoice gets a line for an increase and an applied credit note for a decrease
    (a term of the lease, not a discretionary credit: no second approver); a period the
    tenancy no longer reaches costs nothing. A draft has no number and was never sent, so it
    changes in place (``_reprice_draft``). Seed 003: a recurring tenant reminded of the old
    amount then gets no charge and a "payment unsuccessful" e-mail."""
    statement = (
        select(Invoice)
        .where(
            Invoice.agency_id == agency.id,
            Invoice.lease_id == lease_id,
            or_(
                Invoice.status.in_([InvoiceStatus.OPEN, InvoiceStatus.DRAFT]),
                # A draft an earlier term voided comes back if the tenancy reaches it again.
                and_(
                    Invoice.status == InvoiceStatus.VOID,
                    Invoice.number.is_(None),
                    Invoice.void_reason.startswith(_TERM_VOID_PREFIX),
                ),
            ),
            Invoice.kind == InvoiceKind.RENT,
            Invoice.source_key.is_not(None),
            Invoice.period_start.is_not(None),
        )
        .order_by(Invoice.id)
        .with_for_update()
    )
    if starting_from is not None:
        statement = statement.where(Invoice.period_start >= starting_from)
    if ending_from is not None:
        statement = statement.where(
            func.coalesce(Invoice.period_end, Invoice.period_start) >= ending_from
        )
    invoices = (await session.scalars(statement)).all()
    changed = 0
    for invoice in invoices:
        assert invoice.period_start is not None
        lines = list(
            (
                await session.scalars(
                    select(InvoiceLine)
                    .where(InvoiceLine.invoice_id == invoice.id)
                    .order_by(InvoiceLine.position)
                )
            ).all()
        )
        # Whether the period is a part one is told by its dates under the terms: its generated
        # amount may be an earlier review's rent, which is no share of the lease's own.
        period = _period_under_terms(terms, invoice.period_start)
        base_rent = terms.rent_amount
        if period is None:
            expected = 0
        else:
            expected = repriced(
                period, base_rent, rent_on(base_rent, reviews, invoice.period_start)
            ).amount
        if invoice.status is not InvoiceStatus.OPEN:
            if await _reprice_draft(session, staff, invoice, lines, period, expected, reason, now):
                changed += 1
            continue
        if period is not None:
            # The invoice says which days it charges for; a later review prorates by them.
            invoice.period_end = period.end
        term_credits = await session.scalar(
            select(func.coalesce(func.sum(CreditNote.amount), 0)).where(
                CreditNote.invoice_id == invoice.id,
                CreditNote.status == CreditNoteStatus.APPLIED,
                or_(*(CreditNote.reason.startswith(p) for p in _TERM_CREDIT_PREFIXES)),
            )
        )
        difference = expected - (sum(line.amount for line in lines) - int(term_credits or 0))
        if difference > 0:
            _add_term_line(session, invoice, lines, reason, difference)
            changed += 1
        elif difference < 0:
            outstanding = (await invoice_amounts(session, [invoice.id]))[invoice.id].outstanding
            credit = min(-difference, outstanding)
            if credit > 0:
                note = await _create_credit_note(
                    session,
                    agency,
                    staff,
                    invoice_id=invoice.id,
                    amount=credit,
                    reason=reason,
                    kind=CreditNoteKind.CREDIT,
                )
                await apply_credit_note(session, agency.id, note.id, now)
                changed += 1
    await session.flush()
    return changed


def _add_term_line(
    session: AsyncSession,
    invoice: Invoice,
    lines: Sequence[InvoiceLine],
    reason: str,
    amount: int,
) -> None:
    """What the lease's terms now add to a rent invoice: a line after its last, with why."""
    session.add(
        InvoiceLine(
            invoice_id=invoice.id,
            position=lines[-1].position + 1,
            description=reason,
            amount=amount,
        )
    )


async def _reprice_draft(
    session: AsyncSession,
    staff: StaffUser,
    invoice: Invoice,
    lines: list[InvoiceLine],
    period: RentPeriod | None,
    expected: int,
    reason: str,
    now: datetime,
) -> bool:
    """A draft rent invoice (or one a term voided before approval) made to cost ``expected``
    in place: approving it later charges the new term, never the old one. A line with the
    reason for an increase; a decrease taken off its last lines; voided when the tenancy no
    longer reaches its period, back to draft when it does again. Recorded in the audit log
    (who, when), since no credit note carries it."""
    if expected == 0:
        if invoice.status is InvoiceStatus.VOID:
            return False
        invoice.status = InvoiceStatus.VOID
        invoice.voided_at = now
        invoice.voided_by_id = staff.id
        invoice.void_reason = reason
        action = INVOICE_DRAFT_VOIDED
    else:
        assert period is not None
        invoice.period_end = period.end
        restored = invoice.status is InvoiceStatus.VOID
        if restored:
            invoice.status = InvoiceStatus.DRAFT
            invoice.voided_at = invoice.voided_by_id = invoice.void_reason = None
        difference = expected - sum(line.amount for line in lines)
        if difference == 0 and not restored:
            return False
        if difference > 0:
            _add_term_line(session, invoice, lines, reason, difference)
        for line in reversed(lines):
            if difference >= 0:
                break
            taken = min(line.amount - (1 if line is lines[0] else 0), -difference)
            difference += taken
            if taken == line.amount:
                await session.delete(line)
            else:
                line.amount -= taken
        action = INVOICE_DRAFT_RESTORED if restored else INVOICE_DRAFT_REPRICED
    await session.flush()
    await record_event(
        session,
        agency_id=invoice.agency_id,
        action=action,
        subject_type="invoice",
        subject_id=invoice.id,
        actor_staff_id=staff.id,
        now=now,
    )
    return True


@dataclass(frozen=True, slots=True)
class RentDue:
    due_date: date
    amount: int  # what the rent invoice still asks for, or the rent before it is issued
    invoice_id: uuid.UUID | None


async def next_rent_to_pay(
    session: AsyncSession,
    leases: Sequence[tuple[uuid.UUID, RentTerms]],
    today: date,
    rent_reviews: Mapping[uuid.UUID, Sequence[tuple[date, int]]] | None = None,
) -> dict[uuid.UUID, RentDue | None]:
    """Per lease, the next rent the tenant still has to pay (issue 11: "Next rent due" shows
    what is really next): the first regular due date on or after ``today`` whose rent is not
    already settled — a rent invoice paid early (or by credit) moves it to the following one.
    None when the lease ends before any such date. A rent not invoiced yet is the rent in
    effect on its due date (``rent_reviews``: per lease, (effective from, rent))."""
    if not leases:
        return {}
    # One statement built once and sent as it is, outside any transaction: the tenant's
    # leases page reads it on every visit.
    rows = await fetch_rows(
        session,
        _OPEN_RENTS,
        {"lease_ids": [lease_id for lease_id, _ in leases], "today": today},
    )
    issued = {(row["lease_id"], row["due_date"]): row["id"] for row in rows}
    outstanding_of = {row["id"]: row["outstanding"] for row in rows}
    found: dict[uuid.UUID, RentDue | None] = {}
    for lease_id, terms in leases:
        due = next_due_date(terms, today)
        found[lease_id] = None
        # A tenant pays months ahead at most: a bounded walk.
        for _ in range(120):
            if due is None or (not terms.open_ended and terms.end_date and due > terms.end_date):
                break
            invoice_id = issued.get((lease_id, due))
            if invoice_id is None:
                reviews = (rent_reviews or {}).get(lease_id, ())
                found[lease_id] = RentDue(due, rent_on(terms.rent_amount, reviews, due), None)
                break
            outstanding = outstanding_of[invoice_id]
            if outstanding > 0:
                found[lease_id] = RentDue(due, outstanding, invoice_id)
                break
            due = regular_due_on_or_after(terms, due + timedelta(days=1))
    return found


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
        with _cyclic_collection_paused():
            created += await _generate_for_agency(
                session, agency_id, today, horizon, settings.auto_approve_invoices, now
            )
    return created


_collection_pauses = 0  # callers inside _cyclic_collection_paused, in this process
_collection_was_enabled = False


@contextmanager
def _cyclic_collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while a whole book's rows are built and written.
    Those rows (leases read, periods, invoice and line records) hold no reference cycles,
    so the collector finds nothing in them, but every few tens of thousands of them it walks
    the whole heap again, which grows with the book: 14 full collections, a fifth of the
    tick's time at 100,000 leases. Reference counting still frees everything as usual; the
    collector is resumed when the last pause in the process ends."""
    global _collection_pauses, _collection_was_enabled
    if _collection_pauses == 0:
        _collection_was_enabled = gc.isenabled()
        gc.disable()
    _collection_pauses += 1
    try:
        yield
    finally:
        _collection_pauses -= 1
        if _collection_pauses == 0 and _collection_was_enabled:
            gc.enable()


async def _generate_for_agency(
    session: AsyncSession,
    agency_id: uuid.UUID,
    today: date,
    horizon: date,
    auto_approve: bool,
    now: datetime,
) -> int:
    # Only the leases with rent coming due are read: each active lease carries the due date
    # of its next period not yet invoiced (``Lease.next_rent_due_on``), kept by this function
    # and reset when the terms change; one range of an index finds those due by the horizon
    # and those not worked out yet (which sort first). A tick with nothing due reads next to
    # nothing, however big the book.
    #
    # Each lease's schedule is walked from the day after its newest invoiced period, not from
    # billing_starts_on, so a tick's work does not grow with the age of the book. Nothing is
    # skipped by that: the terms that place periods are fixed once a lease is active and
    # generated invoices are never deleted (a void one keeps its period), so the periods
    # already invoiced are always the schedule's first ones. A generated invoice falls due on
    # its period's first day: the newest by due date is the newest period, one step down the
    # (lease_id, due_date) index.
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
                # Literal, as in the index's predicate, so that the planner may use it.
                text("leases.status = 'active'"),
                Lease.next_rent_due_on <= horizon,
                Lease.billing_starts_on.is_not(None),
            )
            # Numbers follow lease then period order, so a rerun numbers the same way.
            .order_by(Lease.id)
        )
    ).all()
    if not leases:
        return 0
    # Rent reviews: a period costs the rent in effect on its first day.
    reviews: dict[uuid.UUID, list[tuple[date, int]]] = defaultdict(list)
    for lease_id, effective_from, amount in await session.execute(
        select(RentReview.lease_id, RentReview.effective_from, RentReview.rent_amount).where(
            RentReview.agency_id == agency_id,
            # A semi-join on the unnested ids: hashed, whatever the number of leases read.
            RentReview.lease_id.in_(
                select(func.unnest(bindparam("lease_ids", type_=ARRAY(UUID)))).scalar_subquery()
            ),
        ),
        {"lease_ids": [row.id for row in leases]},
    ):
        reviews[lease_id].append((effective_from, amount))
    candidates: list[tuple[str, uuid.UUID, str, RentPeriod]] = []
    bookmarks: list[tuple[uuid.UUID, date, date | None, bool]] = []
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
        next_due = NO_MORE_RENT
        for period in periods(terms, due_from=due_from):
            if period.due_date > horizon:
                next_due = period.due_date
                break
            key = rent_source_key(row.id, period.start)
            if row.id in reviews:
                rent = rent_on(row.rent_amount, reviews[row.id], period.start)
                period = repriced(period, row.rent_amount, rent)
            candidates.append((key, row.id, row.rent_currency, period))
        bookmarks.append((row.id, next_due, row.end_date, row.holding_over))
    # Written before the invoices, in the same transaction: both commit or neither does.
    await record_next_rent_due(session, bookmarks)
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
    ids = new_ids(2 * len(fresh))
    for (key, lease_id, currency, period), number, invoice_id, line_id in zip(
        fresh, numbers, ids[: len(fresh)], ids[len(fresh) :], strict=True
    ):
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
        lines.append((line_id, invoice_id, 0, RENT_LINE_DESCRIPTION, period.amount))
    await _copy_rows(session, Invoice.__tablename__, _INVOICE_COLUMNS, invoices)
    await _copy_rows(session, InvoiceLine.__tablename__, _LINE_COLUMNS, lines)
    if auto_approve:
        await invoices_opened(session, sorted({lease_id for _, lease_id, _, _ in fresh}))
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

_invoices = table_of(Invoice)
_lines = table_of(InvoiceLine)
_leases = table_of(Lease)
_lease_tenants = table_of(LeaseTenant)
_units = table_of(Unit)
_properties = table_of(Property)
_tenants = table_of(Tenant)


@dataclass(frozen=True, slots=True)
class InvoiceView:
    """An invoice as lists and pages show it, read as plain values (no ORM objects)."""

    id: uuid.UUID
    number: int | None
    lease_id: uuid.UUID
    kind: InvoiceKind
    status: InvoiceStatus
    currency: str
    issue_date: date
    due_date: date
    period_start: date | None
    period_end: date | None
    approved_at: datetime | None
    void_reason: str | None
    lines: list[tuple[str, int]]  # (description, amount) in position order
    amounts: InvoiceAmounts
    state: InvoiceState
    overdue: bool
    property_name: str
    unit_name: str
    tenant_names: list[str]


def invoice_state(invoice: Invoice, amounts: InvoiceAmounts) -> InvoiceState:
    """What an invoice means to people; ``ledger.invoice_state_sql`` says the same in SQL."""
    if invoice.status is InvoiceStatus.DRAFT:
        return InvoiceState.DRAFT
    if invoice.status is InvoiceStatus.VOID:
        return InvoiceState.VOID
    if amounts.outstanding == 0:
        return InvoiceState.PAID
    if amounts.paid > 0:
        return InvoiceState.PARTIALLY_PAID
    return InvoiceState.OPEN


# The optional filters of an invoice list, each a bound parameter of the same name.
# The prefix of the tenant search's bound parameters (`core.person_search.search_params`).
_TENANT_SEARCH = "tenant"
_FILTERS = frozenset(
    {
        "states",
        "late",
        "not_late",
        "lease_id",
        "tenant_id",
        "property_id",
        "due_from",
        "due_to",
        "tenant_pattern",
    }
)


def _total_lateral() -> Any:
    """``total``: the sum of an invoice's lines, as a LATERAL sub-select of ``invoices``."""
    return (
        select(sum_of_amounts(_lines.c.amount).label("total"))
        .where(_lines.c.invoice_id == _invoices.c.id)
        .lateral("total")
    )


def _open_rents_statement() -> Select[Any]:
    """The open rent invoices of some leases (``lease_ids``) due on or after ``today``, with
    what each still asks for, in one statement: where ``next_rent_to_pay`` looks."""
    total = _total_lateral()
    credited = credited_lateral(_invoices.c.id)
    paid = paid_lateral(_invoices.c.id)
    return (
        select(
            _invoices.c.id,
            _invoices.c.lease_id,
            _invoices.c.due_date,
            (total.c.total - credited.c.credited - paid.c.paid).label("outstanding"),
        )
        .select_from(_invoices.join(total, true()).join(credited, true()).join(paid, true()))
        .where(
            _invoices.c.lease_id == any_(bindparam("lease_ids", type_=ARRAY(UUID))),
            _invoices.c.kind == InvoiceKind.RENT.value,
            _invoices.c.status == InvoiceStatus.OPEN.value,
            _invoices.c.due_date >= bindparam("today", type_=Date),
        )
    )


_OPEN_RENTS = _open_rents_statement()


@dataclass(frozen=True)
class _Matching:
    """The invoices matching a list's filters, with their amounts and state as columns."""

    source: Any
    total: Any
    credited: Any
    paid: Any
    outstanding: Any
    state: Any
    conditions: list[Any]


def _matching(filters: frozenset[str], *, by_ids: bool = False) -> _Matching:
    """The filters of an invoice list as conditions over invoices and their amounts (LATERAL
    sub-selects): shared by the list, its totals and its CSV export, so they always agree."""
    assert filters <= _FILTERS, filters
    total = _total_lateral()
    credited = credited_lateral(_invoices.c.id)
    paid = paid_lateral(_invoices.c.id)
    outstanding = total.c.total - credited.c.credited - paid.c.paid
    state = invoice_state_sql(_invoices.c.status, outstanding, paid.c.paid)
    conditions: list[Any] = []
    if by_ids:
        conditions.append(_invoices.c.id == any_(bindparam("ids", type_=ARRAY(UUID))))
    else:
        conditions.append(_invoices.c.agency_id == bindparam("agency_id"))
    if "states" in filters:
        conditions.append(state == any_(bindparam("states", type_=ARRAY(String))))
    late = and_(
        _invoices.c.status == InvoiceStatus.OPEN.value,
        _invoices.c.due_date < bindparam("today", type_=Date),
        outstanding > 0,
    )
    if "late" in filters:
        conditions.append(late)
    if "not_late" in filters:
        conditions.append(not_(late))
    if "lease_id" in filters:
        conditions.append(_invoices.c.lease_id == bindparam("lease_id"))
    if "tenant_id" in filters:
        conditions.append(
            exists().where(
                _lease_tenants.c.lease_id == _invoices.c.lease_id,
                _lease_tenants.c.tenant_id == bindparam("tenant_id"),
            )
        )
    if "tenant_pattern" in filters:
        conditions.append(
            exists().where(
                _lease_tenants.c.lease_id == _invoices.c.lease_id,
                _tenants.c.id == _lease_tenants.c.tenant_id,
                person_matches(
                    _tenants.c.first_name,
                    _tenants.c.last_name,
                    _tenants.c.email,
                    _tenants.c.phone,
                    _TENANT_SEARCH,
                ),
            )
        )
    if "property_id" in filters:
        conditions.append(
            exists().where(
                _leases.c.id == _invoices.c.lease_id,
                _units.c.id == _leases.c.unit_id,
                _units.c.property_id == bindparam("property_id"),
            )
        )
    if "due_from" in filters:
        conditions.append(_invoices.c.due_date >= bindparam("due_from", type_=Date))
    if "due_to" in filters:
        conditions.append(_invoices.c.due_date <= bindparam("due_to", type_=Date))
    return _Matching(
        source=_invoices.join(total, true()).join(credited, true()).join(paid, true()),
        total=total.c.total,
        credited=credited.c.credited,
        paid=paid.c.paid,
        outstanding=outstanding,
        state=state,
        conditions=conditions,
    )


@cache
def _invoice_rows(filters: frozenset[str], *, after_cursor: bool, by_ids: bool) -> Select[Any]:
    """The statement that reads invoice views, built once per combination of filters.

    The inner query picks the page: invoices matching the filters with their total, credits,
    allocations and state (LATERAL sub-selects, evaluated once per candidate row however many
    conditions read them), newest first, limited. Only then are the page's rows given their
    lines, place and tenants' names. Few relations per level keep PostgreSQL free to start
    from the most selective one (a tenant's leases) rather than the agency's every invoice."""
    matching = _matching(filters, by_ids=by_ids)
    page = (
        select(
            _invoices.c.id,
            _invoices.c.number,
            _invoices.c.lease_id,
            _invoices.c.kind,
            _invoices.c.status,
            _invoices.c.currency,
            _invoices.c.issue_date,
            _invoices.c.due_date,
            _invoices.c.period_start,
            _invoices.c.period_end,
            _invoices.c.approved_at,
            _invoices.c.void_reason,
            matching.total,
            matching.credited,
            matching.paid,
            matching.state.label("state"),
        )
        .select_from(matching.source)
        .where(*matching.conditions)
    )
    if after_cursor:
        page = page.where(_invoices.c.id < bindparam("cursor_id"))
    if not by_ids:
        page = page.order_by(_invoices.c.id.desc()).limit(bindparam("limit"))
    rows = page.subquery("page")
    line_list = (
        select(
            func.array_agg(aggregate_order_by(_lines.c.description, _lines.c.position)).label(
                "line_descriptions"
            ),
            func.array_agg(aggregate_order_by(_lines.c.amount, _lines.c.position)).label(
                "line_amounts"
            ),
        )
        .where(_lines.c.invoice_id == rows.c.id)
        .lateral("line_list")
    )
    names = (
        select(
            func.array_agg(
                aggregate_order_by(
                    _tenants.c.first_name + " " + _tenants.c.last_name,
                    _tenants.c.last_name,
                    _tenants.c.first_name,
                )
            ).label("tenant_names")
        )
        .select_from(_lease_tenants.join(_tenants, _tenants.c.id == _lease_tenants.c.tenant_id))
        .where(_lease_tenants.c.lease_id == rows.c.lease_id)
        .lateral("names")
    )
    return (
        select(
            rows,
            line_list.c.line_descriptions,
            line_list.c.line_amounts,
            _properties.c.name.label("property_name"),
            _units.c.name.label("unit_name"),
            names.c.tenant_names,
        )
        .select_from(
            rows.join(_leases, _leases.c.id == rows.c.lease_id)
            .join(_units, _units.c.id == _leases.c.unit_id)
            .join(_properties, _properties.c.id == _units.c.property_id)
            .join(line_list, true())
            .join(names, true())
        )
        .order_by(rows.c.id.desc())
    )


def _view(row: Any, today: date) -> InvoiceView:
    state = InvoiceState(row["state"])
    due_date: date = row["due_date"]
    return InvoiceView(
        id=row["id"],
        number=row["number"],
        lease_id=row["lease_id"],
        kind=InvoiceKind(row["kind"]),
        status=InvoiceStatus(row["status"]),
        currency=row["currency"],
        issue_date=row["issue_date"],
        due_date=due_date,
        period_start=row["period_start"],
        period_end=row["period_end"],
        approved_at=row["approved_at"],
        void_reason=row["void_reason"],
        lines=list(zip(row["line_descriptions"] or (), row["line_amounts"] or (), strict=True)),
        amounts=InvoiceAmounts(row["total"], row["credited"], row["paid"]),
        state=state,
        overdue=state in (InvoiceState.OPEN, InvoiceState.PARTIALLY_PAID) and due_date < today,
        property_name=row["property_name"],
        unit_name=row["unit_name"],
        tenant_names=list(row["tenant_names"] or ()),
    )


@dataclass(frozen=True)
class InvoiceFilters:
    """What an invoice list is narrowed to (every one optional)."""

    states: Sequence[InvoiceState] | None = None
    overdue: bool | None = None
    lease_id: uuid.UUID | None = None
    tenant_id: uuid.UUID | None = None
    property_id: uuid.UUID | None = None
    due_from: date | None = None
    due_to: date | None = None
    # A tenant's name, e-mail address or phone number, or part of it.
    tenant_query: str | None = None
    # The country of a phone number typed without its country code (the agency's).
    phone_region: str | None = None

    def params(self, agency_id: uuid.UUID, today: date) -> dict[str, Any]:
        params: dict[str, Any] = {"agency_id": agency_id, "today": today}
        if self.states:
            params["states"] = [state.value for state in self.states]
        if self.overdue is not None:
            params["late" if self.overdue else "not_late"] = True
        for name, value in (
            ("lease_id", self.lease_id),
            ("tenant_id", self.tenant_id),
            ("property_id", self.property_id),
            ("due_from", self.due_from),
            ("due_to", self.due_to),
        ):
            if value is not None:
                params[name] = value
        if self.tenant_query and self.tenant_query.strip():
            search = person_search(self.tenant_query.strip(), self.phone_region)
            params.update(search_params(_TENANT_SEARCH, search))
        return params


async def list_invoices(
    session: AsyncSession,
    agency_id: uuid.UUID,
    timezone: str,
    *,
    now: datetime,
    states: Sequence[InvoiceState] | None = None,
    overdue: bool | None = None,
    lease_id: uuid.UUID | None = None,
    tenant_id: uuid.UUID | None = None,
    property_id: uuid.UUID | None = None,
    due_from: date | None = None,
    due_to: date | None = None,
    tenant_query: str | None = None,
    phone_region: str | None = None,
    page: PageRequest,
) -> tuple[list[InvoiceView], str | None]:
    """Invoices newest first, filtered by what they mean (paid, overdue...) and by record."""
    filters = InvoiceFilters(
        states=states,
        overdue=overdue,
        lease_id=lease_id,
        tenant_id=tenant_id,
        property_id=property_id,
        due_from=due_from,
        due_to=due_to,
        tenant_query=tenant_query,
        phone_region=phone_region,
    )
    return await _invoice_page(session, agency_id, timezone, filters, now=now, page=page)


async def _invoice_page(
    session: AsyncSession,
    agency_id: uuid.UUID,
    timezone: str,
    filters: InvoiceFilters,
    *,
    now: datetime,
    page: PageRequest,
) -> tuple[list[InvoiceView], str | None]:
    today = local_date(now, timezone)
    params = filters.params(agency_id, today)
    params["limit"] = page.limit + 1
    if page.cursor:
        (params["cursor_id"],) = decode_cursor(page.cursor, (Invoice.id,))
    statement = _invoice_rows(
        frozenset(params) & _FILTERS, after_cursor="cursor_id" in params, by_ids=False
    )
    rows = await fetch_rows(session, statement, params)
    cursor = None
    if len(rows) > page.limit:
        rows = rows[: page.limit]
        cursor = encode_cursor([rows[-1]["id"]])
    return [_view(row, today) for row in rows], cursor


# Invoices read per statement when a whole filtered list is exported.
EXPORT_BATCH = 200


async def all_invoices(
    session: AsyncSession,
    agency_id: uuid.UUID,
    timezone: str,
    filters: InvoiceFilters,
    *,
    now: datetime,
) -> list[InvoiceView]:
    """Every invoice matching the filters, newest first (an export), read a page at a time."""
    found: list[InvoiceView] = []
    cursor: str | None = None
    while True:
        views, cursor = await _invoice_page(
            session,
            agency_id,
            timezone,
            filters,
            now=now,
            page=PageRequest(cursor=cursor, limit=EXPORT_BATCH),
        )
        found.extend(views)
        if cursor is None:
            return found


@dataclass(frozen=True)
class InvoiceTotals:
    invoices: int
    total: int
    credited: int
    paid: int
    outstanding: int


@cache
def _invoice_totals(filters: frozenset[str]) -> Select[int, int, int, int, int]:
    matching = _matching(filters)
    return (
        select(
            func.count().label("invoices"),
            sum_of_amounts(matching.total).label("total"),
            sum_of_amounts(matching.credited).label("credited"),
            sum_of_amounts(matching.paid).label("paid"),
            # Void and draft invoices ask for nothing, whatever their lines say.
            sum_of_amounts(
                case(
                    (_invoices.c.status == InvoiceStatus.OPEN.value, matching.outstanding),
                    else_=0,
                )
            ).label("outstanding"),
        )
        .select_from(matching.source)
        .where(*matching.conditions)
    )


async def invoice_totals(
    session: AsyncSession,
    agency_id: uuid.UUID,
    timezone: str,
    filters: InvoiceFilters,
    *,
    now: datetime,
) -> InvoiceTotals:
    """The totals of every invoice matching the filters (not only a page): one statement,
    with the same conditions as the list."""
    params = filters.params(agency_id, local_date(now, timezone))
    (row,) = await fetch_rows(session, _invoice_totals(frozenset(params) & _FILTERS), params)
    return InvoiceTotals(
        invoices=int(row["invoices"]),
        total=int(row["total"]),
        credited=int(row["credited"]),
        paid=int(row["paid"]),
        outstanding=int(row["outstanding"]),
    )


async def invoice_views(
    session: AsyncSession, invoices: Sequence[Invoice], today: date
) -> list[InvoiceView]:
    """The views of these invoices, in their order, in one query."""
    if not invoices:
        return []
    statement = _invoice_rows(frozenset(), after_cursor=False, by_ids=True)
    rows = await fetch_rows(session, statement, {"ids": [invoice.id for invoice in invoices]})
    views = {row["id"]: _view(row, today) for row in rows}
    return [views[invoice.id] for invoice in invoices]
