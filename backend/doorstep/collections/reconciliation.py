"""Bank reconciliation: the trust account's statement against what Doorstep recorded.

Seed 000 ("Receipts and payment reconciliation"): review receipt, payment and lease before
treating a collection as complete — and "if payment happens outside the platform, record it
manually after confirmation". Importing a statement is that confirmation by the staff member
who imports it: each credit line is matched automatically when it can be matched with
certainty, and waits in a review queue otherwise.

Automatic matching, for each credit line in file order:
1. a **payment** already recorded (succeeded, not matched to another line): same amount, its
   reference contains the payment's reference or the other way round (at least
   ``MIN_REFERENCE_MATCH`` letters and digits, spaces and punctuation ignored), received within
   ``PAYMENT_DATE_WINDOW`` of the booking date;
2. a **gateway payout** (card payments paid out to the trust account): the reference contains
   a payout reference of succeeded payments, and the line is not more than they add up to
   (the gateway keeps its fees);
3. an **open invoice**: the reference names the invoice ("invoice 12", "INV-0012", "#12";
   with the lease's payment reference too, it must be that lease's) and the amount equals what
   it still asks for; or, naming no invoice, it quotes the lease's payment reference and the
   amount equals what one of the lease's invoices asks for (the oldest such). A bank transfer
   is then recorded, confirmed by the importer, allocated to it (or oldest first when the
   trust account says so — seed 003) and receipted.
Exactly one candidate matches, or none does: an ambiguous line is left for a person.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from babel import Locale
from sqlalchemy import ColumnElement, case, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffUser
from doorstep.agencies.service import get_trust_account
from doorstep.billing.allocations import AllocationRequest
from doorstep.billing.ledger import invoice_amounts, outstanding_of
from doorstep.billing.models import Invoice, InvoiceStatus
from doorstep.collections.follow_ups import staff_names
from doorstep.collections.models import (
    BankStatement,
    LineDirection,
    LineStatus,
    MatchKind,
    StatementLine,
)
from doorstep.collections.references import compact_text, lease_payment_reference
from doorstep.collections.statement_csv import parse_statement
from doorstep.core.clock import local_date
from doorstep.core.erasure import Needles, mentions, scrubbed
from doorstep.core.errors import AppError, Conflict, InvalidInput
from doorstep.core.pagination import PageRequest, paginate
from doorstep.core.schemas import minor_unit_digits
from doorstep.core.scoping import get_in_agency
from doorstep.leases.models import Lease, LeaseStatus, LeaseTenant
from doorstep.payments.ledger.models import Payment, PaymentMethod, PaymentStatus
from doorstep.payments.ledger.service import record_offline_payment
from doorstep.tenants.models import Tenant

MAX_STATEMENT_BYTES = 2 * 1024 * 1024
PAYMENT_DATE_WINDOW = timedelta(days=5)
MIN_REFERENCE_MATCH = 8
DEBIT_REASON = "Money paid out of the account (debit): not a tenant payment."
ONLINE_METHODS = (PaymentMethod.CARD, PaymentMethod.PAYMENT_LINK, PaymentMethod.SEPA_DEBIT)

# "Invoice 12", "INV-0012", "facture n° 12", "#12": a number with a word saying it is one.
_INVOICE_NUMBER = re.compile(
    r"(?<![A-Z0-9])(?:INVOICE|INV|FACTUUR|FACTURE|FACT|RECHNUNG|NR|NO|N°|#)"
    r"\s*[.:#°-]?\s*(?:N°|NO|NR)?\s*[.:#-]?\s*0*(\d{1,12})(?!\d)"
)


class StatementAlreadyImported(Conflict):
    slug = "statement-already-imported"
    title = "This bank statement was imported before"


class StatementTooLarge(AppError):
    status_code = 413
    slug = "statement-too-large"
    title = "The file is too large"


class LineNotOpen(Conflict):
    slug = "statement-line-not-open"
    title = "This statement line is not waiting for review"


class MatchRefused(Conflict):
    slug = "statement-line-match-refused"
    title = "This line cannot be matched to that"


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _month_first(locale: str) -> bool:
    try:
        pattern = Locale.parse(locale.replace("-", "_")).date_formats["short"].pattern
    except (ValueError, KeyError):  # pragma: no cover - agency locales are validated
        return False
    return str(pattern).lstrip().upper().startswith("M")


async def import_statement(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    *,
    file_name: str,
    data: bytes,
    now: datetime,
) -> BankStatement:
    """Store a statement and its lines, then match what can be matched with certainty. The same
    file (by content) is imported once: a second import is refused, so no payment is recorded
    twice. Debits are kept, set aside as ignored."""
    if len(data) > MAX_STATEMENT_BYTES:
        raise StatementTooLarge(f"A statement file is at most {MAX_STATEMENT_BYTES} bytes.")
    digest = file_digest(data)
    earlier = await session.scalar(
        select(BankStatement).where(
            BankStatement.agency_id == agency.id, BankStatement.file_sha256 == digest
        )
    )
    if earlier is not None:
        raise StatementAlreadyImported(
            f"This file was imported on {earlier.imported_at:%Y-%m-%d} "
            f"(statement {earlier.id}); its lines are in the review queue."
        )
    parsed = parse_statement(
        data,
        currency_digits=minor_unit_digits(agency.currency),
        month_first=_month_first(agency.locale),
    )
    statement = BankStatement(
        agency_id=agency.id,
        file_name=file_name[:255] or "statement.csv",
        file_sha256=digest,
        currency=agency.currency,
        first_date=min(line.booked_on for line in parsed.lines),
        last_date=max(line.booked_on for line in parsed.lines),
        imported_by_id=staff.id,
        imported_at=now,
    )
    session.add(statement)
    await session.flush()
    lines = [
        StatementLine(
            agency_id=agency.id,
            statement_id=statement.id,
            line_number=line.line_number,
            booked_on=line.booked_on,
            amount=line.amount,
            direction=LineDirection.CREDIT if line.amount > 0 else LineDirection.DEBIT,
            reference=line.reference,
            counterparty=line.counterparty,
            status=LineStatus.UNMATCHED if line.amount > 0 else LineStatus.IGNORED,
            ignore_reason=None if line.amount > 0 else DEBIT_REASON,
            matched_automatically=False,
        )
        for line in parsed.lines
    ]
    session.add_all(lines)
    await session.flush()
    await _auto_match(session, agency, staff, lines, now)
    return statement


# --------------------------------------------------------------------------- matching


@dataclass
class _PaymentCandidate:
    id: uuid.UUID
    amount: int
    reference: str  # compact
    received_on: date


@dataclass
class _InvoiceCandidate:
    id: uuid.UUID
    number: int
    lease_id: uuid.UUID
    due_date: date
    outstanding: int


@dataclass(frozen=True)
class _Party:
    id: uuid.UUID
    first_name: str
    last_name: str


def _contains_either(line_reference: str, other: str) -> bool:
    shorter, longer = sorted((line_reference, other), key=len)
    return len(shorter) >= MIN_REFERENCE_MATCH and shorter in longer


def invoice_numbers_in(reference: str) -> set[int]:
    return {int(number) for number in _INVOICE_NUMBER.findall(reference.upper())}


def _payer(parties: Sequence[_Party], counterparty: str) -> _Party | None:
    """The tenant who paid: the one the bank names, else the lease's first tenant."""
    named = compact_text(counterparty)

    def full_name(party: _Party) -> bool:
        return compact_text(party.last_name) in named and compact_text(party.first_name) in named

    def last_name(party: _Party) -> bool:
        last = compact_text(party.last_name)
        return len(last) >= 3 and last in named

    for matches in (full_name, last_name):
        found = [party for party in parties if matches(party)]
        if len(found) == 1:
            return found[0]
    return parties[0] if parties else None


