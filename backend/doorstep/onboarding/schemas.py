"""Onboarding requests and responses."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Self

from pydantic import Field, StringConstraints

from doorstep.agencies.schemas import NewPassword
from doorstep.core.languages import Language
from doorstep.core.money import Money, PositiveAmountMinor
from doorstep.core.schemas import Email, Flag, RequestModel, ResponseModel, Text
from doorstep.onboarding.assignment_models import TaskAssignment
from doorstep.onboarding.models import InviteStatus, InviteStep, OnboardingTask, TaskKind
from doorstep.readiness.schemas import ReadinessOverrideIn
from doorstep.recurring.models import SetupMethod

FieldKey = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=r"^[a-z0-9_]+$")]
AcceptText = Annotated[str, StringConstraints(min_length=1, max_length=20000)]
AnswerText = Annotated[str, StringConstraints(max_length=2000, pattern=r"^[^\x00]*$")]


class FormField(RequestModel):
    key: FieldKey
    label: Text
    required: Flag = True


class FormFieldOut(ResponseModel):
    key: str
    label: str
    required: bool


class TaskCreate(RequestModel):
    """What each kind needs: a form its ``fields``, a document upload its
    ``document_label``, read-and-accept its ``text``; a payment step an optional
    ``description`` (the amount is set per invite). A ``recurring_setup`` task needs nothing
    but the agency's recurring payments switched on (409 ``recurring-step-not-offered``)."""

    name: Text
    kind: TaskKind
    is_onboarding: Flag = True
    fields: list[FormField] | None = Field(default=None, max_length=50)
    document_label: Text | None = None
    text: AcceptText | None = None
    description: Text | None = None


class TaskUpdate(RequestModel):
    name: Text | None = None
    is_onboarding: Flag | None = None
    fields: list[FormField] | None = Field(default=None, max_length=50)
    document_label: Text | None = None
    text: AcceptText | None = None
    description: Text | None = None
    archived: Flag | None = Field(
        default=None, description="Archive (or restore) the task: archived, it cannot be assigned."
    )


class TaskOut(ResponseModel):
    id: uuid.UUID
    name: str
    kind: TaskKind
    is_onboarding: bool
    fields: list[FormFieldOut]
    document_label: str | None
    text: str | None
    text_version: int = Field(description="Goes up whenever the text to accept changes.")
    description: str | None
    archived: bool = Field(default=False, description="No longer offered to assign.")
    created_at: datetime


class FlowWrite(RequestModel):
    name: Text
    task_ids: list[uuid.UUID] = Field(
        min_length=1, max_length=30, description="The steps in order; onboarding tasks only."
    )


class FlowPatch(RequestModel):
    """What changes in a flow; what is left out stays. ``archived`` takes it off (or puts it
    back on) the list new invites choose from."""

    name: Text | None = None
    task_ids: list[uuid.UUID] | None = Field(
        default=None,
        min_length=1,
        max_length=30,
        description="The steps in order; onboarding tasks only.",
    )
    archived: Flag | None = None


class FlowStepOut(ResponseModel):
    position: int
    task: TaskOut


class FlowOut(ResponseModel):
    id: uuid.UUID
    name: str
    steps: list[FlowStepOut]
    has_payment_steps: bool
    has_recurring_steps: bool = Field(
        description="A step sets up recurring rent: invites need the lease it is for."
    )
    archived: bool = Field(description="No longer offered for new invites.")
    created_at: datetime


class PaymentAmount(RequestModel):
    position: int = Field(
        strict=True, gt=0, le=30, description="The flow step (1 = first) this amount is for."
    )
    amount: PositiveAmountMinor


class InviteCreate(RequestModel):
    """Seed 001: first name, last name, e-mail and a flow; when the flow has payment steps,
    an amount for each of them (in the agency's currency) and the lease they are for."""

    first_name: Text | None = None
    last_name: Text | None = None
    email: Email | None = None
    flow_id: uuid.UUID
    tenant_id: uuid.UUID | None = Field(
        default=None,
        description="Invite an existing tenant: name and e-mail come from the record unless "
        "given, and the account is linked to it when the invite is used.",
    )
    lease_id: uuid.UUID | None = Field(
        default=None,
        description="Needed when the flow has payment steps (they are invoiced on it) or a "
        "recurring rent set-up step (it pays this lease's rent).",
    )
    payment_amounts: list[PaymentAmount] = Field(default_factory=list, max_length=30)
    readiness_override: ReadinessOverrideIn | None = Field(
        default=None,
        description="Send although the readiness review (seed 000) finds blocking items: the "
        "reason is recorded with who and when.",
    )


class InviteResend(RequestModel):
    readiness_override: ReadinessOverrideIn | None = Field(
        default=None,
        description="Send although the readiness review (seed 000) finds blocking items.",
    )


