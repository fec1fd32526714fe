"""Tenant records, for staff."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from doorstep.auth.dependencies import BookWriterDep, StaffDep
from doorstep.core.deps import SessionDep
from doorstep.core.errors import problem_responses
from doorstep.core.pagination import Page, PageRequest, page_request
from doorstep.core.schemas import SearchText
from doorstep.tenants import service
from doorstep.tenants.schemas import TenantCreate, TenantOut, TenantUpdate

router = APIRouter(tags=["tenants"], responses=problem_responses(400, 401, 403, 404, 422))


@router.get("/tenants")
async def list_tenants(
    principal: StaffDep,
    session: SessionDep,
    q: Annotated[
        SearchText | None,
        Query(
            description="Matches a name, an e-mail address or a phone number, in part; a "
            "number may be typed as people write it (`0470 12 34 56`, `+32 470 12 34 56`)."
        ),
    ] = None,
    has_portal_account: bool | None = None,
    page: PageRequest = Depends(page_request),
) -> Page[TenantOut]:
    tenants, cursor = await service.list_tenants(
        session,
        principal.agency_id,
        search=q,
        phone_region=principal.agency.country,
        has_portal_account=has_portal_account,
        page=page,
    )
    return Page(
        items=[service.tenant_out(t, phone_region=principal.agency.country) for t in tenants],
        next_cursor=cursor,
    )


@router.post("/tenants", status_code=201, responses=problem_responses(409))
async def create_tenant(
    body: TenantCreate, principal: BookWriterDep, session: SessionDep
) -> TenantOut:
    tenant = await service.create_tenant(
        session, principal.agency_id, body, phone_region=principal.agency.country
    )
    return service.tenant_out(tenant, phone_region=principal.agency.country)


@router.get("/tenants/{tenant_id}")
async def get_tenant(tenant_id: uuid.UUID, principal: StaffDep, session: SessionDep) -> TenantOut:
    tenant = await service.get_tenant(session, principal.agency_id, tenant_id)
    return service.tenant_out(tenant, phone_region=principal.agency.country)


@router.patch("/tenants/{tenant_id}", responses=problem_responses(409))
async def update_tenant(
    tenant_id: uuid.UUID, body: TenantUpdate, principal: BookWriterDep, session: SessionDep
) -> TenantOut:
    tenant = await service.update_tenant(
        session, principal.agency_id, tenant_id, body, phone_region=principal.agency.country
    )
    return service.tenant_out(tenant, phone_region=principal.agency.country)
