"""Approvals: credit notes, write-offs and refunds above an agency's threshold wait for a second
person with the accountant or owner role (seed 000: "ask the responsible role to review it
before final approval").

The modules that own a decision register what approving and rejecting it does, so this module
knows no billing or payment rules.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.agencies.settings import read_settings
from doorstep.audit.models import Approval, ApprovalKind, ApprovalStatus, AuditEvent
from doorstep.core.errors import Conflict, Forbidden
from doorstep.core.pagination import PageRequest, paginate
from doorstep.core.scoping import get_in_agency

APPROVER_ROLES = frozenset({StaffRole.OWNER, StaffRole.ACCOUNTANT})

# What happens to the subject when the decision is made: (agency id, subject id, now).
Decision = Callable[[AsyncSession, uuid.UUID, uuid.UUID, datetime], Awaitable[object]]
_DECISIONS: dict[ApprovalKind, tuple[Decision, Decision]] = {}
_APPROVERS: dict[ApprovalKind, frozenset[StaffRole]] = {}


class AlreadyDecided(Conflict):
    slug = "approval-decided"
    title = "This approval has already been decided"


def register_decision(
    kind: ApprovalKind,
    *,
    approve: Decision,
    reject: Decision,
    approver_roles: frozenset[StaffRole] = APPROVER_ROLES,
) -> None:
    _DECISIONS[kind] = (approve, reject)
    _APPROVERS[kind] = approver_roles


def needs_approval(agency: Agency, amount: int) -> bool:
    return amount > read_settings(agency.settings).approval_threshold


async def request_approval(
    session: AsyncSession,
    agency: Agency,
    requester: StaffUser,
    *,
    kind: ApprovalKind,
    subject_id: uuid.UUID,
    amount: int,
    currency: str,
    summary: str,
    now: datetime,
    invoice_id: uuid.UUID | None = None,
    payment_id: uuid.UUID | None = None,
) -> Approval:
    approval = Approval(
        agency_id=agency.id,
        kind=kind,
        subject_id=subject_id,
        invoice_id=invoice_id,
        payment_id=payment_id,
        amount=amount,
        currency=currency,
        summary=summary,
        status=ApprovalStatus.PENDING,
        requested_by_id=requester.id,
        requested_at=now,
    )
    session.add(approval)
    await session.flush()
    return approval


async def get_approval(
    session: AsyncSession, agency_id: uuid.UUID, approval_id: uuid.UUID, *, for_update: bool = False
) -> Approval:
    return await get_in_agency(
        session,
        Approval,
        approval_id,
        agency_id,
        missing="No such approval.",
        for_update=for_update,
    )


async def list_approvals(
    session: AsyncSession,
    agency_id: uuid.UUID,
    *,
    status: ApprovalStatus | None,
    page: PageRequest,
) -> tuple[list[Approval], str | None]:
    statement = select(Approval).where(Approval.agency_id == agency_id)
    if status is not None:
        statement = statement.where(Approval.status == status)
    return await paginate(session, statement, (Approval.id,), page, descending=True)


async def decide(
    session: AsyncSession,
    agency: Agency,
    approver: StaffUser,
    approval_id: uuid.UUID,
    *,
    approve: bool,
    note: str | None,
    now: datetime,
) -> Approval:
    """Approve or reject a pending decision. The approver holds the accountant or owner role
    (the owner role for a change of the threshold) and is not the person who asked for it."""
    if approver.role not in APPROVER_ROLES:
        raise Forbidden("Only accountants and owners decide on approvals.")
    approval = await get_approval(session, agency.id, approval_id, for_update=True)
    if approver.role not in (roles := _APPROVERS[approval.kind]):
        names = " or ".join(sorted(role.value for role in roles))
        raise Forbidden(f"Only someone with the {names} role decides on this approval.")
    if approval.status is not ApprovalStatus.PENDING:
        raise AlreadyDecided(f"This approval was {approval.status.value} already.")
    if approval.requested_by_id == approver.id:
        raise Forbidden("Someone other than the requester must decide on this.")
    apply, reject = _DECISIONS[approval.kind]
    await (apply if approve else reject)(session, agency.id, approval.subject_id, now)
    approval.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
    approval.decided_by_id = approver.id
    approval.decided_at = now
    approval.decision_note = note
    await session.flush()
    return approval


# ----------------------------------------------------------------------------- the audit log


async def record_event(
    session: AsyncSession,
    *,
    agency_id: uuid.UUID,
    action: str,
    subject_type: str,
    subject_id: uuid.UUID,
    actor_staff_id: uuid.UUID | None,
    now: datetime,
) -> AuditEvent:
    """Record who did what to which record, and when (e.g. a tenant's portal access turned
    off). Ids and the action's name only: the log keeps no personal data of its own."""
    event = AuditEvent(
        agency_id=agency_id,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        actor_staff_id=actor_staff_id,
        occurred_at=now,
    )
    session.add(event)
    await session.flush()
    return event


async def events_about(
    session: AsyncSession,
    agency_id: uuid.UUID,
    *,
    subject_type: str,
    subject_id: uuid.UUID,
    limit: int = 50,
) -> list[tuple[AuditEvent, StaffUser | None]]:
    """A record's audit log, newest first, with the staff member who acted."""
    rows = await session.execute(
        select(AuditEvent, StaffUser)
        .outerjoin(StaffUser, StaffUser.id == AuditEvent.actor_staff_id)
        .where(
            AuditEvent.agency_id == agency_id,
            AuditEvent.subject_type == subject_type,
            AuditEvent.subject_id == subject_id,
        )
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    return [(event, actor) for event, actor in rows]
