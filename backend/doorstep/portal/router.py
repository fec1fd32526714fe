"""Tenant routes: everything is read through the signed-in tenant, never by id alone."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from doorstep.auth.dependencies import TenantDep, TenantPrincipal
from doorstep.core.deps import ClockDep, SessionDep
from doorstep.core.errors import NotFound, problem_responses
from doorstep.core.pagination import Page
from doorstep.leases.router import lease_fields
from doorstep.leases.schemas import PortalLeaseOut
from doorstep.leases.service import LeaseView, tenant_leases
from doorstep.portal.schemas import PortalAgency, PortalProfile, PortalProfileUpdate
from doorstep.tenants.schemas import LeaseParty
from doorstep.tenants.service import update_own_phone

router = APIRouter(
    prefix="/portal", tags=["portal"], responses=problem_responses(400, 401, 404, 422)
)


def portal_lease_out(view: LeaseView) -> PortalLeaseOut:
    parties = [LeaseParty.model_validate(t) for t in view.tenants]
    return PortalLeaseOut.model_validate(lease_fields(view) | {"tenants": parties})


def _profile(principal: TenantPrincipal) -> PortalProfile:
    tenant = principal.tenant
    return PortalProfile(
        id=tenant.id,
        first_name=tenant.first_name,
        last_name=tenant.last_name,
        email=tenant.email,
        phone=tenant.phone,
        agency=PortalAgency.model_validate(principal.agency),
    )


@router.get("/me")
async def get_my_profile(principal: TenantDep) -> PortalProfile:
    return _profile(principal)


@router.patch("/me")
async def update_my_profile(
    body: PortalProfileUpdate, principal: TenantDep, session: SessionDep
) -> PortalProfile:
    await update_own_phone(session, principal.tenant, body.phone)
    return _profile(principal)


@router.get("/leases")
async def list_my_leases(
    principal: TenantDep, session: SessionDep, clock: ClockDep
) -> Page[PortalLeaseOut]:
    """The tenant's current and past leases, with the next rent due date of each (one page:
    a tenant has a handful)."""
    views = await tenant_leases(session, principal.tenant, principal.agency.timezone, clock.now())
    return Page(items=[portal_lease_out(v) for v in views], next_cursor=None)


@router.get("/leases/{lease_id}")
async def get_my_lease(
    lease_id: uuid.UUID, principal: TenantDep, session: SessionDep, clock: ClockDep
) -> PortalLeaseOut:
    views = await tenant_leases(
        session, principal.tenant, principal.agency.timezone, clock.now(), lease_id
    )
    if not views:
        raise NotFound("No such lease.")
    return portal_lease_out(views[0])
