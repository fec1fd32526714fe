"""Payments: recording money received, allocating it to invoices, receipts and refunds.

Invariants, kept under row locks (payment first, then its invoices in id order):
- a payment's allocations never exceed what is left of it after refunds (checked here);
- an invoice's allocations never exceed what it still asks for after credit notes (checked by
  ``billing.allocations``, which owns allocations with the ledger that reads them).
Unallocated money is the tenant's credit on that lease.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import (
    ColumnElement,
    Date,
    Uuid,
    any_,
    bindparam,
    case,
    cast,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from doorstep.agencies.models import Agency, StaffUser, TrustAccount
from doorstep.agencies.service import get_trust_account, validate_agency_currency
from doorstep.audit.models import Approval, ApprovalKind
from doorstep.audit.service import (
    needs_approval,
    record_event,
    register_decision,
    request_approval,
)
from doorstep.billing.allocations import (
    AllocationMove,
    AllocationRefused,
    AllocationRequest,
    Settled,
    move_allocation,
    settle_chosen_invoices,
    settle_oldest_first,
    take_back_latest,
)
from doorstep.billing.ledger import invoice_amounts, sum_of_amounts
from doorstep.billing.models import Allocation, Invoice, InvoiceStatus
from doorstep.billing.service import on_invoices_opened, on_lock_lease_payments
from doorstep.core.clock import local_date
from doorstep.core.db import fetch_flushed_rows, table_of
from doorstep.core.erasure import Needles, scrubbed
from doorstep.core.errors import Conflict, InvalidInput, NotFound
from doorstep.core.idempotency import LastNumber
from doorstep.core.ids import new_id
from doorstep.core.names import display_name
from doorstep.core.pagination import PageRequest, paginate
from doorstep.core.person_search import person_matches, person_search
from doorstep.core.scoping import get_in_agency
from doorstep.core.sequences import NumberLast, ShownIn, placeholder_number, take_number_last
from doorstep.leases.models import Lease, LeaseStatus, LeaseTenant
from doorstep.notifications.models import OutboxAttachment, OutboxMessage
from doorstep.notifications.push import has_device_sql, queue_email_and_push
from doorstep.payments.ledger.models import (
    Payment,
    PaymentMethod,
    PaymentStatus,
    Receipt,
    Refund,
    RefundStatus,
)
from doorstep.payments.states.payment import PAYMENT_LIFECYCLE, PaymentEvent
from doorstep.payments.states.refund import REFUND_LIFECYCLE, RefundEvent, move_refund
from doorstep.properties.models import Property, Unit
from doorstep.tenants.models import Tenant

RECEIPT_SEQUENCE = "receipt"
# The outbox kind of the payer's receipt e-mail (written by ``documents.receipts``).
RECEIPT_EMAIL = "payment_receipt"

_payments = table_of(Payment)
_refunds = table_of(Refund)
_allocations = table_of(Allocation)
_receipts = table_of(Receipt)
_tenants = table_of(Tenant)
_staff = table_of(StaffUser)
_leases = table_of(Lease)
_lease_tenants = table_of(LeaseTenant)
_trust_accounts = table_of(TrustAccount)
_units = table_of(Unit)
_properties = table_of(Property)


def _refunded_of(payment_id: ColumnElement[uuid.UUID]) -> ColumnElement[int]:
    """What succeeded refunds gave back of the payment."""
    return (
        select(sum_of_amounts(_refunds.c.amount))
        .where(
            _refunds.c.payment_id == payment_id,
            _refunds.c.status == RefundStatus.SUCCEEDED.value,
        )
        .scalar_subquery()
    )


def _allocated_of(payment_id: ColumnElement[uuid.UUID]) -> ColumnElement[int]:
    """What the payment's allocations settle (reversals included)."""
    return (
        select(sum_of_amounts(_allocations.c.amount))
        .where(_allocations.c.payment_id == payment_id)
        .scalar_subquery()
    )


def _payment_ids() -> ColumnElement[bool]:
    return _payments.c.id == any_(bindparam("ids", type_=ARRAY(Uuid())))


# Built once: money writes read a payment's amounts after every lock they take.
_PAYMENT_AMOUNTS = select(
    _payments.c.id,
    _payments.c.amount,
    _refunded_of(_payments.c.id).label("refunded"),
    _allocated_of(_payments.c.id).label("allocated"),
).where(_payment_ids())


# Built once: every payment recorded writes one of each; the columns name the objects'
# attributes the parameters are read from (``_inserted_values``).
_PAYMENT_COLUMNS = (
    "id",
    "agency_id",
    "lease_id",
    "tenant_id",
    "method",
    "status",
    "amount",
    "currency",
    "received_on",
    "reference",
    "recorded_by_id",
    "succeeded_at",
)
_RECEIPT_COLUMNS = ("id", "agency_id", "trust_account_id", "payment_id", "number", "issued_at")
_INSERT_PAYMENT = (
    insert(_payments)
    .values({column: bindparam(column) for column in _PAYMENT_COLUMNS})
    .returning(_payments.c.created_at)
)
# It also says whether the payer has a device for the receipt's push notification: asked
# here rather than in a round trip of its own.
_INSERT_RECEIPT = (
    insert(_receipts)
    .values({column: bindparam(column) for column in _RECEIPT_COLUMNS})
    .returning(
        _receipts.c.created_at,
        has_device_sql(bindparam("agency_id"), bindparam("payer_id")).label("payer_has_device"),
    )
)


def _inserted_values(record: object, columns: tuple[str, ...]) -> dict[str, object]:
    return {column: getattr(record, column) for column in columns}