class _Book:
    """What lines can match, loaded in a fixed number of queries for the whole statement."""

    def __init__(self) -> None:
        self.payments: list[_PaymentCandidate] = []
        self.payouts: dict[str, tuple[str, int]] = {}  # compact -> (reference, gross)
        self.invoices: dict[uuid.UUID, _InvoiceCandidate] = {}
        self.lease_references: dict[str, list[uuid.UUID]] = defaultdict(list)
        self.parties: dict[uuid.UUID, list[_Party]] = defaultdict(list)

    async def load(
        self, session: AsyncSession, agency_id: uuid.UUID, lines: Sequence[StatementLine]
    ) -> None:
        low = min(line.booked_on for line in lines) - PAYMENT_DATE_WINDOW
        high = max(line.booked_on for line in lines) + PAYMENT_DATE_WINDOW
        already_matched = exists().where(StatementLine.payment_id == Payment.id)
        for payment_id, amount, reference, received_on in await session.execute(
            select(Payment.id, Payment.amount, Payment.reference, Payment.received_on).where(
                Payment.agency_id == agency_id,
                Payment.status == PaymentStatus.SUCCEEDED,
                Payment.reference.is_not(None),
                Payment.received_on.between(low, high),
                ~already_matched,
            )
        ):
            if reference is not None and received_on is not None:
                self.payments.append(
                    _PaymentCandidate(payment_id, amount, compact_text(reference), received_on)
                )
        paid_out = exists().where(
            StatementLine.agency_id == agency_id,
            StatementLine.payout_reference == Payment.payout_reference,
        )
        for reference, gross in await session.execute(
            select(Payment.payout_reference, func.sum(Payment.amount))
            .where(
                Payment.agency_id == agency_id,
                Payment.status == PaymentStatus.SUCCEEDED,
                Payment.payout_reference.is_not(None),
                ~paid_out,
            )
            .group_by(Payment.payout_reference)
        ):
            if reference is not None and len(compact_text(reference)) >= MIN_REFERENCE_MATCH:
                self.payouts[compact_text(reference)] = (reference, int(gross))
        outstanding = outstanding_of(Invoice.id)
        for invoice_id, number, lease_id, due_date, amount in await session.execute(
            select(
                Invoice.id, Invoice.number, Invoice.lease_id, Invoice.due_date, outstanding
            ).where(
                Invoice.agency_id == agency_id,
                Invoice.status == InvoiceStatus.OPEN,
                outstanding > 0,
            )
        ):
            self.invoices[invoice_id] = _InvoiceCandidate(
                invoice_id, int(number or 0), lease_id, due_date, int(amount)
            )
        for lease_id, tenant_id, first, last in await session.execute(
            select(Lease.id, Tenant.id, Tenant.first_name, Tenant.last_name)
            .join(LeaseTenant, LeaseTenant.lease_id == Lease.id)
            .join(Tenant, Tenant.id == LeaseTenant.tenant_id)
            .where(
                Lease.agency_id == agency_id,
                Lease.status.in_([LeaseStatus.ACTIVE, LeaseStatus.ENDED]),
            )
            .order_by(Lease.id, Tenant.last_name, Tenant.first_name, Tenant.id)
        ):
            if lease_id not in self.parties:
                self.lease_references[lease_payment_reference(lease_id)].append(lease_id)
            self.parties[lease_id].append(_Party(tenant_id, first, last))

    def payment_for(self, line: StatementLine) -> _PaymentCandidate | None:
        reference = compact_text(line.reference)
        found = [
            payment
            for payment in self.payments
            if payment.amount == line.amount
            and abs(payment.received_on - line.booked_on) <= PAYMENT_DATE_WINDOW
            and _contains_either(reference, payment.reference)
        ]
        return found[0] if len(found) == 1 else None

    def payout_for(self, line: StatementLine) -> str | None:
        reference = compact_text(line.reference)
        found = [
            original
            for compact, (original, gross) in self.payouts.items()
            if compact in reference and line.amount <= gross
        ]
        return found[0] if len(found) == 1 else None

    def invoice_for(self, line: StatementLine) -> _InvoiceCandidate | None:
        reference = compact_text(line.reference)
        leases = {
            lease_id
            for compact, lease_ids in self.lease_references.items()
            if compact in reference
            for lease_id in lease_ids
        }
        numbers = invoice_numbers_in(line.reference)
        same_amount = [i for i in self.invoices.values() if i.outstanding == line.amount]
        if numbers:
            # Named invoices decide; one that names another lease's invoice, or an invoice
            # asking for another amount, is for a person to read.
            named = [
                invoice
                for invoice in same_amount
                if invoice.number in numbers and (not leases or invoice.lease_id in leases)
            ]
            return named[0] if len(named) == 1 else None
        if len(leases) != 1:
            return None
        (lease_id,) = leases
        of_lease = sorted(
            (invoice for invoice in same_amount if invoice.lease_id == lease_id),
            key=lambda invoice: (invoice.due_date, invoice.number),
        )
        return of_lease[0] if of_lease else None

    async def refresh_lease(self, session: AsyncSession, lease_id: uuid.UUID) -> None:
        """After a payment on the lease, what its invoices still ask for."""
        ids = [i.id for i in self.invoices.values() if i.lease_id == lease_id]
        amounts = await invoice_amounts(session, ids)
        for invoice_id in ids:
            self.invoices[invoice_id].outstanding = amounts[invoice_id].outstanding
            if self.invoices[invoice_id].outstanding <= 0:
                del self.invoices[invoice_id]


