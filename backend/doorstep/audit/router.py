"""The approvals inbox: financial decisions waiting for a second person."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends

from doorstep.audit import service, thresholds
from doorstep.audit.models import Approval, ApprovalStatus, ThresholdChange
from doorstep.audit.schemas import (
    ApprovalDecision,
    ApprovalOut,
    ThresholdChangeIn,
    ThresholdChangeOut,
)
from doorstep.auth.dependencies import FinanceAdminDep, OwnerDep, StaffDep
from doorstep.core.deps import ClockDep, SessionDep
from doorstep.core.errors import problem_responses
from doorstep.core.pagination import Page, PageRequest, page_request

router = APIRouter(tags=["approvals"], responses=problem_responses(400, 401, 403, 404, 422))


@router.get("/approvals")
async def list_approvals(
    principal: StaffDep,
    session: SessionDep,
    status: ApprovalStatus | None = None,
    page: PageRequest = Depends(page_request),
) -> Page[ApprovalOut]:
    """Approvals, newest first (`status=pending` for the inbox)."""
    approvals, cursor = await service.list_approvals(
        session, principal.agency_id, status=status, page=page
    )
    return Page(items=[ApprovalOut.model_validate(a) for a in approvals], next_cursor=cursor)


async def _decide(
    approval_id: uuid.UUID,
    body: ApprovalDecision | None,
    principal: FinanceAdminDep,
    session: SessionDep,
    clock: ClockDep,
    approve: bool,
) -> ApprovalOut:
    approval = await service.decide(
        session,
        principal.agency,
        principal.user,
        approval_id,
        approve=approve,
        note=body.note if body else None,
        now=clock.now(),
    )
    return ApprovalOut.model_validate(approval)


@router.post("/approvals/{approval_id}/approve", responses=problem_responses(409))
async def approve(
    approval_id: uuid.UUID,
    principal: FinanceAdminDep,
    session: SessionDep,
    clock: ClockDep,
    body: ApprovalDecision | None = None,
) -> ApprovalOut:
    """Carry out the decision (apply the credit note, make the refund). Not by its requester."""
    return await _decide(approval_id, body, principal, session, clock, approve=True)


@router.post("/approvals/{approval_id}/reject", responses=problem_responses(409))
async def reject(
    approval_id: uuid.UUID,
    principal: FinanceAdminDep,
    session: SessionDep,
    clock: ClockDep,
    body: ApprovalDecision | None = None,
) -> ApprovalOut:
    return await _decide(approval_id, body, principal, session, clock, approve=False)


def _change_out(
    change: ThresholdChange, approval: Approval | None, currency: str
) -> ThresholdChangeOut:
    return ThresholdChangeOut(
        id=change.id,
        old_threshold=change.old_threshold,
        new_threshold=change.new_threshold,
        currency=currency,
        status=change.status,
        requested_by_id=change.requested_by_id,
        requested_at=change.requested_at,
        decided_at=change.decided_at,
        approval_id=approval.id if approval else None,
        decided_by_id=approval.decided_by_id if approval else None,
    )


@router.post(
    "/approval-threshold-changes",
    status_code=201,
    responses=problem_responses(409),
)
async def change_approval_threshold(
    body: ThresholdChangeIn, principal: OwnerDep, session: SessionDep, clock: ClockDep
) -> ThresholdChangeOut:
    """Change the amount above which credit notes, write-offs and refunds need a second
    person. Applies at once where you are the agency's only owner; otherwise it waits in the
    approvals inbox for another owner. Every change is kept (see the list)."""
    change, approval = await thresholds.change_approval_threshold(
        session, principal.agency, principal.user, body.approval_threshold, clock.now()
    )
    return _change_out(change, approval, principal.agency.currency)


@router.get("/approval-threshold-changes")
async def list_approval_threshold_changes(
    principal: StaffDep, session: SessionDep, page: PageRequest = Depends(page_request)
) -> Page[ThresholdChangeOut]:
    """Every change of the approval threshold, newest first: who asked, when, from what to
    what, and who decided."""
    rows, cursor = await thresholds.list_threshold_changes(session, principal.agency_id, page)
    currency = principal.agency.currency
    return Page(items=[_change_out(c, a, currency) for c, a in rows], next_cursor=cursor)
