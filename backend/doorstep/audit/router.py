"""The approvals inbox: financial decisions waiting for a second person."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends

from doorstep.audit import service
from doorstep.audit.models import ApprovalStatus
from doorstep.audit.schemas import ApprovalDecision, ApprovalOut
from doorstep.auth.dependencies import FinanceAdminDep, StaffDep
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
