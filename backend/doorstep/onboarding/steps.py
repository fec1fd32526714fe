"""What a task's step accepts, wherever the task is done: as a step of an invite's flow or as a
task staff assigned to a tenant later (seed 001: tasks are reusable). Each function checks an
answer against the task and returns what to keep; the caller keeps it on its own row."""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Collection
from datetime import datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffUser
from doorstep.billing.models import Invoice, InvoiceKind, InvoiceStatus
from doorstep.billing.schemas import InvoiceState
from doorstep.billing.service import NewLine, approve_invoice, create_invoice, invoice_views
from doorstep.core.clock import local_date
from doorstep.core.db import Base
from doorstep.core.errors import Conflict, InvalidInput
from doorstep.onboarding.models import OnboardingTask, TaskKind

MAX_UPLOAD_BYTES = 5 * 1024 * 1024

Upload = TypeVar("Upload", bound=Base)


class StepNotAvailable(Conflict):
    slug = "onboarding-step"
    title = "This step cannot take that answer"


def require_kind(task: OnboardingTask, kind: TaskKind, label: str) -> None:
    if task.kind is not kind:
        raise StepNotAvailable(f"{label} is a {task.kind.value} step.")


def form_answers(task: OnboardingTask, answers: dict[str, str]) -> dict[str, str]:
    """A form's answers to keep: required fields must be filled; unknown fields are refused."""
    fields = {field["key"]: field for field in task.config.get("fields", [])}
    for key in answers:
        if key not in fields:
            raise InvalidInput(f"answers.{key}", "This form has no such field.")
    for key, field in fields.items():
        if field.get("required", True) and not answers.get(key, "").strip():
            raise InvalidInput(f"answers.{key}", f"{field['label']} is required.")
    return dict(answers)


def accepted_version(task: OnboardingTask, text_version: int) -> int:
    """The version of the text accepted: an outdated version must be read again."""
    if text_version != task.text_version:
        raise InvalidInput(
            "text_version", "The text has changed since you opened it: read the new version."
        )
    return text_version


def document_content(content_base64: str) -> bytes:
    """An uploaded document's bytes: valid base64, not empty, at most 5 MB."""
    try:
        content = base64.b64decode(content_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidInput("content_base64", "The file is not valid base64.") from exc
    if not content:
        raise InvalidInput("content_base64", "The file is empty.")
    if len(content) > MAX_UPLOAD_BYTES:
        raise InvalidInput("content_base64", "The file is larger than 5 MB.")
    return content


async def replace_upload(session: AsyncSession, existing: Upload | None, new: Upload) -> None:
    """A step keeps one document: a new upload takes the place of the one before. The old row
    is deleted and flushed first because the new one has the same primary key, and a flush
    inserts before it deletes."""
    if existing is not None:
        await session.delete(existing)
        await session.flush()
    session.add(new)


async def invoice_payment(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    *,
    lease_id: uuid.UUID,
    task: OnboardingTask,
    amount: int,
    now: datetime,
) -> Invoice:
    """A payment step becomes an open invoice on the lease, paid through the portal's card
    payment like any other invoice. The staff member who set the amount is its author and
    approver: the amount was decided when the step was given to the tenant."""
    invoice = await create_invoice(
        session,
        agency,
        staff,
        lease_id=lease_id,
        kind=InvoiceKind.DEPOSIT,
        due_date=local_date(now, agency.timezone),
        lines=[NewLine(task.config.get("description") or task.name, amount)],
        now=now,
    )
    if invoice.status is InvoiceStatus.DRAFT:
        invoice = await approve_invoice(session, agency, staff, invoice.id, now)
    return invoice


async def paid_invoices(
    session: AsyncSession,
    invoice_ids: Collection[uuid.UUID],
    agency_ids: Collection[uuid.UUID],
    now: datetime,
) -> set[uuid.UUID]:
    """Which of these invoices are paid: derived from the ledger, never stored."""
    if not invoice_ids:
        return set()
    invoices = (
        await session.scalars(
            select(Invoice).where(Invoice.id.in_(invoice_ids), Invoice.agency_id.in_(agency_ids))
        )
    ).all()
    return {
        view.id
        for view in await invoice_views(session, invoices, now.date())
        if view.state is InvoiceState.PAID
    }


def step_done(
    kind: TaskKind,
    *,
    completed_at: datetime | None,
    invoice_id: uuid.UUID | None,
    paid: set[uuid.UUID],
) -> bool:
    """A payment step is done when its invoice is paid; any other when it was completed."""
    if kind is TaskKind.PAYMENT:
        return invoice_id is not None and invoice_id in paid
    return completed_at is not None