# Built once: every payment recorded locks its lease's payments (``apply_lease_credit``).
_LEASE_PAYMENTS_LOCK = (
    select(_payments.c.id)
    .where(
        _payments.c.lease_id == bindparam("lease_id"),
        _payments.c.status == PaymentStatus.SUCCEEDED.value,
    )
    .order_by(_payments.c.id)
    .with_for_update()
)


class RefundExceedsPayment(Conflict):
    slug = "refund-exceeds-payment"
    title = "The refund is more than what is left of the payment"


@dataclass(frozen=True)
class PaymentAmounts:
    amount: int
    refunded: int
    allocated: int

    @property
    def unallocated(self) -> int:
        return self.amount - self.refunded - self.allocated


@dataclass(frozen=True)
class PayerLease:
    """The lease a payment is for, and the agency's trust account that receipts it; with the
    payer's name and the lease's unit, as the payment is shown."""

    lease_id: uuid.UUID
    trust_account_id: uuid.UUID
    receipt_oldest_invoice_first: bool
    tenant_first_name: str
    tenant_last_name: str
    property_name: str
    unit_name: str


# Built once: every payment recorded reads it.
_PAYER_LEASE = (
    select(
        _leases.c.status,
        exists()
        .where(
            _lease_tenants.c.lease_id == _leases.c.id,
            _lease_tenants.c.tenant_id == bindparam("tenant_id"),
        )
        .label("party"),
        _trust_accounts.c.id.label("trust_account_id"),
        _trust_accounts.c.receipt_oldest_invoice_first,
        _tenants.c.first_name.label("tenant_first_name"),
        _tenants.c.last_name.label("tenant_last_name"),
        _properties.c.name.label("property_name"),
        _units.c.name.label("unit_name"),
    )
    .select_from(
        _leases.join(_units, _units.c.id == _leases.c.unit_id)
        .join(_properties, _properties.c.id == _units.c.property_id)
        .outerjoin(_trust_accounts, _trust_accounts.c.agency_id == _leases.c.agency_id)
        # A tenant party to the lease (checked below) is of its agency.
        .outerjoin(_tenants, _tenants.c.id == bindparam("tenant_id"))
    )
    .where(_leases.c.id == bindparam("lease_id"), _leases.c.agency_id == bindparam("agency_id"))
)


async def payer_lease(
    session: AsyncSession, agency_id: uuid.UUID, lease_id: uuid.UUID, tenant_id: uuid.UUID
) -> PayerLease:
    """The lease a payment is for, with the agency's trust account, in one row. Seed 000: a
    tenant on several leases pays towards the one named, so the money is never recorded
    against the wrong record."""
    # Flushed first: the caller may have just added the lease or the tenant.
    rows = await fetch_flushed_rows(
        session,
        _PAYER_LEASE,
        {"lease_id": lease_id, "agency_id": agency_id, "tenant_id": tenant_id},
    )
    if not rows:
        raise InvalidInput("lease_id", "No such lease in this agency.")
    row = rows[0]
    if not row["party"]:
        raise InvalidInput("tenant_id", "This tenant is not party to the lease.")
    status = LeaseStatus(row["status"])
    if status in (LeaseStatus.DRAFT, LeaseStatus.CANCELLED):
        raise InvalidInput("lease_id", f"The lease is {status.value}: it takes no payments.")
    if row["trust_account_id"] is None:
        raise NotFound("This agency has no trust account.")
    return PayerLease(
        lease_id,
        row["trust_account_id"],
        row["receipt_oldest_invoice_first"],
        row["tenant_first_name"],
        row["tenant_last_name"],
        row["property_name"],
        row["unit_name"],
    )


async def get_payment(
    session: AsyncSession, agency_id: uuid.UUID, payment_id: uuid.UUID, *, for_update: bool = False
) -> Payment:
    return await get_in_agency(
        session, Payment, payment_id, agency_id, missing="No such payment.", for_update=for_update
    )


async def payment_amounts(
    session: AsyncSession, payment_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, PaymentAmounts]:
    if not payment_ids:
        return {}
    rows = await fetch_flushed_rows(session, _PAYMENT_AMOUNTS, {"ids": list(payment_ids)})
    return {
        row["id"]: PaymentAmounts(int(row["amount"]), int(row["refunded"]), int(row["allocated"]))
        for row in rows
    }


@dataclass(frozen=True)
class RecordedPayment:
    """A payment just recorded, with what showing it takes, so it is not read back: its
    allocations as written (with their invoices' numbers, in the order a read gives) and its
    summary row (``payment_views``), the receipt's number as it stands in the transaction."""

    payment: Payment
    settled: list[Settled]
    summary: dict[str, object]


