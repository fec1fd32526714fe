"""Tasks assigned to a tenant who already has a portal account (seed 001: "tasks are reusable";
issue 13: "staff can also assign a task to an existing tenant later").

Staff (owners, managers) give one of the agency's tasks to a tenant; the tenant is e-mailed a
link to it and does it in the portal with the same rules as an invite's step
(``onboarding.steps``); staff follow its progress and answers, and may cancel it while it is
open. A payment task is invoiced on the lease staff chose when it is assigned and is done when
that invoice is paid."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffUser
from doorstep.billing.service import void_invoice
from doorstep.core.errors import Conflict, InvalidInput, NotFound
from doorstep.core.languages import tenant_locale
from doorstep.core.pagination import PageRequest, paginate
from doorstep.core.scoping import get_in_agency
from doorstep.leases.models import Lease, LeaseStatus, LeaseTenant
from doorstep.notifications.service import queue_email
from doorstep.onboarding.assignment_messages import task_assigned_email
from doorstep.onboarding.assignment_models import TaskAssignment, TaskAssignmentUpload
from doorstep.onboarding.models import OnboardingTask, TaskKind
from doorstep.onboarding.steps import (
    accepted_version,
    document_content,
    form_answers,
    invoice_payment,
    paid_invoices,
    replace_upload,
    require_kind,
    step_done,
)
from doorstep.tenants.models import Tenant

ASSIGNED_EMAIL_KIND = "onboarding.task_assigned"
CANCEL_REASON = "The task asking for this payment was cancelled."


class AssignmentStatus(StrEnum):
    """Derived, never stored: cancelled when staff cancelled it, done when the tenant completed
    it (a payment: its invoice is paid), open otherwise."""

    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class TenantCannotTakeTasks(Conflict):
    """A task is done in the portal: the tenant needs a live account there. ``code`` says
    which of the reasons it is, for the apps to say in the reader's language."""

    slug = "tenant-cannot-take-tasks"
    title = "This tenant cannot be given a task in the portal"


class AssignmentNotOpen(Conflict):
    slug = "task-assignment-not-open"
    title = "This task is no longer open"


def _cannot_take(code: str, detail: str) -> TenantCannotTakeTasks:
    error = TenantCannotTakeTasks(detail)
    error.code = code
    return error


def _not_open(code: str, detail: str) -> AssignmentNotOpen:
    error = AssignmentNotOpen(detail)
    error.code = code
    return error


def portal_task_link(base_url: str, assignment_id: uuid.UUID) -> str:
    return f"{base_url.rstrip('/')}/portal/tasks/{assignment_id}"


@dataclass(frozen=True)
class AssignmentView:
    assignment: TaskAssignment
    task: OnboardingTask
    status: AssignmentStatus
    uploaded_file_name: str | None


# ------------------------------------------------------------------------------ staff


async def _tenant_for_tasks(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID
) -> Tenant:
    """The tenant, refused (409 with a ``code``) unless they can sign in to the portal."""
    tenant = await get_in_agency(session, Tenant, tenant_id, agency_id, missing="No such tenant.")
    if tenant.deleted_at is not None:
        raise _cannot_take("tenant_deleted", "This customer was deleted.")
    if tenant.password_hash is None:
        raise _cannot_take(
            "no_portal_account",
            "This tenant has no portal account yet: invite them with an onboarding flow instead.",
        )
    if tenant.portal_disabled_at is not None:
        raise _cannot_take(
            "portal_access_off",
            "This tenant's portal access is turned off: turn it on to give them a task.",
        )
    return tenant


async def _task_to_assign(
    session: AsyncSession, agency_id: uuid.UUID, task_id: uuid.UUID
) -> OnboardingTask:
    task = await session.scalar(
        select(OnboardingTask).where(
            OnboardingTask.id == task_id, OnboardingTask.agency_id == agency_id
        )
    )
    if task is None:
        raise InvalidInput("task_id", "No such task in this agency.", code="task_unknown")
    if task.archived_at is not None:
        raise InvalidInput(
            "task_id", "This task is archived: restore it to assign it.", code="task_archived"
        )
    return task


