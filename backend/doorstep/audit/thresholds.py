"""Changes of the approval threshold: the amount above which credit notes, write-offs and
refunds need a second person.

Raising it is how one person could escape four-eyes, so a change needs a second owner where
the agency has more than one active owner (it waits in the approvals inbox, which only another
owner may decide), and every change is recorded: who asked, when, the old and the new amount,
and how it ended.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.agencies.service import (
    active_owner_count,
    lock_agency,
    set_approval_threshold,
)
from doorstep.agencies.settings import read_settings
from doorstep.audit.models import (
    Approval,
    ApprovalKind,
    ThresholdChange,
    ThresholdChangeStatus,
)
from doorstep.audit.service import register_decision, request_approval
from doorstep.core.errors import Conflict, Forbidden, InvalidInput
from doorstep.core.pagination import PageRequest, paginate
from doorstep.core.scoping import get_in_agency


class ThresholdChangePending(Conflict):
    slug = "threshold-change-pending"
    title = "A change of the approval threshold already waits for approval"


async def change_approval_threshold(
    session: AsyncSession, agency: Agency, owner: StaffUser, new_threshold: int, now: datetime
) -> tuple[ThresholdChange, Approval | None]:
    """An owner changes the threshold. Alone in the agency, it applies at once; with other
    active owners, it waits for one of them in the approvals inbox. One change waits at a
    time; either way it is recorded."""
    if owner.role is not StaffRole.OWNER:
        raise Forbidden("Only owners change the approval threshold.")
    # Locked: two owners' changes, or a change and an owner leaving, are taken in turn.
    locked = await lock_agency(session, agency.id)
    current = read_settings(locked.settings).approval_threshold
    if new_threshold == current:
        raise InvalidInput("approval_threshold", "This is the threshold already.")
    waiting = await session.scalar(
        select(ThresholdChange.id).where(
            ThresholdChange.agency_id == agency.id,
            ThresholdChange.status == ThresholdChangeStatus.PENDING,
        )
    )
    if waiting is not None:
        raise ThresholdChangePending("Let the other owners decide on it (or reject it) first.")
    change = ThresholdChange(
        agency_id=agency.id,
        old_threshold=current,
        new_threshold=new_threshold,
        status=ThresholdChangeStatus.PENDING,
        requested_by_id=owner.id,
        requested_at=now,
    )
    session.add(change)
    await session.flush()
    if await active_owner_count(session, agency.id) > 1:
        approval = await request_approval(
            session,
            agency,
            owner,
            kind=ApprovalKind.THRESHOLD_CHANGE,
            subject_id=change.id,
            amount=new_threshold,
            currency=agency.currency,
            summary=(
                f"Approval threshold from {current} to {new_threshold} "
                f"(minor units of {agency.currency})"
            ),
            now=now,
        )
        return change, approval
    return await apply_threshold_change(session, agency.id, change.id, now), None


async def _pending_change(
    session: AsyncSession, agency_id: uuid.UUID, change_id: uuid.UUID
) -> ThresholdChange:
    change = await get_in_agency(
        session,
        ThresholdChange,
        change_id,
        agency_id,
        missing="No such threshold change.",
        for_update=True,
    )
    if change.status is not ThresholdChangeStatus.PENDING:
        raise Conflict(f"This threshold change is already {change.status.value}.")
    return change


async def apply_threshold_change(
    session: AsyncSession, agency_id: uuid.UUID, change_id: uuid.UUID, now: datetime
) -> ThresholdChange:
    """The change takes effect; the record keeps the threshold it really replaced."""
    change = await _pending_change(session, agency_id, change_id)
    change.old_threshold = await set_approval_threshold(session, agency_id, change.new_threshold)
    change.status = ThresholdChangeStatus.APPLIED
    change.decided_at = now
    await session.flush()
    return change


async def reject_threshold_change(
    session: AsyncSession, agency_id: uuid.UUID, change_id: uuid.UUID, now: datetime
) -> ThresholdChange:
    change = await _pending_change(session, agency_id, change_id)
    change.status = ThresholdChangeStatus.REJECTED
    change.decided_at = now
    await session.flush()
    return change


register_decision(
    ApprovalKind.THRESHOLD_CHANGE,
    approve=apply_threshold_change,
    reject=reject_threshold_change,
    approver_roles=frozenset({StaffRole.OWNER}),
)


async def list_threshold_changes(
    session: AsyncSession, agency_id: uuid.UUID, page: PageRequest
) -> tuple[list[tuple[ThresholdChange, Approval | None]], str | None]:
    """The agency's threshold changes, newest first, each with its approval when it needed
    one (the approval names the second owner who decided)."""
    changes, cursor = await paginate(
        session,
        select(ThresholdChange).where(ThresholdChange.agency_id == agency_id),
        (ThresholdChange.id,),
        page,
        descending=True,
    )
    approvals = {
        approval.subject_id: approval
        for approval in await session.scalars(
            select(Approval).where(
                and_(
                    Approval.agency_id == agency_id,
                    Approval.kind == ApprovalKind.THRESHOLD_CHANGE,
                    Approval.subject_id.in_([change.id for change in changes]),
                )
            )
        )
    }
    return [(change, approvals.get(change.id)) for change in changes], cursor