async def _auto_match(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    lines: Sequence[StatementLine],
    now: datetime,
) -> None:
    credits = [line for line in lines if line.direction is LineDirection.CREDIT]
    if not credits:
        return
    book = _Book()
    await book.load(session, agency.id, credits)
    today = local_date(now, agency.timezone)
    oldest_first = (await get_trust_account(session, agency.id)).receipt_oldest_invoice_first
    for line in credits:
        payment = book.payment_for(line)
        if payment is not None:
            _matched(line, MatchKind.PAYMENT, staff, now, automatically=True)
            line.payment_id = payment.id
            book.payments.remove(payment)
            continue
        payout = book.payout_for(line)
        if payout is not None:
            _matched(line, MatchKind.PAYOUT, staff, now, automatically=True)
            line.payout_reference = payout
            del book.payouts[compact_text(payout)]
            continue
        invoice = book.invoice_for(line)
        if invoice is None or line.booked_on > today:
            continue
        parties = book.parties.get(invoice.lease_id, [])
        payer = _payer(parties, line.counterparty)
        if payer is None:
            continue
        try:
            async with session.begin_nested():
                recorded = await _record_transfer(
                    session,
                    agency,
                    staff,
                    line,
                    invoice.id,
                    invoice.lease_id,
                    payer.id,
                    allocate=None if oldest_first else invoice.outstanding,
                    now=now,
                )
        except AppError:  # the service refused (a rule this matcher does not know): review
            continue
        _matched(line, MatchKind.INVOICE, staff, now, automatically=True)
        line.payment_id, line.invoice_id = recorded.id, invoice.id
        await book.refresh_lease(session, invoice.lease_id)
    await session.flush()