async def record_offline_payment(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    *,
    lease_id: uuid.UUID,
    tenant_id: uuid.UUID,
    amount: int,
    currency: str,
    method: PaymentMethod,
    received_on: date,
    reference: str,
    allocations: Sequence[AllocationRequest] | None,
    now: datetime,
    receipt_number: LastNumber | None = None,
) -> RecordedPayment:
    """Record money received outside the platform (transfer, cash, cheque), confirmed by the
    staff member recording it. Seed 003's trust-account setting decides the allocation: with
    "receipt the oldest invoice first" on, the oldest open invoices are settled first and staff
    cannot choose; otherwise staff choose, and what they leave unallocated is the tenant's
    credit. The payment is receipted at once; the receipt is numbered at once too, unless the
    caller passes ``receipt_number``: its number is then left there for the caller to take as
    its transaction's last statement (``receipt_numbered_last``, ``Idempotency.run``).
    The caller shows the payment from what it returns, without reading it back
    (``payment_views``)."""
    if not method.off_platform:
        raise InvalidInput("method", "Card and payment-link payments come from the gateway.")
    validate_agency_currency(agency, currency, "currency")
    if received_on > local_date(now, agency.timezone):
        raise InvalidInput("received_on", "Money cannot be received in the future.")
    lease = await payer_lease(session, agency.id, lease_id, tenant_id)
    if lease.receipt_oldest_invoice_first and allocations:
        raise InvalidInput(
            "allocations",
            "The trust account receipts the oldest invoice first: allocations are automatic.",
        )
    # Written by a Core insert: the object is the caller's to show (the session does not
    # track it, and a later read of the payment loads its own).
    payment = Payment(
        id=new_id(),
        agency_id=agency.id,
        lease_id=lease.lease_id,
        tenant_id=tenant_id,
        method=method,
        status=PAYMENT_LIFECYCLE.start(PaymentEvent.RECORDED_OFF_PLATFORM),
        amount=amount,
        currency=currency,
        received_on=received_on,
        reference=reference,
        recorded_by_id=staff.id,
        succeeded_at=now,
    )
    payment.created_at = await session.scalar(
        _INSERT_PAYMENT, _inserted_values(payment, _PAYMENT_COLUMNS)
    )
    # The lease's payments (this one among them) before any of its invoices: the lock order
    # of every writer of a lease's money.
    locked = await lock_lease_payments(session, lease.lease_id)
    written: list[Settled] = []
    if lease.receipt_oldest_invoice_first:
        written += await allocate_oldest_first(session, payment)
    elif allocations:
        written += await allocate(session, agency.id, payment.id, allocations)
    _, pending = await receipt_numbered_last(session, payment, now, lease.trust_account_id)
    written += await apply_lease_credit(session, lease.lease_id, locked)
    # A new payment has no allocations but these (the credit applied may settle older
    # payments' too); ids grow as they are made, as ``payment_views`` orders them.
    settled = sorted(
        (entry for entry in written if entry[0].payment_id == payment.id),
        key=lambda entry: entry[0].id,
    )
    if receipt_number is None:
        shown_number = await take_number_last(session, pending)
    else:
        # The caller's last statement numbers it, in what was shown too.
        receipt_number.pending = pending
        shown_number = pending.placeholder
    summary: dict[str, object] = {
        "amount": payment.amount,
        "refunded": 0,
        "allocated": sum(allocation.amount for allocation, _ in settled),
        "has_refunds": False,
        "has_allocations": bool(settled),
        "tenant_first_name": lease.tenant_first_name,
        "tenant_last_name": lease.tenant_last_name,
        "property_name": lease.property_name,
        "unit_name": lease.unit_name,
        "staff_first_name": staff.first_name,
        "staff_last_name": staff.last_name,
        "receipt_number": shown_number,
    }
    return RecordedPayment(payment, settled, summary)


async def allocate(
    session: AsyncSession,
    agency_id: uuid.UUID,
    payment_id: uuid.UUID,
    requests: Sequence[AllocationRequest],
) -> list[Settled]:
    """Settle chosen invoices of the payment's lease from what is left of the payment."""
    payment = await get_payment(session, agency_id, payment_id, for_update=True)
    if payment.status is not PaymentStatus.SUCCEEDED:
        raise AllocationRefused("Only money that has arrived can be allocated.")
    available = (await payment_amounts(session, [payment.id]))[payment.id].unallocated
    return await settle_chosen_invoices(
        session,
        payment_id=payment.id,
        lease_id=payment.lease_id,
        available=available,
        requests=requests,
    )


# The audit log's name for a move by hand (its subject is the payment).
ALLOCATION_MOVED = "payment.allocation_moved"


async def move_payment_allocation(
    session: AsyncSession,
    agency_id: uuid.UUID,
    staff: StaffUser,
    payment_id: uuid.UUID,
    move: AllocationMove,
    now: datetime,
) -> list[Allocation]:
    """Issue 11: staff move money a payment settled on one invoice to another open invoice of
    the lease, or back to the tenant's credit (``billing.allocations.move_allocation`` keeps
    both sides within bounds). The move is written as allocation rows carrying who and why,
    and in the audit log. The receipt stays as it is: it receipts the payment (its number,
    amount and date do not change), and its allocation lines are read from the ledger when it
    is shown. Money sent back to credit stays credit until it is allocated again (credit is
    applied on its own only when an invoice opens or a payment arrives), so the move is not
    undone behind the staff member's back."""
    payment = await get_payment(session, agency_id, payment_id, for_update=True)
    if payment.status is not PaymentStatus.SUCCEEDED:
        raise AllocationRefused("Only money that has arrived can be moved.")
    rows = await move_allocation(
        session,
        payment_id=payment.id,
        lease_id=payment.lease_id,
        move=move,
        moved_by_id=staff.id,
    )
    await record_event(
        session,
        agency_id=agency_id,
        action=ALLOCATION_MOVED,
        subject_type="payment",
        subject_id=payment.id,
        actor_staff_id=staff.id,
        now=now,
    )
    return rows


async def allocate_oldest_first(session: AsyncSession, payment: Payment) -> list[Settled]:
    """Settle the lease's open invoices in due-date order from what is left of the payment
    (the payment row is locked by the caller)."""
    available = (await payment_amounts(session, [payment.id]))[payment.id].unallocated
    return await settle_oldest_first(
        session, payment_id=payment.id, lease_id=payment.lease_id, available=available
    )


async def lock_lease_payments(session: AsyncSession, lease_id: uuid.UUID) -> list[uuid.UUID]:
    """Lock the lease's succeeded payments, in id order, and say which they are: the first
    lock every writer of a lease's money takes, before the lease's invoices (``billing``
    takes them through ``on_lock_lease_payments``). Taken the other way round, a payment and
    a credit note on the same lease at once would deadlock."""
    # Ids, not payments: a lease gathers a payment a month, and each new one locks them all.
    rows = await fetch_flushed_rows(session, _LEASE_PAYMENTS_LOCK, {"lease_id": lease_id})
    return [row["id"] for row in rows]


