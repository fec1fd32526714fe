"""A tenant's balance per lease in one statement: what their open invoices still ask for and
the credit their payments left, derived from lines, credit notes, allocations and refunds as
``payments.ledger.service.lease_balances`` derives them, never stored."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Date, bindparam, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.billing.ledger import sum_of_amounts
from doorstep.billing.models import (
    Allocation,
    CreditNote,
    CreditNoteStatus,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
)
from doorstep.core.db import fetch_rows, table_of
from doorstep.leases.models import Lease, LeaseStatus, LeaseTenant
from doorstep.payments.ledger.models import Payment, PaymentStatus, Refund, RefundStatus
from doorstep.payments.proofs.models import ProofStatus, TransferProof

_leases = table_of(Lease)
_lease_tenants = table_of(LeaseTenant)
_invoices = table_of(Invoice)
_lines = table_of(InvoiceLine)
_credit_notes = table_of(CreditNote)
_allocations = table_of(Allocation)
_payments = table_of(Payment)
_refunds = table_of(Refund)
_proofs = table_of(TransferProof)


def _sum_of(amount: Any, *conditions: Any, select_from: Any) -> Any:
    return (
        select(sum_of_amounts(amount)).select_from(select_from).where(*conditions).scalar_subquery()
    )


_open_invoices = (
    _invoices.c.lease_id == _leases.c.id,
    _invoices.c.status == InvoiceStatus.OPEN.value,
)
_succeeded_payments = (
    _payments.c.lease_id == _leases.c.id,
    _payments.c.status == PaymentStatus.SUCCEEDED.value,
)
# Open invoices' lines, less their applied credit notes and what was allocated to them.
_OUTSTANDING = (
    _sum_of(
        _lines.c.amount,
        *_open_invoices,
        select_from=_invoices.join(_lines, _lines.c.invoice_id == _invoices.c.id),
    )
    - _sum_of(
        _credit_notes.c.amount,
        *_open_invoices,
        _credit_notes.c.status == CreditNoteStatus.APPLIED.value,
        select_from=_invoices.join(_credit_notes, _credit_notes.c.invoice_id == _invoices.c.id),
    )
    - _sum_of(
        _allocations.c.amount,
        *_open_invoices,
        select_from=_invoices.join(_allocations, _allocations.c.invoice_id == _invoices.c.id),
    )
)
# Succeeded payments, less what was refunded and what is allocated to any invoice.
_CREDIT = (
    _sum_of(_payments.c.amount, *_succeeded_payments, select_from=_payments)
    - _sum_of(
        _refunds.c.amount,
        *_succeeded_payments,
        _refunds.c.status == RefundStatus.SUCCEEDED.value,
        select_from=_payments.join(_refunds, _refunds.c.payment_id == _payments.c.id),
    )
    - _sum_of(
        _allocations.c.amount,
        *_succeeded_payments,
        select_from=_payments.join(_allocations, _allocations.c.payment_id == _payments.c.id),
    )
)
# What open invoices past their due date (in the agency's zone: the ``today`` parameter) still
# ask for: the only part of a balance that is late.
_late_invoices = (*_open_invoices, _invoices.c.due_date < bindparam("today", type_=Date))
_OVERDUE = (
    _sum_of(
        _lines.c.amount,
        *_late_invoices,
        select_from=_invoices.join(_lines, _lines.c.invoice_id == _invoices.c.id),
    )
    - _sum_of(
        _credit_notes.c.amount,
        *_late_invoices,
        _credit_notes.c.status == CreditNoteStatus.APPLIED.value,
        select_from=_invoices.join(_credit_notes, _credit_notes.c.invoice_id == _invoices.c.id),
    )
    - _sum_of(
        _allocations.c.amount,
        *_late_invoices,
        select_from=_invoices.join(_allocations, _allocations.c.invoice_id == _invoices.c.id),
    )
)
# Transfers the lease's tenants reported (a proof sent) that staff have not confirmed yet.
_PENDING = _sum_of(
    _proofs.c.amount,
    _proofs.c.lease_id == _leases.c.id,
    _proofs.c.status == ProofStatus.SUBMITTED.value,
    select_from=_proofs,
)
_TENANT_BALANCES = (
    select(
        _leases.c.id,
        _leases.c.rent_currency,
        _OUTSTANDING.label("outstanding"),
        _CREDIT.label("credit"),
        _OVERDUE.label("overdue"),
        _PENDING.label("pending"),
    )
    .select_from(_leases.join(_lease_tenants, _lease_tenants.c.lease_id == _leases.c.id))
    .where(
        _lease_tenants.c.tenant_id == bindparam("tenant_id"),
        _leases.c.agency_id == bindparam("agency_id"),
        or_(
            _leases.c.status == LeaseStatus.ACTIVE.value,
            _leases.c.status == LeaseStatus.ENDED.value,
        ),
    )
    .order_by(_leases.c.start_date.desc(), _leases.c.id)
)


@dataclass(frozen=True, slots=True)
class TenantLeaseBalance:
    lease_id: uuid.UUID
    currency: str
    outstanding: int
    credit: int
    overdue: int = 0
    pending: int = 0

    @property
    def balance(self) -> int:
        """What the tenant owes on the lease (negative: the agency holds their credit)."""
        return self.outstanding - self.credit

    @property
    def to_pay(self) -> int:
        """What the tenant still has to send (issue 11): the balance less the transfers they
        reported and staff have not confirmed yet, never below nothing."""
        return max(self.balance - self.pending, 0)


async def tenant_lease_balances(
    session: AsyncSession, tenant_id: uuid.UUID, agency_id: uuid.UUID, today: date
) -> list[TenantLeaseBalance]:
    """Per lease the tenant owes or owed on (live and past ones, never drafts or cancelled),
    newest first: outstanding invoices, unallocated credit, the part already late on
    ``today`` and the reported transfers waiting for confirmation."""
    rows = await fetch_rows(
        session,
        _TENANT_BALANCES,
        {"tenant_id": tenant_id, "agency_id": agency_id, "today": today},
    )
    return [
        TenantLeaseBalance(
            lease_id=row["id"],
            currency=row["rent_currency"],
            outstanding=row["outstanding"],
            credit=row["credit"],
            overdue=row["overdue"],
            pending=row["pending"],
        )
        for row in rows
    ]