class RecurringStepOut(ResponseModel):
    """A recurring set-up step's state: the lease, whether the agency still offers recurring
    payments (switched off, the step no longer blocks), and the set-up that completes it."""

    lease_id: uuid.UUID | None
    offered: bool = Field(description="The agency has recurring payments switched on.")
    set_up: bool
    setup_id: uuid.UUID | None = Field(
        description="To a tenant, only of a set-up of their own (a co-tenant's shows set up)."
    )
    method: SetupMethod | None
    payment_method_label: str | None = Field(
        description="e.g. 'visa •••• 4242'; to a tenant, only of a set-up of their own."
    )
    set_up_at: datetime | None = Field(description="When the tenant authorised it.")
    setup_active: bool = Field(description="The set-up is still running.")


class InviteStepOut(ResponseModel):
    position: int
    task_id: uuid.UUID
    name: str
    kind: TaskKind
    amount: Money | None
    invoice_id: uuid.UUID | None
    done: bool
    completed_at: datetime | None
    answers: dict[str, Any] | None
    accepted_text_version: int | None
    uploaded_file_name: str | None
    recurring: RecurringStepOut | None = Field(description="Recurring set-up steps only.")


class InviteOut(ResponseModel):
    id: uuid.UUID
    first_name: str
    last_name: str
    email: str
    flow_id: uuid.UUID
    flow_name: str
    tenant_id: uuid.UUID | None
    lease_id: uuid.UUID | None
    status: InviteStatus
    sent_at: datetime
    expires_at: datetime
    reminders_sent: int
    used_at: datetime | None
    cancelled_at: datetime | None
    steps_done: int
    steps_total: int
    created_at: datetime


class InviteDetailOut(InviteOut):
    steps: list[InviteStepOut]


# ------------------------------------------------------------------------- public (link)


class InviteLinkOut(ResponseModel):
    """What the link's page shows before the password is set."""

    first_name: str
    last_name: str
    email: str
    agency_name: str
    agency_locale: str = Field(description="The agency's locale (BCP 47), for dates.")
    agency_timezone: str = Field(
        description="The agency's IANA time zone: the expiry is shown on the agency's clock."
    )
    expires_at: datetime


class InviteAccept(RequestModel):
    password: NewPassword
    language: Language | None = Field(
        default=None,
        description="The language the invitee chose in the portal: kept as the language of "
        "their e-mails and documents. Absent or null: none chosen (the agency's is used).",
    )


# ------------------------------------------------------------------------- tenant (portal)


def money_out(amount: int | None, currency: str | None) -> Money | None:
    """An amount kept as two nullable columns: none until both are set."""
    return Money(amount=amount, currency=currency) if amount is not None and currency else None


class StepToDoOut(ResponseModel):
    """What the tenant is shown of a task to do it, and what they saved of it: the same whether
    the task is a step of an invite's flow or was assigned to them later (seed 001: tasks are
    reusable)."""

    name: str
    kind: TaskKind
    done: bool
    fields: list[FormFieldOut]
    answers: dict[str, Any] | None
    document_label: str | None
    uploaded_file_name: str | None
    text: str | None
    text_version: int | None
    description: str | None
    amount: Money | None
    invoice_id: uuid.UUID | None = Field(
        description="Pay it through the portal's card payment for this invoice."
    )

    @classmethod
    def from_task(
        cls,
        task: OnboardingTask,
        saved: InviteStep | TaskAssignment,
        *,
        done: bool,
        uploaded_file_name: str | None,
        **own: Any,
    ) -> Self:
        """The task as the tenant is shown it with what they saved of it; ``own`` are the fields
        of the subclass."""
        config = task.config
        return cls(
            name=task.name,
            kind=task.kind,
            done=done,
            fields=[FormFieldOut.model_validate(field) for field in config.get("fields", [])],
            answers=saved.answers,
            document_label=config.get("document_label"),
            uploaded_file_name=uploaded_file_name,
            text=config.get("text"),
            text_version=task.text_version if task.kind is TaskKind.READ_AND_ACCEPT else None,
            description=config.get("description"),
            amount=money_out(saved.amount, saved.currency),
            invoice_id=saved.invoice_id,
            **own,
        )


class PortalStepOut(StepToDoOut):
    position: int
    recurring: RecurringStepOut | None = Field(
        description="Recurring set-up steps only: set it up on this lease through the portal's "
        "recurring payments."
    )


class PortalOnboardingOut(ResponseModel):
    invite_id: uuid.UUID = Field(
        description="The invite the steps belong to (their paths name it)."
    )
    agency_name: str
    steps: list[PortalStepOut]
    steps_done: int
    steps_total: int
    complete: bool
    next_position: int | None = Field(description="The first step still to do.")


class FormAnswers(RequestModel):
    answers: dict[FieldKey, AnswerText] = Field(max_length=50)


class AcceptTerms(RequestModel):
    text_version: int = Field(
        strict=True,
        gt=0,
        description="The version of the text the tenant read; a newer text must be read first.",
    )


class DocumentUpload(RequestModel):
    file_name: Text
    content_type: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    content_base64: Annotated[str, StringConstraints(min_length=1, max_length=7_000_000)] = Field(
        description="The file, base64-encoded (at most 5 MB once decoded)."
    )