async def lock_with_lease_payments(
    session: AsyncSession, agency_id: uuid.UUID, payment_id: uuid.UUID
) -> tuple[Payment, list[uuid.UUID]]:
    """The payment, locked after the lease's succeeded payments (``lock_lease_payments``), for
    a writer that may go on to use the lease's credit (a refund taking money back from
    invoices), and those payments' ids, for ``apply_lease_credit``. Locked alone first, the
    payment would be out of the id order the lease's other writers lock them in, and could
    wait in a circle with one of them."""
    lease_id = await session.scalar(
        select(Payment.lease_id).where(Payment.id == payment_id, Payment.agency_id == agency_id)
    )
    if lease_id is None:
        raise NotFound("No such payment.")
    locked = await lock_lease_payments(session, lease_id)
    return await get_payment(session, agency_id, payment_id, for_update=True), locked


async def apply_lease_credit(
    session: AsyncSession, lease_id: uuid.UUID, locked: Sequence[uuid.UUID] | None = None
) -> list[Settled]:
    """Issue 11, "credit is used": what the lease's payments left unallocated (an overpayment's
    remainder, a bank line matched to the lease with no invoice) settles its open invoices,
    oldest due first (seed 003's "receipt the oldest invoice first" order), recorded as
    allocations of those payments like any other, so each stays covered by its receipt. Run
    when credit appears (a payment succeeds) and when invoices open; staff can still move an
    allocation by hand afterwards. Payments are locked first, in id order, then the invoices
    (the one lock order every writer uses); ``locked``: what ``lock_lease_payments`` said,
    when the caller took them already."""
    # Every caller has written in its transaction already, so the locks last until its end.
    payment_ids = (
        list(locked) if locked is not None else await lock_lease_payments(session, lease_id)
    )
    # Read after the locks are held, so what their last holders committed is counted.
    amounts = await payment_amounts(session, payment_ids)
    created: list[Settled] = []
    for payment_id in payment_ids:
        available = amounts[payment_id].unallocated
        if available <= 0:
            continue
        settled = await settle_oldest_first(
            session, payment_id=payment_id, lease_id=lease_id, available=available
        )
        if not settled:
            break  # nothing left open to settle: the rest stays as credit
        created.extend(settled)
    return created


async def leases_in_credit(
    session: AsyncSession, lease_ids: Sequence[uuid.UUID]
) -> list[uuid.UUID]:
    """Those of ``lease_ids`` whose payments hold unallocated money, in one query (the rent
    tick opens a whole book of invoices at once; few leases are in credit)."""
    if not lease_ids:
        return []
    refunded = (
        select(func.coalesce(func.sum(Refund.amount), 0))
        .where(Refund.payment_id == Payment.id, Refund.status == RefundStatus.SUCCEEDED)
        .scalar_subquery()
    )
    allocated = (
        select(func.coalesce(func.sum(Allocation.amount), 0))
        .where(Allocation.payment_id == Payment.id)
        .scalar_subquery()
    )
    found = await session.scalars(
        select(Payment.lease_id)
        .where(
            # One array parameter: a whole book's leases would outgrow the driver's limit
            # on bound parameters as an IN list.
            Payment.lease_id == any_(bindparam(None, list(lease_ids), type_=ARRAY(Uuid()))),
            Payment.status == PaymentStatus.SUCCEEDED,
            Payment.amount - refunded - allocated > 0,
        )
        .distinct()
        .order_by(Payment.lease_id)
    )
    return list(found.all())


async def _use_credit_on_opened_invoices(
    session: AsyncSession, lease_ids: Sequence[uuid.UUID]
) -> None:
    for lease_id in await leases_in_credit(session, lease_ids):
        await apply_lease_credit(session, lease_id)


on_invoices_opened(_use_credit_on_opened_invoices)


async def _lock_lease_payments(session: AsyncSession, lease_id: uuid.UUID) -> None:
    """For a billing write that goes on to lock the lease's invoices."""
    await lock_lease_payments(session, lease_id)


on_lock_lease_payments(_lock_lease_payments)


async def issue_receipt(session: AsyncSession, payment: Payment, now: datetime) -> Receipt:
    """Every succeeded payment gets a receipt numbered per trust account, with no gaps even
    when payments arrive at the same moment (the number is taken inside this transaction).
    The payer is e-mailed the receipt PDF once this transaction commits."""
    receipt, pending = await receipt_numbered_last(session, payment, now)
    set_committed_value(receipt, "number", await take_number_last(session, pending))
    return receipt