async def _record_transfer(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    line: StatementLine,
    invoice_id: uuid.UUID,
    lease_id: uuid.UUID,
    tenant_id: uuid.UUID,
    *,
    allocate: int | None,
    now: datetime,
) -> Payment:
    """The line's money as a bank transfer confirmed by ``staff``, settling the invoice (up to
    what it asks for; the rest is the tenant's credit)."""
    return (
        await record_offline_payment(
            session,
            agency,
            staff,
            lease_id=lease_id,
            tenant_id=tenant_id,
            amount=line.amount,
            currency=agency.currency,
            method=PaymentMethod.BANK_TRANSFER,
            received_on=line.booked_on,
            reference=(line.reference or f"Bank statement line {line.line_number}")[:200],
            allocations=(
                None
                if allocate is None
                else [AllocationRequest(invoice_id, min(allocate, line.amount))]
            ),
            now=now,
        )
    ).payment


def _matched(
    line: StatementLine, kind: MatchKind, staff: StaffUser, now: datetime, *, automatically: bool
) -> None:
    line.status = LineStatus.MATCHED
    line.match_kind = kind
    line.matched_automatically = automatically
    line.resolved_by_id = staff.id
    line.resolved_at = now


# --------------------------------------------------------------------------- review


async def _open_line(
    session: AsyncSession, agency_id: uuid.UUID, line_id: uuid.UUID
) -> StatementLine:
    line = await get_line(session, agency_id, line_id, for_update=True)
    if line.status is not LineStatus.UNMATCHED:
        raise LineNotOpen(f"This line is {line.status.value} already.")
    return line


