"""Requests and responses of tasks assigned to an existing tenant."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import Field

from doorstep.core.money import Money, PositiveAmountMinor
from doorstep.core.schemas import RequestModel, ResponseModel
from doorstep.onboarding.assignments import AssignmentStatus
from doorstep.onboarding.models import TaskKind
from doorstep.onboarding.schemas import StepToDoOut


class AssignmentCreate(RequestModel):
    task_id: uuid.UUID
    amount: PositiveAmountMinor | None = Field(
        default=None, description="A payment task's amount, in the agency's currency."
    )
    lease_id: uuid.UUID | None = Field(
        default=None,
        description="The active lease a payment task is invoiced on; needed when the tenant "
        "has several.",
    )


class AssignmentOut(ResponseModel):
    """An assigned task with the tenant's progress and answers (staff)."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    task_id: uuid.UUID
    name: str
    kind: TaskKind
    status: AssignmentStatus
    amount: Money | None
    lease_id: uuid.UUID | None
    invoice_id: uuid.UUID | None
    answers: dict[str, Any] | None
    accepted_text_version: int | None
    completed_at: datetime | None = Field(
        description="When the tenant completed it (accepted the text, at that version)."
    )
    uploaded_file_name: str | None = Field(
        description="Download it from the assignment's document route."
    )
    assigned_at: datetime
    cancelled_at: datetime | None


class PortalTaskOut(StepToDoOut):
    """One of the tenant's tasks, with what they need to do it and what they saved."""

    id: uuid.UUID
    status: AssignmentStatus
    assigned_at: datetime
