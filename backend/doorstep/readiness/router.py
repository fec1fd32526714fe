"""The readiness review over HTTP (staff): the checklist before sending an invite or a payment
link, and the overrides recorded when staff sent one anyway."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Request

from doorstep.auth.dependencies import StaffDep
from doorstep.core.deps import ClockDep, SessionDep
from doorstep.core.errors import problem_responses
from doorstep.core.pagination import Page, PageRequest, page_request
from doorstep.core.settings import Settings
from doorstep.readiness import service
from doorstep.readiness.schemas import (
    ChecklistItemOut,
    ChecklistOut,
    FixLink,
    LeaseChoiceOut,
    OverrideOut,
    ReadinessPurpose,
)

router = APIRouter(tags=["readiness"], responses=problem_responses(400, 401, 403, 404, 422))


def gateway_configured(request: Request) -> bool:
    settings: Settings = request.app.state.settings
    return service.gateway_configured(settings)


def item_out(item: service.Item) -> ChecklistItemOut:
    return ChecklistItemOut(
        key=item.key,
        status=item.status,
        code=item.code,
        message=item.message,
        params=item.params,
        fix=FixLink(kind=item.fix_kind, id=item.fix_id) if item.fix_kind else None,
    )


@router.get("/tenants/{tenant_id}/readiness")
async def get_checklist(
    tenant_id: uuid.UUID,
    request: Request,
    principal: StaffDep,
    session: SessionDep,
    clock: ClockDep,
    purpose: ReadinessPurpose = ReadinessPurpose.INVITE,
    lease_id: uuid.UUID | None = None,
) -> ChecklistOut:
    """Seed 000's review before an invite (`purpose=invite`) or a payment link
    (`purpose=payment_link`) is sent: each item ok, a warning, or blocking, with a sentence
    and where to fix it. Without `lease_id`, the tenant's only active lease is reviewed; with
    several, `lease` is blocking until one is chosen from `leases`."""
    checklist = await service.tenant_checklist(
        session,
        principal.agency,
        purpose=purpose,
        tenant_id=tenant_id,
        lease_id=lease_id,
        gateway_configured=gateway_configured(request),
        now=clock.now(),
    )
    assert checklist.tenant_id is not None
    return ChecklistOut(
        purpose=checklist.purpose,
        tenant_id=checklist.tenant_id,
        lease_id=checklist.lease_id,
        leases=[
            LeaseChoiceOut(
                id=choice.lease.id,
                status=choice.lease.status.value,
                unit_name=choice.unit.name,
                property_name=choice.property.name,
                start_date=choice.lease.start_date,
                end_date=choice.lease.end_date,
            )
            for choice in checklist.leases
        ],
        items=[item_out(item) for item in checklist.items],
        blocking=checklist.blocking,
    )


@router.get("/readiness-overrides")
async def list_overrides(
    principal: StaffDep,
    session: SessionDep,
    tenant_id: uuid.UUID | None = None,
    lease_id: uuid.UUID | None = None,
    page: PageRequest = Depends(page_request),
) -> Page[OverrideOut]:
    """Invites and payment links sent despite blocking items: who, when, why, and what was
    blocking, newest first."""
    views, cursor = await service.list_overrides(
        session, principal.agency.id, tenant_id=tenant_id, lease_id=lease_id, page=page
    )
    return Page(
        items=[
            OverrideOut(
                id=view.override.id,
                action=view.override.action,
                subject_id=view.override.subject_id,
                tenant_id=view.override.tenant_id,
                lease_id=view.override.lease_id,
                reason=view.override.reason,
                blocking=[item_out(service.stored_item(raw)) for raw in view.override.blocking],
                overridden_by_id=view.override.overridden_by_id,
                overridden_by_name=view.staff_name,
                overridden_at=view.override.overridden_at,
            )
            for view in views
        ],
        next_cursor=cursor,
    )