async def receipt_numbered_last(
    session: AsyncSession,
    payment: Payment,
    now: datetime,
    trust_account_id: uuid.UUID | None = None,
) -> tuple[Receipt, NumberLast]:
    """The payment's receipt and its e-mail, written now with a placeholder number; the
    caller takes the real number as its transaction's last statement (``NumberLast``), which
    puts it on the receipt and in the e-mail. Issue 10: the trust account's receipt counter
    is then locked only for that statement and the commit, not while the payment, its
    allocations, the e-mail and the response are written, so payments recorded at once do
    not queue behind each other's work. ``trust_account_id``: the agency's trust account, when
    the caller has read it already."""
    if trust_account_id is None:
        trust_account_id = (await get_trust_account(session, payment.agency_id)).id
    receipt = Receipt(
        id=new_id(),
        agency_id=payment.agency_id,
        trust_account_id=trust_account_id,
        payment_id=payment.id,
        number=placeholder_number(),
        issued_at=now,
    )
    # A Core insert, after what the session holds (the payment, when it is the session's).
    await session.flush()
    receipt.created_at, payer_has_device = (
        await session.execute(
            _INSERT_RECEIPT,
            {**_inserted_values(receipt, _RECEIPT_COLUMNS), "payer_id": payment.tenant_id},
        )
    ).one()
    # The payer gets it by e-mail (``documents.receipts`` writes it: the outbox asks it) and
    # as a push notification to their devices (worded without the number).
    message = await queue_email_and_push(
        session,
        kind=RECEIPT_EMAIL,
        ref=str(receipt.id),
        agency_id=receipt.agency_id,
        tenant_id=payment.tenant_id,
        dedupe_key=f"receipt:{receipt.id}",
        now=now,
        has_device=payer_has_device,
    )
    pending = NumberLast(
        owner_id=trust_account_id,
        kind=RECEIPT_SEQUENCE,
        table=table_of(Receipt),
        row_id=receipt.id,
        placeholder=receipt.number,
        shown_in=[
            ShownIn(
                table_of(OutboxMessage), "id", message.id, ("subject", "text_body", "html_body")
            ),
            ShownIn(table_of(OutboxAttachment), "message_id", message.id, ("filename",)),
        ],
    )
    return receipt, pending


async def request_refund(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    *,
    payment_id: uuid.UUID,
    amount: int,
    reason: str,
    now: datetime,
) -> tuple[Refund, Approval | None]:
    """Give money back, at most what is left of the payment. Above the agency's threshold a
    second person approves it first, counting every refund of the payment that is not
    rejected or failed, this one included: two refunds of 500.00 are 1,000.00 given back."""
    payment, locked = await lock_with_lease_payments(session, agency.id, payment_id)
    if payment.status is not PaymentStatus.SUCCEEDED:
        raise RefundExceedsPayment("Only money that has arrived can be refunded.")
    amounts = (await payment_amounts(session, [payment.id]))[payment.id]
    pending = await session.scalar(
        select(func.coalesce(func.sum(Refund.amount), 0)).where(
            Refund.payment_id == payment.id,
            Refund.status.in_([RefundStatus.PENDING_APPROVAL, RefundStatus.PROCESSING]),
        )
    )
    if amount > amounts.amount - amounts.refunded - int(pending or 0):
        raise RefundExceedsPayment(
            f"{amounts.amount - amounts.refunded} of this payment is left, "
            f"{int(pending or 0)} of it already awaiting a refund decision."
        )
    refund = Refund(
        agency_id=agency.id,
        payment_id=payment.id,
        status=REFUND_LIFECYCLE.start(RefundEvent.REQUESTED),
        amount=amount,
        reason=reason,
        requested_by_id=staff.id,
    )
    session.add(refund)
    await session.flush()
    # The payment is locked above: concurrent refunds are counted in turn.
    refunded_in_all = await session.scalar(
        select(func.coalesce(func.sum(Refund.amount), 0)).where(
            Refund.agency_id == agency.id,
            Refund.payment_id == payment.id,
            Refund.status.in_(
                [RefundStatus.PENDING_APPROVAL, RefundStatus.PROCESSING, RefundStatus.SUCCEEDED]
            ),
        )
    )
    if needs_approval(agency, int(refunded_in_all or 0)):
        approval = await request_approval(
            session,
            agency,
            staff,
            kind=ApprovalKind.REFUND,
            subject_id=refund.id,
            payment_id=payment.id,
            amount=amount,
            currency=payment.currency,
            summary=f"Refund of a {payment.method.value.replace('_', ' ')} payment: {reason}",
            now=now,
        )
        return refund, approval
    # Needing no approval, it is carried out now, under the locks taken above.
    return await _carry_out_refund(session, refund, payment, locked, now), None


async def complete_refund(
    session: AsyncSession, agency_id: uuid.UUID, refund_id: uuid.UUID, now: datetime
) -> Refund:
    """Carry out a refund approved after its request."""
    refund = await _get_refund(session, agency_id, refund_id)
    REFUND_LIFECYCLE.require(refund.status, RefundEvent.DECIDED)
    payment, locked = await lock_with_lease_payments(session, agency_id, refund.payment_id)
    return await _carry_out_refund(session, refund, payment, locked, now)


async def _carry_out_refund(
    session: AsyncSession,
    refund: Refund,
    payment: Payment,
    locked: Sequence[uuid.UUID],
    now: datetime,
) -> Refund:
    """Carry out a decided refund. Money paid outside the platform is given back outside it
    too, so the refund is recorded at once; a card refund goes through the gateway, which the
    tick's refund drain does outside this transaction (see ``process_card_refunds``).
    ``locked``: the lease's payments, locked with ``payment`` (``lock_with_lease_payments``)."""
    amounts = (await payment_amounts(session, [payment.id]))[payment.id]
    if refund.amount > amounts.amount - amounts.refunded:
        raise RefundExceedsPayment("Less of the payment is left than this refund.")
    move_refund(refund, RefundEvent.DECIDED)
    if not payment.method.off_platform:
        await session.flush()
        return refund
    return await settle_refund(session, payment, refund, now, gateway_reference=None, locked=locked)


