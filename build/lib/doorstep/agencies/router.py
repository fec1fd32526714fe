"""The signed-in staff member, their agency, colleagues and trust account."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends

from doorstep.agencies import service
from doorstep.agencies.schemas import (
    AgencyOut,
    AgencyUpdate,
    MeOut,
    StaffUserCreate,
    StaffUserOut,
    StaffUserUpdate,
    TrustAccountOut,
    TrustAccountUpdate,
)
from doorstep.auth.dependencies import FinanceAdminDep, OwnerDep, StaffDep
from doorstep.core.deps import ClockDep, SessionDep
from doorstep.core.errors import problem_responses
from doorstep.core.pagination import Page, PageRequest, page_request

router = APIRouter(tags=["agency"], responses=problem_responses(400, 401, 403, 404, 422))


@router.get("/me")
async def get_me(principal: StaffDep) -> MeOut:
    """The signed-in staff member, their agency and which features it has switched on."""
    agency = AgencyOut.model_validate(principal.agency)
    return MeOut(
        user=StaffUserOut.model_validate(principal.user),
        agency=agency,
        features=agency.settings.features,
    )


@router.get("/agency")
async def get_agency(principal: StaffDep) -> AgencyOut:
    return AgencyOut.model_validate(principal.agency)


@router.patch("/agency", responses=problem_responses(409))
async def update_agency(body: AgencyUpdate, principal: OwnerDep, session: SessionDep) -> AgencyOut:
    """Owners change the agency's name, locale, timezone and settings."""
    agency = await service.update_agency(session, principal.agency, body)
    return AgencyOut.model_validate(agency)


@router.get("/staff")
async def list_staff(
    principal: StaffDep, session: SessionDep, page: PageRequest = Depends(page_request)
) -> Page[StaffUserOut]:
    users, cursor = await service.list_staff_users(session, principal.agency_id, page)
    return Page(items=[StaffUserOut.model_validate(u) for u in users], next_cursor=cursor)


@router.post("/staff", status_code=201, responses=problem_responses(409))
async def create_staff(
    body: StaffUserCreate, principal: OwnerDep, session: SessionDep
) -> StaffUserOut:
    """Owners add colleagues and choose their role."""
    user = await service.create_staff_user(session, principal.agency_id, body)
    return StaffUserOut.model_validate(user)


@router.get("/staff/{staff_id}")
async def get_staff(staff_id: uuid.UUID, principal: StaffDep, session: SessionDep) -> StaffUserOut:
    user = await service.get_staff_user(session, principal.agency_id, staff_id)
    return StaffUserOut.model_validate(user)


@router.patch("/staff/{staff_id}", responses=problem_responses(409))
async def update_staff(
    staff_id: uuid.UUID,
    body: StaffUserUpdate,
    principal: OwnerDep,
    session: SessionDep,
    clock: ClockDep,
) -> StaffUserOut:
    user = await service.update_staff_user(
        session, principal.agency_id, staff_id, body, clock.now()
    )
    return StaffUserOut.model_validate(user)


@router.get("/trust-account")
async def get_trust_account(principal: StaffDep, session: SessionDep) -> TrustAccountOut:
    account = await service.get_trust_account(session, principal.agency_id)
    return TrustAccountOut.model_validate(account)


@router.patch("/trust-account")
async def update_trust_account(
    body: TrustAccountUpdate, principal: FinanceAdminDep, session: SessionDep
) -> TrustAccountOut:
    """Owners and accountants set how staff-recorded payments are receipted (seed 003)."""
    account = await service.update_trust_account(session, principal.agency_id, body)
    return TrustAccountOut.model_validate(account)