async def _lease_for_payment(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID, lease_id: uuid.UUID | None
) -> uuid.UUID:
    """The active lease of the tenant's a payment task is invoiced on: the one staff chose, or
    the tenant's only active lease (seed 000: with several, staff pick the lease)."""
    leases = list(
        await session.scalars(
            select(Lease.id)
            .join(LeaseTenant, LeaseTenant.lease_id == Lease.id)
            .where(
                Lease.agency_id == agency_id,
                LeaseTenant.tenant_id == tenant_id,
                Lease.status == LeaseStatus.ACTIVE,
            )
            .order_by(Lease.id)
        )
    )
    if lease_id is None:
        if len(leases) == 1:
            return leases[0]
        if not leases:
            raise InvalidInput(
                "lease_id",
                "A payment task is invoiced on an active lease, and this tenant has none.",
                code="lease_none_active",
            )
        raise InvalidInput(
            "lease_id",
            "This tenant has several active leases: choose the one the payment is for.",
            code="lease_required",
        )
    if lease_id not in leases:
        raise InvalidInput(
            "lease_id",
            "Choose one of this tenant's active leases.",
            code="lease_not_tenants",
        )
    return lease_id


async def assign_task(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    tenant_id: uuid.UUID,
    *,
    task_id: uuid.UUID,
    amount: int | None,
    lease_id: uuid.UUID | None,
    now: datetime,
    base_url: str,
) -> TaskAssignment:
    """Give one of the agency's tasks to a tenant with a portal account, and e-mail them the
    link to it. A payment task needs its amount (in the agency's currency) and is invoiced at
    once on the lease, so the tenant pays it through the portal's card payment."""
    tenant = await _tenant_for_tasks(session, agency.id, tenant_id)
    task = await _task_to_assign(session, agency.id, task_id)
    if task.kind is TaskKind.RECURRING_SETUP:
        # A tenant with an account sets recurring rent up from the portal's own page; the step
        # exists to ask for it during onboarding.
        raise InvalidInput(
            "task_id",
            "A recurring rent set-up is asked for in an onboarding flow; a tenant who already "
            "has an account sets it up from the portal's recurring payment page.",
            code="task_kind_not_assignable",
        )
    if task.kind is TaskKind.PAYMENT:
        if amount is None:
            raise InvalidInput("amount", "Set the amount of this payment.", code="required")
        lease_id = await _lease_for_payment(session, agency.id, tenant.id, lease_id)
    else:
        if amount is not None:
            raise InvalidInput("amount", "Only a payment task has an amount.", code="not_allowed")
        if lease_id is not None:
            raise InvalidInput(
                "lease_id", "Only a payment task is for a lease.", code="not_allowed"
            )
    assignment = TaskAssignment(
        agency_id=agency.id,
        tenant_id=tenant.id,
        task_id=task.id,
        lease_id=lease_id,
        amount=amount,
        currency=agency.currency if amount is not None else None,
        assigned_by_id=staff.id,
    )
    session.add(assignment)
    await session.flush()
    if task.kind is TaskKind.PAYMENT:
        assert lease_id is not None
        assert amount is not None
        invoice = await invoice_payment(
            session, agency, staff, lease_id=lease_id, task=task, amount=amount, now=now
        )
        assignment.invoice_id = invoice.id
        await session.flush()
    message = task_assigned_email(
        locale=tenant_locale(agency, tenant),
        timezone=agency.timezone,
        agency_name=agency.name,
        first_name=tenant.first_name,
        task_name=task.name,
        amount=(amount, agency.currency) if amount is not None else None,
        link=portal_task_link(base_url, assignment.id),
    )
    await queue_email(
        session,
        agency_id=agency.id,
        to=tenant.email,
        subject=message.subject,
        text=message.text,
        html=message.html,
        kind=ASSIGNED_EMAIL_KIND,
        dedupe_key=f"task-assigned:{assignment.id}",
        from_name=agency.name,
    )
    return assignment