async def settle_refund(
    session: AsyncSession,
    payment: Payment,
    refund: Refund,
    now: datetime,
    *,
    gateway_reference: str | None,
    locked: Sequence[uuid.UUID] | None = None,
) -> Refund:
    """The money is back with the tenant. What was allocated to invoices is taken back from
    the most recent allocations first (reversal rows), so those invoices ask for it again.
    ``locked``: the lease's payments, when the caller locked them already
    (``lock_with_lease_payments``)."""
    amounts = (await payment_amounts(session, [payment.id]))[payment.id]
    shortfall = refund.amount - max(amounts.unallocated, 0)
    if shortfall > 0:
        await take_back_latest(session, payment.id, shortfall)
    move_refund(refund, RefundEvent.GIVEN_BACK)
    refund.gateway_reference = gateway_reference
    refund.completed_at = now
    await session.flush()
    if shortfall > 0:
        # The invoices asking again are settled from the lease's other credit, if any.
        await apply_lease_credit(session, payment.lease_id, locked)
    return refund


async def reject_refund(
    session: AsyncSession, agency_id: uuid.UUID, refund_id: uuid.UUID, now: datetime
) -> Refund:
    refund = await _get_refund(session, agency_id, refund_id)
    move_refund(refund, RefundEvent.REJECTED)
    refund.completed_at = now
    await session.flush()
    return refund


async def _get_refund(session: AsyncSession, agency_id: uuid.UUID, refund_id: uuid.UUID) -> Refund:
    return await get_in_agency(
        session, Refund, refund_id, agency_id, missing="No such refund.", for_update=True
    )


register_decision(ApprovalKind.REFUND, approve=complete_refund, reject=reject_refund)


@dataclass(frozen=True)
class LeaseBalance:
    outstanding: int
    credit: int

    @property
    def balance(self) -> int:
        """What the tenant owes on the lease (negative: the agency holds their credit)."""
        return self.outstanding - self.credit


async def lease_balances(
    session: AsyncSession, lease_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, LeaseBalance]:
    """Outstanding invoices and unallocated credit per lease, derived from the ledger."""
    if not lease_ids:
        return {}
    invoice_rows = (
        await session.execute(
            select(Invoice.id, Invoice.lease_id).where(
                Invoice.lease_id.in_(lease_ids), Invoice.status == InvoiceStatus.OPEN
            )
        )
    ).all()
    amounts = await invoice_amounts(session, [invoice_id for invoice_id, _ in invoice_rows])
    outstanding: dict[uuid.UUID, int] = dict.fromkeys(lease_ids, 0)
    for invoice_id, lease_id in invoice_rows:
        outstanding[lease_id] += amounts[invoice_id].outstanding
    payment_rows = (
        await session.execute(
            select(Payment.id, Payment.lease_id).where(
                Payment.lease_id.in_(lease_ids), Payment.status == PaymentStatus.SUCCEEDED
            )
        )
    ).all()
    paid = await payment_amounts(session, [payment_id for payment_id, _ in payment_rows])
    credit: dict[uuid.UUID, int] = dict.fromkeys(lease_ids, 0)
    for payment_id, lease_id in payment_rows:
        credit[lease_id] += paid[payment_id].unallocated
    return {
        lease_id: LeaseBalance(outstanding=outstanding[lease_id], credit=credit[lease_id])
        for lease_id in lease_ids
    }


@dataclass(frozen=True)
class PaymentView:
    payment: Payment
    amounts: PaymentAmounts
    tenant_name: str
    property_name: str
    unit_name: str
    recorded_by_name: str | None
    receipt_number: int | None
    allocations: list[tuple[Allocation, int | None]]
    refunds: list[Refund]
    # Who moved allocations by hand, by staff id (names for the payment's history).
    movers: dict[uuid.UUID, str]

    def allocated_per_invoice(self) -> dict[uuid.UUID, tuple[int | None, int]]:
        """What the payment settles on each invoice now, net of reversals: invoice id to
        (invoice number, amount), the invoices it settles nothing on left out."""
        net: dict[uuid.UUID, tuple[int | None, int]] = {}
        for allocation, number in self.allocations:
            _, so_far = net.get(allocation.invoice_id, (number, 0))
            net[allocation.invoice_id] = (number, so_far + allocation.amount)
        return {invoice_id: entry for invoice_id, entry in net.items() if entry[1] > 0}


@dataclass(frozen=True)
class PaymentFilters:
    """What a staff payment list is narrowed to (every one optional)."""

    lease_id: uuid.UUID | None = None
    tenant_id: uuid.UUID | None = None
    invoice_id: uuid.UUID | None = None
    method: PaymentMethod | None = None
    status: PaymentStatus | None = None
    # The day the money arrived (for a card payment not yet settled: the day it was tried),
    # in the agency's timezone, on or after / on or before.
    received_from: date | None = None
    received_to: date | None = None
    # A tenant's name, e-mail address or phone number, or part of it: the payer or another
    # tenant of the lease.
    tenant_query: str | None = None
    # The country of a phone number typed without its country code (the agency's).
    phone_region: str | None = None


def _payment_conditions(
    agency_id: uuid.UUID, timezone: str, filters: PaymentFilters, party_tenant_id: uuid.UUID | None
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Payment.agency_id == agency_id]
    if party_tenant_id is not None:
        conditions.append(
            Payment.lease_id.in_(
                select(LeaseTenant.lease_id).where(LeaseTenant.tenant_id == party_tenant_id)
            )
        )
    if filters.invoice_id is not None:
        conditions.append(
            Payment.id.in_(
                select(Allocation.payment_id).where(Allocation.invoice_id == filters.invoice_id)
            )
        )
    for column, value in (
        (Payment.lease_id, filters.lease_id),
        (Payment.tenant_id, filters.tenant_id),
        (Payment.method, filters.method),
        (Payment.status, filters.status),
    ):
        if value is not None:
            conditions.append(column == value)
    if filters.received_from is not None or filters.received_to is not None:
        day = func.coalesce(
            Payment.received_on, cast(func.timezone(timezone, Payment.created_at), Date)
        )
        if filters.received_from is not None:
            conditions.append(day >= filters.received_from)
        if filters.received_to is not None:
            conditions.append(day <= filters.received_to)
    if filters.tenant_query and filters.tenant_query.strip():
        named = person_matches(
            Tenant.first_name,
            Tenant.last_name,
            Tenant.email,
            Tenant.phone,
            person_search(filters.tenant_query.strip(), filters.phone_region),
        )
        conditions.append(
            or_(
                exists().where(Tenant.id == Payment.tenant_id, named),
                exists().where(
                    LeaseTenant.lease_id == Payment.lease_id,
                    Tenant.id == LeaseTenant.tenant_id,
                    named,
                ),
            )
        )
    return conditions


