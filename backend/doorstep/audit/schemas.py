from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import Field

from doorstep.audit.models import ApprovalKind, ApprovalStatus, ThresholdChangeStatus
from doorstep.core.money import AmountMinor
from doorstep.core.schemas import LongText, RequestModel, ResponseModel


class ApprovalOut(ResponseModel):
    id: uuid.UUID
    kind: ApprovalKind
    subject_id: uuid.UUID
    invoice_id: uuid.UUID | None = Field(
        description="The invoice a credit note or write-off reduces (null for a refund)."
    )
    payment_id: uuid.UUID | None = Field(
        description="The payment a refund gives money back from (null for a credit note)."
    )
    amount: int
    currency: str
    summary: str
    status: ApprovalStatus
    requested_by_id: uuid.UUID
    requested_at: datetime
    decided_by_id: uuid.UUID | None
    decided_at: datetime | None
    decision_note: str | None


class ApprovalDecision(RequestModel):
    # Kept with the decision in a 500-character column: longer is a 422, never a database error.
    note: Annotated[LongText, Field(max_length=500)] | None = None


class ThresholdChangeIn(RequestModel):
    approval_threshold: AmountMinor = Field(
        description="Credit notes, write-offs and refunds above this (minor units; counted per "
        "invoice and per payment) will need a second approver."
    )


class ThresholdChangeOut(ResponseModel):
    id: uuid.UUID
    old_threshold: int = Field(description="The threshold it replaced (minor units).")
    new_threshold: int
    currency: str
    status: ThresholdChangeStatus = Field(
        description="`applied` at once where the agency has one owner; else `pending` until "
        "another owner approves (`applied`) or rejects it."
    )
    requested_by_id: uuid.UUID
    requested_at: datetime
    decided_at: datetime | None
    approval_id: uuid.UUID | None = Field(
        description="The approval it waited for, when another owner had to decide."
    )
    decided_by_id: uuid.UUID | None = Field(description="The owner who approved or rejected it.")