async def assignment_views(
    session: AsyncSession, assignments: Sequence[TaskAssignment], now: datetime
) -> list[AssignmentView]:
    """Each assignment with its task, status and uploaded file's name: a fixed number of
    queries for any number of them."""
    if not assignments:
        return []
    ids = [assignment.id for assignment in assignments]
    tasks = {
        task.id: task
        for task in await session.scalars(
            select(OnboardingTask).where(
                OnboardingTask.id.in_({assignment.task_id for assignment in assignments})
            )
        )
    }
    files: dict[uuid.UUID, str] = {
        assignment_id: file_name
        for assignment_id, file_name in await session.execute(
            select(TaskAssignmentUpload.assignment_id, TaskAssignmentUpload.file_name).where(
                TaskAssignmentUpload.assignment_id.in_(ids)
            )
        )
    }
    paid = await paid_invoices(
        session,
        [a.invoice_id for a in assignments if a.invoice_id is not None],
        {a.agency_id for a in assignments},
        now,
    )
    views = []
    for assignment in assignments:
        task = tasks[assignment.task_id]
        if assignment.cancelled_at is not None:
            status = AssignmentStatus.CANCELLED
        elif step_done(
            task.kind,
            completed_at=assignment.completed_at,
            invoice_id=assignment.invoice_id,
            paid=paid,
        ):
            status = AssignmentStatus.DONE
        else:
            status = AssignmentStatus.OPEN
        views.append(AssignmentView(assignment, task, status, files.get(assignment.id)))
    return views


async def list_assignments(
    session: AsyncSession,
    agency_id: uuid.UUID,
    tenant_id: uuid.UUID,
    *,
    now: datetime,
    page: PageRequest,
) -> tuple[list[AssignmentView], str | None]:
    """A tenant's assignments, newest first, with their progress and answers."""
    await get_in_agency(session, Tenant, tenant_id, agency_id, missing="No such tenant.")
    assignments, cursor = await paginate(
        session,
        select(TaskAssignment).where(
            TaskAssignment.agency_id == agency_id, TaskAssignment.tenant_id == tenant_id
        ),
        (TaskAssignment.id,),
        page,
        descending=True,
    )
    return await assignment_views(session, assignments, now), cursor