async def list_payments(
    session: AsyncSession,
    agency_id: uuid.UUID,
    *,
    lease_id: uuid.UUID | None = None,
    tenant_id: uuid.UUID | None = None,
    party_tenant_id: uuid.UUID | None = None,
    invoice_id: uuid.UUID | None = None,
    method: PaymentMethod | None = None,
    status: PaymentStatus | None = None,
    filters: PaymentFilters | None = None,
    timezone: str = "UTC",
    page: PageRequest,
) -> tuple[list[PaymentView], str | None]:
    """Payments newest first; ``party_tenant_id`` keeps those on leases the tenant is party to
    (joint tenants share a lease's balance, so they share its history); ``invoice_id`` those
    allocated to that invoice (a refund's reversal included). ``filters`` (staff lists) adds
    the dates received and a tenant search; days are read in ``timezone`` (the agency's)."""
    if filters is None:
        filters = PaymentFilters(
            lease_id=lease_id,
            tenant_id=tenant_id,
            invoice_id=invoice_id,
            method=method,
            status=status,
        )
    statement = select(Payment).where(
        *_payment_conditions(agency_id, timezone, filters, party_tenant_id)
    )
    found, cursor = await paginate(session, statement, (Payment.id,), page, descending=True)
    return await payment_views(session, found), cursor


# Payments read per page when a whole filtered list is exported.
EXPORT_BATCH = 200


async def all_payments(
    session: AsyncSession, agency_id: uuid.UUID, timezone: str, filters: PaymentFilters
) -> list[PaymentView]:
    """Every payment matching the filters, newest first (an export), read a page at a time."""
    found: list[PaymentView] = []
    cursor: str | None = None
    while True:
        views, cursor = await list_payments(
            session,
            agency_id,
            filters=filters,
            timezone=timezone,
            page=PageRequest(cursor=cursor, limit=EXPORT_BATCH),
        )
        found.extend(views)
        if cursor is None:
            return found


@dataclass(frozen=True)
class PaymentTotals:
    payments: int
    # Succeeded payments only: pending and failed ones brought no money.
    received: int
    refunded: int
    allocated: int

    @property
    def unallocated(self) -> int:
        return self.received - self.refunded - self.allocated


async def payment_totals(
    session: AsyncSession, agency_id: uuid.UUID, timezone: str, filters: PaymentFilters
) -> PaymentTotals:
    """The totals of every payment matching the filters (not only a page), in one statement:
    how many, what arrived, what was given back and what settled invoices."""
    refunded = (
        select(func.coalesce(func.sum(Refund.amount), 0))
        .where(Refund.payment_id == Payment.id, Refund.status == RefundStatus.SUCCEEDED)
        .correlate(Payment)
        .scalar_subquery()
    )
    allocated = (
        select(func.coalesce(func.sum(Allocation.amount), 0))
        .where(Allocation.payment_id == Payment.id)
        .correlate(Payment)
        .scalar_subquery()
    )
    succeeded = Payment.status == PaymentStatus.SUCCEEDED
    row = (
        await session.execute(
            select(
                func.count(),
                func.coalesce(func.sum(case((succeeded, Payment.amount), else_=0)), 0),
                func.coalesce(func.sum(case((succeeded, refunded), else_=0)), 0),
                func.coalesce(func.sum(case((succeeded, allocated), else_=0)), 0),
            ).where(*_payment_conditions(agency_id, timezone, filters, None))
        )
    ).one()
    return PaymentTotals(int(row[0]), int(row[1]), int(row[2]), int(row[3]))


async def lease_places(
    session: AsyncSession, lease_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, tuple[str, str]]:
    """Each lease's (property name, unit name), in one query: how money screens name a lease."""
    return {
        lease_id: (property_name, unit_name)
        for lease_id, property_name, unit_name in await session.execute(
            select(Lease.id, Property.name, Unit.name)
            .join(Unit, Unit.id == Lease.unit_id)
            .join(Property, Property.id == Unit.property_id)
            .where(Lease.id.in_(lease_ids))
        )
    }


# What a payment's view reads once per payment, in one statement built once: its amounts, who
# paid and recorded it, where, and its receipt's number (issue 10: these were five queries,
# run twice by every payment recorded).
_PAYMENT_SUMMARIES = (
    select(
        _payments.c.id,
        _payments.c.amount,
        _refunded_of(_payments.c.id).label("refunded"),
        _allocated_of(_payments.c.id).label("allocated"),
        # Most payments have no refund, and a new one no allocation yet: their queries are
        # then left out.
        exists().where(_refunds.c.payment_id == _payments.c.id).label("has_refunds"),
        exists().where(_allocations.c.payment_id == _payments.c.id).label("has_allocations"),
        _tenants.c.first_name.label("tenant_first_name"),
        _tenants.c.last_name.label("tenant_last_name"),
        _properties.c.name.label("property_name"),
        _units.c.name.label("unit_name"),
        _staff.c.first_name.label("staff_first_name"),
        _staff.c.last_name.label("staff_last_name"),
        _receipts.c.number.label("receipt_number"),
    )
    .select_from(
        _payments.join(_tenants, _tenants.c.id == _payments.c.tenant_id)
        .join(_leases, _leases.c.id == _payments.c.lease_id)
        .join(_units, _units.c.id == _leases.c.unit_id)
        .join(_properties, _properties.c.id == _units.c.property_id)
        .outerjoin(_staff, _staff.c.id == _payments.c.recorded_by_id)
        .outerjoin(_receipts, _receipts.c.payment_id == _payments.c.id)
    )
    .where(_payment_ids())
)