async def get_line(
    session: AsyncSession, agency_id: uuid.UUID, line_id: uuid.UUID, *, for_update: bool = False
) -> StatementLine:
    return await get_in_agency(
        session,
        StatementLine,
        line_id,
        agency_id,
        missing="No such statement line.",
        for_update=for_update,
    )


async def match_to_invoice(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    line_id: uuid.UUID,
    *,
    invoice_id: uuid.UUID,
    tenant_id: uuid.UUID | None,
    now: datetime,
) -> StatementLine:
    """Staff confirm that a line pays an invoice: a bank transfer is recorded and allocated to
    it (up to what it asks for; the rest is the tenant's credit on the lease)."""
    line = await _open_line(session, agency.id, line_id)
    invoice = await session.scalar(
        select(Invoice).where(Invoice.id == invoice_id, Invoice.agency_id == agency.id)
    )
    if invoice is None:
        raise InvalidInput("invoice_id", "No such invoice in this agency.")
    if invoice.status is not InvoiceStatus.OPEN:
        raise MatchRefused(f"The invoice is {invoice.status.value}: it takes no payment.")
    outstanding = (await invoice_amounts(session, [invoice.id]))[invoice.id].outstanding
    if outstanding <= 0:
        raise MatchRefused(f"Invoice {invoice.number} is paid already.")
    if line.booked_on > local_date(now, agency.timezone):
        raise MatchRefused("The line is booked in the future; match it once the date has come.")
    if tenant_id is None:
        parties = [
            _Party(t_id, first, last)
            for t_id, first, last in await session.execute(
                select(Tenant.id, Tenant.first_name, Tenant.last_name)
                .join(LeaseTenant, LeaseTenant.tenant_id == Tenant.id)
                .where(LeaseTenant.lease_id == invoice.lease_id)
                .order_by(Tenant.last_name, Tenant.first_name, Tenant.id)
            )
        ]
        payer = _payer(parties, line.counterparty)
        if payer is None:
            raise MatchRefused("The invoice's lease has no tenant to record the payment for.")
        tenant_id = payer.id
    oldest_first = (await get_trust_account(session, agency.id)).receipt_oldest_invoice_first
    payment = await _record_transfer(
        session,
        agency,
        staff,
        line,
        invoice.id,
        invoice.lease_id,
        tenant_id,
        allocate=None if oldest_first else outstanding,
        now=now,
    )
    _matched(line, MatchKind.INVOICE, staff, now, automatically=False)
    line.payment_id, line.invoice_id = payment.id, invoice.id
    await session.flush()
    return line


async def match_to_payment(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    line_id: uuid.UUID,
    *,
    payment_id: uuid.UUID,
    now: datetime,
) -> StatementLine:
    """Staff confirm that a line is a payment already recorded (same amount, not matched to
    another line)."""
    line = await _open_line(session, agency.id, line_id)
    payment = await session.scalar(
        select(Payment).where(Payment.id == payment_id, Payment.agency_id == agency.id)
    )
    if payment is None:
        raise InvalidInput("payment_id", "No such payment in this agency.")
    if payment.status is not PaymentStatus.SUCCEEDED:
        raise MatchRefused(f"The payment is {payment.status.value}: no money arrived with it.")
    if payment.amount != line.amount:
        raise MatchRefused("The payment and the line are for different amounts.")
    taken = await session.scalar(
        select(StatementLine.id).where(StatementLine.payment_id == payment.id)
    )
    if taken is not None:
        raise MatchRefused("This payment is matched to another statement line.")
    _matched(line, MatchKind.PAYMENT, staff, now, automatically=False)
    line.payment_id = payment.id
    await session.flush()
    return line


async def ignore_line(
    session: AsyncSession,
    agency_id: uuid.UUID,
    staff: StaffUser,
    line_id: uuid.UUID,
    *,
    reason: str,
    now: datetime,
) -> StatementLine:
    """Set a line aside (not a tenant's money: a transfer between accounts, a refund from a
    supplier), saying why."""
    line = await _open_line(session, agency_id, line_id)
    line.status = LineStatus.IGNORED
    line.ignore_reason = reason
    line.resolved_by_id = staff.id
    line.resolved_at = now
    await session.flush()
    return line


