from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import Field

from doorstep.core.money import PositiveAmountMinor
from doorstep.core.schemas import CalendarDate, RequestModel, ResponseModel, Text
from doorstep.payments.ledger.schemas import AllocationIn
from doorstep.payments.proofs.models import ProofStatus


class TransferProofOut(ResponseModel):
    id: uuid.UUID
    lease_id: uuid.UUID
    tenant_id: uuid.UUID
    tenant_name: str
    property_name: str
    unit_name: str
    invoice_id: uuid.UUID | None
    invoice_number: int | None
    status: ProofStatus
    amount: int
    currency: str
    paid_on: date
    reference: str
    note: str | None
    file_name: str
    content_type: str
    file_size: int
    decided_by_name: str | None
    decided_at: datetime | None
    rejection_reason: str | None
    payment_id: uuid.UUID | None
    created_at: datetime


class PortalTransferProofOut(ResponseModel):
    """A proof as the tenant who sent it sees it."""

    id: uuid.UUID
    lease_id: uuid.UUID
    invoice_id: uuid.UUID | None
    invoice_number: int | None
    status: ProofStatus
    amount: int
    currency: str
    paid_on: date
    reference: str
    note: str | None
    file_name: str
    decided_at: datetime | None
    rejection_reason: str | None
    payment_id: uuid.UUID | None
    created_at: datetime


class ProofConfirmation(RequestModel):
    """What arrived in the trust account. Each field left out is taken from the proof."""

    amount: PositiveAmountMinor | None = Field(
        default=None, description="What arrived, when it differs from what the tenant said."
    )
    received_on: CalendarDate | None = Field(
        default=None, description="The day the money arrived; the proof's date by default."
    )
    reference: Text | None = Field(
        default=None, description="The bank's reference; the tenant's by default."
    )
    allocations: list[AllocationIn] | None = Field(
        default=None,
        max_length=50,
        description="Which invoices it settles. By default the invoice the tenant named; not "
        "allowed when the trust account receipts the oldest invoice first.",
    )


class ProofRejection(RequestModel):
    reason: Text = Field(description="Why; the tenant is told it by e-mail and in the portal.")
