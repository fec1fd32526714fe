"""Properties and units."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from doorstep.auth.dependencies import BookWriterDep, StaffDep
from doorstep.core.deps import SessionDep
from doorstep.core.errors import problem_responses
from doorstep.core.pagination import Page, PageRequest, page_request
from doorstep.core.schemas import SearchText
from doorstep.properties import service
from doorstep.properties.models import Property, Unit
from doorstep.properties.schemas import (
    PropertyCreate,
    PropertyOut,
    PropertyUpdate,
    UnitCreate,
    UnitOut,
    UnitUpdate,
)

router = APIRouter(tags=["properties"], responses=problem_responses(400, 401, 403, 404, 422))

SearchQuery = Annotated[
    SearchText | None, Query(description="Matches name, street, city or postal code.")
]


def _property_out(prop: Property, unit_count: int) -> PropertyOut:
    return PropertyOut(
        id=prop.id,
        name=prop.name,
        address_line1=prop.address_line1,
        address_line2=prop.address_line2,
        city=prop.city,
        postal_code=prop.postal_code,
        country=prop.country,
        unit_count=unit_count,
        created_at=prop.created_at,
    )


def _unit_out(unit: Unit, property_name: str) -> UnitOut:
    return UnitOut(
        id=unit.id,
        property_id=unit.property_id,
        property_name=property_name,
        name=unit.name,
        bedrooms=unit.bedrooms,
        notes=unit.notes,
        created_at=unit.created_at,
    )


@router.get("/properties")
async def list_properties(
    principal: StaffDep,
    session: SessionDep,
    q: SearchQuery = None,
    page: PageRequest = Depends(page_request),
) -> Page[PropertyOut]:
    props, cursor = await service.list_properties(session, principal.agency_id, q, page)
    counts = await service.unit_counts(session, [p.id for p in props])
    return Page(items=[_property_out(p, counts.get(p.id, 0)) for p in props], next_cursor=cursor)


@router.post("/properties", status_code=201)
async def create_property(
    body: PropertyCreate, principal: BookWriterDep, session: SessionDep
) -> PropertyOut:
    prop = await service.create_property(session, principal.agency_id, body)
    return _property_out(prop, 0)


@router.get("/properties/{property_id}")
async def get_property(
    property_id: uuid.UUID, principal: StaffDep, session: SessionDep
) -> PropertyOut:
    prop = await service.get_property(session, principal.agency_id, property_id)
    counts = await service.unit_counts(session, [prop.id])
    return _property_out(prop, counts.get(prop.id, 0))


@router.patch("/properties/{property_id}")
async def update_property(
    property_id: uuid.UUID, body: PropertyUpdate, principal: BookWriterDep, session: SessionDep
) -> PropertyOut:
    prop = await service.update_property(session, principal.agency_id, property_id, body)
    counts = await service.unit_counts(session, [prop.id])
    return _property_out(prop, counts.get(prop.id, 0))


@router.get("/units")
async def list_units(
    principal: StaffDep,
    session: SessionDep,
    property_id: uuid.UUID | None = None,
    q: Annotated[SearchText | None, Query(description="Matches the unit's name.")] = None,
    page: PageRequest = Depends(page_request),
) -> Page[UnitOut]:
    rows, cursor = await service.list_units(
        session, principal.agency_id, property_id=property_id, search=q, page=page
    )
    return Page(items=[_unit_out(unit, name) for unit, name in rows], next_cursor=cursor)


@router.post("/units", status_code=201, responses=problem_responses(409))
async def create_unit(body: UnitCreate, principal: BookWriterDep, session: SessionDep) -> UnitOut:
    unit = await service.create_unit(session, principal.agency_id, body)
    prop = await service.get_property(session, principal.agency_id, unit.property_id)
    return _unit_out(unit, prop.name)


@router.get("/units/{unit_id}")
async def get_unit(unit_id: uuid.UUID, principal: StaffDep, session: SessionDep) -> UnitOut:
    unit, property_name = await service.get_unit(session, principal.agency_id, unit_id)
    return _unit_out(unit, property_name)


@router.patch("/units/{unit_id}", responses=problem_responses(409))
async def update_unit(
    unit_id: uuid.UUID, body: UnitUpdate, principal: BookWriterDep, session: SessionDep
) -> UnitOut:
    unit, property_name = await service.update_unit(session, principal.agency_id, unit_id, body)
    return _unit_out(unit, property_name)
