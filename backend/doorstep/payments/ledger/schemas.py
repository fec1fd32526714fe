from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import Field

from doorstep.core.money import PositiveAmountMinor
from doorstep.core.schemas import CalendarDate, CurrencyCode, RequestModel, ResponseModel, Text
from doorstep.payments.ledger.models import PaymentMethod, PaymentStatus, RefundStatus


class AllocationIn(RequestModel):
    invoice_id: uuid.UUID
    amount: PositiveAmountMinor


class PaymentRecord(RequestModel):
    """Money received outside the platform, confirmed by the staff member recording it."""

    lease_id: uuid.UUID = Field(
        description="The lease the money is for (a tenant may have several)."
    )
    tenant_id: uuid.UUID = Field(description="Who paid; must be party to the lease.")
    amount: PositiveAmountMinor
    currency: CurrencyCode
    method: PaymentMethod = Field(description="bank_transfer, cash or cheque.")
    received_on: CalendarDate
    reference: Text = Field(description="Bank reference, cheque number or cash receipt number.")
    allocations: list[AllocationIn] | None = Field(
        default=None,
        max_length=50,
        description="Which invoices it settles. Not allowed when the trust account receipts "
        "the oldest invoice first (allocation is then automatic); what is left is credit.",
    )


class AllocationsAdd(RequestModel):
    allocations: list[AllocationIn] = Field(min_length=1, max_length=50)


class RefundRequest(RequestModel):
    amount: PositiveAmountMinor
    reason: Text


class AllocationMoveIn(RequestModel):
    """Move money a payment settled on one invoice to another open invoice of its lease, or
    back to the tenant's credit."""

    from_invoice_id: uuid.UUID = Field(description="The invoice the money leaves.")
    to_invoice_id: uuid.UUID | None = Field(
        description="An open invoice of the payment's lease; null to make it credit again."
    )
    amount: PositiveAmountMinor = Field(
        description="At most what the payment settles on the source invoice and, with a "
        "target, what the target still asks for."
    )
    reason: Text = Field(description="Required: why the money moves (kept in the history).")


class AllocationOut(ResponseModel):
    invoice_id: uuid.UUID
    invoice_number: int | None
    amount: int = Field(description="Negative for a reversal (a refund or a move away).")
    created_at: datetime
    move_id: uuid.UUID | None = Field(
        default=None, description="Set on both rows of a move by hand (the same id)."
    )
    moved_by_name: str | None = Field(default=None, description="Who moved it by hand.")
    move_reason: str | None = Field(default=None, description="Why it was moved.")


class RefundOut(ResponseModel):
    id: uuid.UUID
    status: RefundStatus
    amount: int
    reason: str
    approval_id: uuid.UUID | None = None
    created_at: datetime


class PaymentOut(ResponseModel):
    id: uuid.UUID
    lease_id: uuid.UUID
    tenant_id: uuid.UUID
    tenant_name: str
    property_name: str
    unit_name: str
    method: PaymentMethod
    status: PaymentStatus
    amount: int
    currency: str
    received_on: date | None
    reference: str | None
    recorded_by_name: str | None
    receipt_number: int | None
    allocated: int
    refunded: int
    unallocated: int
    allocations: list[AllocationOut]
    refunds: list[RefundOut]
    failure_reason: str | None
    created_at: datetime


class LeaseBalanceOut(ResponseModel):
    lease_id: uuid.UUID
    currency: str
    outstanding: int = Field(description="What open invoices still ask for.")
    credit: int = Field(description="Money received and not yet allocated to an invoice.")
    balance: int = Field(description="outstanding - credit; negative when in credit.")


class PortalBalanceOut(LeaseBalanceOut):
    """A lease's balance as its tenants see it (issue 11: the home tells the truth)."""

    overdue: int = Field(description="What open invoices past their due date still ask for.")
    pending: int = Field(
        description="Transfers the tenants reported (proof sent) not yet confirmed by staff."
    )
    to_pay: int = Field(description="max(balance - pending, 0): what is still to send.")


class PortalPaymentOut(ResponseModel):
    """A payment as the tenants of the lease see it."""

    id: uuid.UUID
    lease_id: uuid.UUID
    payer_name: str
    method: PaymentMethod
    status: PaymentStatus
    amount: int
    currency: str
    received_on: date | None
    reference: str | None
    receipt_number: int | None
    refunded: int
    invoice_numbers: list[int]
    created_at: datetime


class PaymentTotalsOut(ResponseModel):
    """The sums of every payment matching a list's filters, in the agency's currency."""

    currency: str
    payments: int = Field(description="How many payments match (any status).")
    received: int = Field(description="What the succeeded ones brought, in minor units.")
    refunded: int = Field(description="What was given back of them.")
    allocated: int = Field(description="What of them settled invoices.")
    unallocated: int = Field(description="What is left as the tenants' credit.")