async def _staff_assignment(
    session: AsyncSession,
    agency_id: uuid.UUID,
    tenant_id: uuid.UUID,
    assignment_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> TaskAssignment:
    statement = select(TaskAssignment).where(
        TaskAssignment.id == assignment_id,
        TaskAssignment.agency_id == agency_id,
        TaskAssignment.tenant_id == tenant_id,
    )
    if for_update:
        statement = statement.with_for_update()
    assignment = await session.scalar(statement)
    if assignment is None:
        raise NotFound("No such task for this tenant.")
    return assignment


async def get_assignment(
    session: AsyncSession,
    agency_id: uuid.UUID,
    tenant_id: uuid.UUID,
    assignment_id: uuid.UUID,
    now: datetime,
) -> AssignmentView:
    assignment = await _staff_assignment(session, agency_id, tenant_id, assignment_id)
    return (await assignment_views(session, [assignment], now))[0]


async def cancel_assignment(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    tenant_id: uuid.UUID,
    assignment_id: uuid.UUID,
    now: datetime,
) -> AssignmentView:
    """An open task can be taken back; a payment task's invoice is voided with it (refused
    while money is allocated to it: refund or move it first)."""
    assignment = await _staff_assignment(
        session, agency.id, tenant_id, assignment_id, for_update=True
    )
    view = (await assignment_views(session, [assignment], now))[0]
    if view.status is AssignmentStatus.CANCELLED:
        raise _not_open("already_cancelled", "This task was already cancelled.")
    if view.status is AssignmentStatus.DONE:
        raise _not_open("already_done", "The tenant has already completed this task.")
    if assignment.invoice_id is not None:
        await void_invoice(session, agency, staff, assignment.invoice_id, CANCEL_REASON, now)
    assignment.cancelled_at = now
    assignment.cancelled_by_id = staff.id
    await session.flush()
    return (await assignment_views(session, [assignment], now))[0]


async def assignment_upload(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID, assignment_id: uuid.UUID
) -> TaskAssignmentUpload:
    """The file the tenant uploaded for a document task."""
    assignment = await _staff_assignment(session, agency_id, tenant_id, assignment_id)
    upload = await session.get(TaskAssignmentUpload, assignment.id)
    if upload is None:
        raise NotFound("No file was uploaded for this task.")
    return upload


# ----------------------------------------------------------------------------- tenant


async def tenant_assignments(
    session: AsyncSession, tenant: Tenant, now: datetime
) -> list[AssignmentView]:
    """The tenant's tasks not cancelled, newest first (open ones are their "To do")."""
    assignments = (
        await session.scalars(
            select(TaskAssignment)
            .where(
                TaskAssignment.agency_id == tenant.agency_id,
                TaskAssignment.tenant_id == tenant.id,
                TaskAssignment.cancelled_at.is_(None),
            )
            .order_by(TaskAssignment.id.desc())
        )
    ).all()
    return await assignment_views(session, assignments, now)


async def tenant_assignment(
    session: AsyncSession, tenant: Tenant, assignment_id: uuid.UUID, now: datetime
) -> AssignmentView:
    """One of the tenant's own tasks; another's is simply not found."""
    assignment = await session.scalar(
        select(TaskAssignment).where(
            TaskAssignment.id == assignment_id,
            TaskAssignment.agency_id == tenant.agency_id,
            TaskAssignment.tenant_id == tenant.id,
        )
    )
    if assignment is None:
        raise NotFound("You have no such task.")
    return (await assignment_views(session, [assignment], now))[0]


async def _tenant_writable(
    session: AsyncSession, tenant: Tenant, assignment_id: uuid.UUID, kind: TaskKind
) -> tuple[TaskAssignment, OnboardingTask]:
    row = (
        await session.execute(
            select(TaskAssignment, OnboardingTask)
            .join(OnboardingTask, OnboardingTask.id == TaskAssignment.task_id)
            .where(
                and_(
                    TaskAssignment.id == assignment_id,
                    TaskAssignment.agency_id == tenant.agency_id,
                    TaskAssignment.tenant_id == tenant.id,
                )
            )
            .with_for_update(of=TaskAssignment)
        )
    ).one_or_none()
    if row is None:
        raise NotFound("You have no such task.")
    assignment, task = row
    if assignment.cancelled_at is not None:
        raise _not_open("cancelled", "Your agency cancelled this task.")
    require_kind(task, kind, "This task")
    return assignment, task


async def save_form(
    session: AsyncSession,
    tenant: Tenant,
    assignment_id: uuid.UUID,
    answers: dict[str, str],
    now: datetime,
) -> None:
    """The tenant's answers to an assigned form, with the rules of a form step."""
    assignment, task = await _tenant_writable(session, tenant, assignment_id, TaskKind.FORM)
    assignment.answers = form_answers(task, answers)
    assignment.completed_at = now
    await session.flush()


async def accept_text(
    session: AsyncSession,
    tenant: Tenant,
    assignment_id: uuid.UUID,
    text_version: int,
    now: datetime,
) -> None:
    """The tenant accepts an assigned text: kept with the time and the version read."""
    assignment, task = await _tenant_writable(
        session, tenant, assignment_id, TaskKind.READ_AND_ACCEPT
    )
    assignment.accepted_text_version = accepted_version(task, text_version)
    assignment.completed_at = now
    await session.flush()


async def upload_document(
    session: AsyncSession,
    tenant: Tenant,
    assignment_id: uuid.UUID,
    *,
    file_name: str,
    content_type: str,
    content_base64: str,
    now: datetime,
) -> None:
    """The document of an assigned upload task; a new upload replaces it."""
    assignment, _ = await _tenant_writable(session, tenant, assignment_id, TaskKind.DOCUMENT_UPLOAD)
    content = document_content(content_base64)
    await replace_upload(
        session,
        await session.get(TaskAssignmentUpload, assignment.id),
        TaskAssignmentUpload(
            assignment_id=assignment.id,
            file_name=file_name,
            content_type=content_type,
            content=content,
        ),
    )
    assignment.completed_at = now
    await session.flush()


# ------------------------------------------------------------------ deleting a customer


async def forget_tenant_assignments(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID
) -> int:
    """Seed 001, deleting a customer: their assigned tasks go with every answer, acceptance
    and uploaded file. A payment task's invoice is the agency's record and stays."""
    assignments = (
        await session.scalars(
            select(TaskAssignment)
            .where(TaskAssignment.agency_id == agency_id, TaskAssignment.tenant_id == tenant_id)
            .with_for_update()
        )
    ).all()
    for assignment in assignments:
        await session.delete(assignment)
    await session.flush()
    return len(assignments)