async def reopen_line(
    session: AsyncSession, agency_id: uuid.UUID, line_id: uuid.UUID
) -> StatementLine:
    """Put an ignored credit back in the review queue (ignoring it was a mistake)."""
    line = await get_line(session, agency_id, line_id, for_update=True)
    if line.status is not LineStatus.IGNORED or line.direction is LineDirection.DEBIT:
        raise LineNotOpen("Only ignored credits go back to the review queue.")
    line.status = LineStatus.UNMATCHED
    line.ignore_reason = None
    line.resolved_by_id = None
    line.resolved_at = None
    await session.flush()
    return line


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class LineView:
    line: StatementLine
    invoice_number: int | None
    lease_id: uuid.UUID | None
    resolved_by_name: str | None


async def list_lines(
    session: AsyncSession,
    agency_id: uuid.UUID,
    *,
    status: LineStatus | None,
    direction: LineDirection | None,
    statement_id: uuid.UUID | None,
    page: PageRequest,
) -> tuple[list[LineView], str | None]:
    """Statement lines in import order; ``status=unmatched`` is the review queue."""
    statement = select(StatementLine).where(StatementLine.agency_id == agency_id)
    for column, value in (
        (StatementLine.status, status),
        (StatementLine.direction, direction),
        (StatementLine.statement_id, statement_id),
    ):
        if value is not None:
            statement = statement.where(column == value)
    found, cursor = await paginate(session, statement, (StatementLine.id,), page)
    return await line_views(session, found), cursor


async def line_views(session: AsyncSession, lines: Sequence[StatementLine]) -> list[LineView]:
    """Lines with the invoice number, lease and person behind their match: three queries."""
    if not lines:
        return []
    numbers = dict(
        (
            await session.execute(
                select(Invoice.id, Invoice.number).where(
                    Invoice.id.in_({line.invoice_id for line in lines if line.invoice_id})
                )
            )
        ).all()
    )
    leases = dict(
        (
            await session.execute(
                select(Payment.id, Payment.lease_id).where(
                    Payment.id.in_({line.payment_id for line in lines if line.payment_id})
                )
            )
        ).all()
    )
    names = await staff_names(session, {line.resolved_by_id for line in lines})
    return [
        LineView(
            line=line,
            invoice_number=numbers.get(line.invoice_id) if line.invoice_id else None,
            lease_id=leases.get(line.payment_id) if line.payment_id else None,
            resolved_by_name=names.get(line.resolved_by_id) if line.resolved_by_id else None,
        )
        for line in lines
    ]


@dataclass(frozen=True)
class StatementCounts:
    lines: int = 0
    credits: int = 0
    debits: int = 0
    credit_total: int = 0
    debit_total: int = 0
    matched: int = 0
    unmatched: int = 0
    ignored: int = 0
    matched_automatically: int = 0


@dataclass(frozen=True)
class StatementView:
    statement: BankStatement
    counts: StatementCounts
    imported_by_name: str


async def get_statement(
    session: AsyncSession, agency_id: uuid.UUID, statement_id: uuid.UUID
) -> BankStatement:
    return await get_in_agency(
        session, BankStatement, statement_id, agency_id, missing="No such bank statement."
    )


async def list_statements(
    session: AsyncSession, agency_id: uuid.UUID, page: PageRequest
) -> tuple[list[StatementView], str | None]:
    found, cursor = await paginate(
        session,
        select(BankStatement).where(BankStatement.agency_id == agency_id),
        (BankStatement.id,),
        page,
        descending=True,
    )
    return await statement_views(session, found), cursor