async def payment_views(session: AsyncSession, found: Sequence[Payment]) -> list[PaymentView]:
    """Payments with their allocations, refunds, receipt and people, in a fixed number of
    queries."""
    if not found:
        return []
    ids = [payment.id for payment in found]
    summaries = {
        row["id"]: row
        for row in await fetch_flushed_rows(session, _PAYMENT_SUMMARIES, {"ids": list(set(ids))})
    }
    allocated_ids = [i for i, summary in summaries.items() if summary["has_allocations"]]
    refunded_ids = [i for i, summary in summaries.items() if summary["has_refunds"]]
    allocations: defaultdict[uuid.UUID, list[tuple[Allocation, int | None]]] = defaultdict(list)
    for allocation, number in (
        await session.execute(
            select(Allocation, Invoice.number)
            .join(Invoice, Invoice.id == Allocation.invoice_id)
            .where(Allocation.payment_id.in_(allocated_ids))
            .order_by(Allocation.id)
        )
        if allocated_ids
        else []
    ):
        allocations[allocation.payment_id].append((allocation, number))
    mover_ids = {
        allocation.moved_by_id
        for entries in allocations.values()
        for allocation, _ in entries
        if allocation.moved_by_id is not None
    }
    movers = {
        staff_id: f"{first} {last}"
        for staff_id, first, last in (
            await session.execute(
                select(StaffUser.id, StaffUser.first_name, StaffUser.last_name).where(
                    StaffUser.id.in_(mover_ids)
                )
            )
            if mover_ids
            else []
        )
    }
    refunds: defaultdict[uuid.UUID, list[Refund]] = defaultdict(list)
    if refunded_ids:
        for refund in (
            await session.scalars(
                select(Refund).where(Refund.payment_id.in_(refunded_ids)).order_by(Refund.id)
            )
        ).all():
            refunds[refund.payment_id].append(refund)
    return [
        _payment_view(payment, summaries[payment.id], allocations, refunds, movers)
        for payment in found
    ]


def recorded_payment_view(recorded: RecordedPayment) -> PaymentView:
    """The view of a payment ``record_offline_payment`` has just written, from what it
    returned: nothing is read again (a new payment has no refund, and no allocation moved)."""
    payment = recorded.payment
    return _payment_view(
        payment, recorded.summary, {payment.id: recorded.settled}, {payment.id: []}, {}
    )


class _Row(Protocol):
    """A payment's summary: a row of ``_PAYMENT_SUMMARIES``, or the same keys in a dict."""

    def __getitem__(self, key: str, /) -> Any: ...


def _payment_view(
    payment: Payment,
    summary: _Row,
    allocations: dict[uuid.UUID, list[tuple[Allocation, int | None]]],
    refunds: dict[uuid.UUID, list[Refund]],
    movers: dict[uuid.UUID, str],
) -> PaymentView:
    recorded_by_name = (
        display_name(summary["staff_first_name"], summary["staff_last_name"])
        if summary["staff_first_name"] is not None
        else None
    )
    return PaymentView(
        payment=payment,
        amounts=PaymentAmounts(
            int(summary["amount"]), int(summary["refunded"]), int(summary["allocated"])
        ),
        tenant_name=display_name(summary["tenant_first_name"], summary["tenant_last_name"]),
        property_name=summary["property_name"],
        unit_name=summary["unit_name"],
        recorded_by_name=recorded_by_name,
        receipt_number=summary["receipt_number"],
        allocations=allocations[payment.id],
        refunds=refunds[payment.id],
        movers=movers,
    )


async def tenant_payable_leases(session: AsyncSession, tenant: Tenant) -> list[Lease]:
    """The leases a tenant owes or owed on: live and past ones, never drafts or cancelled."""
    return list(
        (
            await session.scalars(
                select(Lease)
                .join(LeaseTenant, LeaseTenant.lease_id == Lease.id)
                .where(
                    LeaseTenant.tenant_id == tenant.id,
                    Lease.agency_id == tenant.agency_id,
                    Lease.status.in_([LeaseStatus.ACTIVE, LeaseStatus.ENDED]),
                )
                .order_by(Lease.start_date.desc(), Lease.id)
            )
        ).all()
    )


async def forget_tenant(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID, needles: Needles
) -> None:
    """Seed 001, deleting a customer: their payments, receipts, allocations and refunds stay
    (accounting and tax retention), still pointing at the anonymised tenant record; free text
    in them that names the person (a transfer's reference, a refund's reason) is rewritten."""
    theirs = select(Payment.id).where(
        Payment.agency_id == agency_id, Payment.tenant_id == tenant_id
    )
    await session.execute(
        update(Payment)
        .where(Payment.id.in_(theirs))
        .values(
            reference=scrubbed(Payment.reference, needles),
            failure_reason=scrubbed(Payment.failure_reason, needles),
        )
    )
    await session.execute(
        update(Refund)
        .where(Refund.agency_id == agency_id, Refund.payment_id.in_(theirs))
        .values(
            reason=scrubbed(Refund.reason, needles),
            failure_reason=scrubbed(Refund.failure_reason, needles),
        )
    )