async def statement_views(
    session: AsyncSession, statements: Sequence[BankStatement]
) -> list[StatementView]:
    """Statements with their lines counted by direction and review status: two queries."""
    if not statements:
        return []
    credit = StatementLine.direction == LineDirection.CREDIT

    def count_where(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return func.count(case((condition, 1)))

    rows = await session.execute(
        select(
            StatementLine.statement_id,
            func.count(),
            count_where(credit),
            count_where(~credit),
            func.coalesce(func.sum(case((credit, StatementLine.amount), else_=0)), 0),
            func.coalesce(func.sum(case((~credit, -StatementLine.amount), else_=0)), 0),
            count_where(StatementLine.status == LineStatus.MATCHED),
            count_where(StatementLine.status == LineStatus.UNMATCHED),
            count_where(StatementLine.status == LineStatus.IGNORED),
            count_where(StatementLine.matched_automatically.is_(True)),
        )
        .where(StatementLine.statement_id.in_([s.id for s in statements]))
        .group_by(StatementLine.statement_id)
    )
    counts = {
        statement_id: StatementCounts(*(int(value) for value in values))
        for statement_id, *values in rows
    }
    names = await staff_names(session, {s.imported_by_id for s in statements})
    return [
        StatementView(
            statement=s,
            counts=counts.get(s.id, StatementCounts()),
            imported_by_name=names.get(s.imported_by_id, ""),
        )
        for s in statements
    ]


@dataclass(frozen=True)
class UnpaidOut:
    payment: Payment
    tenant_name: str
    days_waiting: int


async def unpaid_out(
    session: AsyncSession, agency: Agency, *, now: datetime, page: PageRequest
) -> tuple[list[UnpaidOut], int, int, str | None]:
    """Card and payment-link payments that succeeded but that the gateway has not yet paid out
    to the trust account (no payout reference): money the agency is owed by the gateway, oldest
    first. Returns the page, the count and total of all of them, and the next cursor."""
    waiting = (
        Payment.agency_id == agency.id,
        Payment.method.in_(ONLINE_METHODS),
        Payment.status == PaymentStatus.SUCCEEDED,
        Payment.payout_reference.is_(None),
    )
    count, total = (
        await session.execute(
            select(func.count(), func.coalesce(func.sum(Payment.amount), 0)).where(*waiting)
        )
    ).one()
    found, cursor = await paginate(session, select(Payment).where(*waiting), (Payment.id,), page)
    tenants = (
        dict(
            (tenant_id, f"{first} {last}")
            for tenant_id, first, last in await session.execute(
                select(Tenant.id, Tenant.first_name, Tenant.last_name).where(
                    Tenant.id.in_({payment.tenant_id for payment in found})
                )
            )
        )
        if found
        else {}
    )
    today = local_date(now, agency.timezone)
    items = [
        UnpaidOut(
            payment=payment,
            tenant_name=tenants.get(payment.tenant_id, ""),
            days_waiting=(
                (today - local_date(payment.succeeded_at, agency.timezone)).days
                if payment.succeeded_at
                else 0
            ),
        )
        for payment in found
    ]
    return items, int(count), int(total), cursor


async def forget_tenant(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID, needles: Needles
) -> None:
    """Seed 001, deleting a customer: bank statement lines are the trust account's record and
    stay, with the person's name, e-mail and phone replaced in their counterparty and
    reference. Lines matched to the tenant's payments or leases lose their first or last name
    alone too; other lines only their full name (another person may share a first name)."""
    tenant_payments = select(Payment.id).where(
        Payment.agency_id == agency_id, Payment.tenant_id == tenant_id
    )
    tenant_invoices = (
        select(Invoice.id)
        .join(LeaseTenant, LeaseTenant.lease_id == Invoice.lease_id)
        .where(Invoice.agency_id == agency_id, LeaseTenant.tenant_id == tenant_id)
    )
    theirs = or_(
        StatementLine.payment_id.in_(tenant_payments),
        StatementLine.invoice_id.in_(tenant_invoices),
    )
    for about_them, whole_name_only in ((theirs, False), (~theirs, True)):
        await session.execute(
            update(StatementLine)
            .where(
                StatementLine.agency_id == agency_id,
                about_them,
                or_(
                    mentions(StatementLine.counterparty, needles, whole_name_only=whole_name_only),
                    mentions(StatementLine.reference, needles, whole_name_only=whole_name_only),
                    mentions(
                        func.coalesce(StatementLine.ignore_reason, ""),
                        needles,
                        whole_name_only=whole_name_only,
                    ),
                ),
            )
            .values(
                counterparty=scrubbed(
                    StatementLine.counterparty, needles, whole_name_only=whole_name_only
                ),
                reference=scrubbed(
                    StatementLine.reference, needles, whole_name_only=whole_name_only
                ),
                ignore_reason=scrubbed(
                    StatementLine.ignore_reason, needles, whole_name_only=whole_name_only
                ),
            )
        )
