"""Properties and units of an agency's book."""

from __future__ import annotations

import uuid

from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.core.errors import Conflict, FieldProblem, InvalidInput, NotFound
from doorstep.core.pagination import PageRequest, like_pattern, paginate
from doorstep.core.scoping import get_in_agency
from doorstep.core.updates import apply_changes, sent_changes
from doorstep.properties.models import Property, Unit
from doorstep.properties.schemas import PropertyCreate, PropertyUpdate, UnitCreate, UnitUpdate


class UnitNameTaken(Conflict):
    slug = "unit-name-taken"
    title = "The property already has a unit with this name"


async def create_property(
    session: AsyncSession, agency_id: uuid.UUID, data: PropertyCreate
) -> Property:
    prop = Property(agency_id=agency_id, **data.model_dump())
    session.add(prop)
    await session.flush()
    return prop


async def get_property(
    session: AsyncSession, agency_id: uuid.UUID, property_id: uuid.UUID
) -> Property:
    return await get_in_agency(
        session, Property, property_id, agency_id, missing="No such property."
    )


async def update_property(
    session: AsyncSession, agency_id: uuid.UUID, property_id: uuid.UUID, data: PropertyUpdate
) -> Property:
    prop = await get_property(session, agency_id, property_id)
    apply_changes(prop, sent_changes(data, clearable={"address_line2"}))
    await session.flush()
    return prop


async def list_properties(
    session: AsyncSession, agency_id: uuid.UUID, search: str | None, page: PageRequest
) -> tuple[list[Property], str | None]:
    statement = select(Property).where(Property.agency_id == agency_id)
    if search:
        pattern = like_pattern(search)
        statement = statement.where(
            or_(
                Property.name.ilike(pattern),
                Property.address_line1.ilike(pattern),
                Property.city.ilike(pattern),
                Property.postal_code.ilike(pattern),
            )
        )
    return await paginate(session, statement, (Property.name, Property.id), page)


async def unit_counts(session: AsyncSession, property_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    if not property_ids:
        return {}
    rows = await session.execute(
        select(Unit.property_id, func.count())
        .where(Unit.property_id.in_(property_ids))
        .group_by(Unit.property_id)
    )
    return {property_id: count for property_id, count in rows}


async def create_unit(session: AsyncSession, agency_id: uuid.UUID, data: UnitCreate) -> Unit:
    prop = await session.scalar(
        select(Property).where(Property.id == data.property_id, Property.agency_id == agency_id)
    )
    if prop is None:
        raise InvalidInput("property_id", "No such property in this agency.")
    await _ensure_unit_name_free(session, prop.id, data.name, None)
    unit = Unit(agency_id=agency_id, **data.model_dump())
    session.add(unit)
    await session.flush()
    return unit


async def _ensure_unit_name_free(
    session: AsyncSession, property_id: uuid.UUID, name: str, unit_id: uuid.UUID | None
) -> None:
    statement = select(Unit.id).where(Unit.property_id == property_id, Unit.name == name)
    if unit_id is not None:
        statement = statement.where(Unit.id != unit_id)
    if await session.scalar(statement) is not None:
        message = f"This property already has a unit called '{name}'."
        raise UnitNameTaken(message, errors=[FieldProblem(field="name", message=message)])


def _units_with_property(agency_id: uuid.UUID) -> Select[Unit, str]:
    return (
        select(Unit, Property.name)
        .join(Property, Property.id == Unit.property_id)
        .where(Unit.agency_id == agency_id)
    )


async def get_unit(
    session: AsyncSession, agency_id: uuid.UUID, unit_id: uuid.UUID
) -> tuple[Unit, str]:
    row = (await session.execute(_units_with_property(agency_id).where(Unit.id == unit_id))).first()
    if row is None:
        raise NotFound("No such unit.")
    unit, property_name = row
    return unit, property_name


async def update_unit(
    session: AsyncSession, agency_id: uuid.UUID, unit_id: uuid.UUID, data: UnitUpdate
) -> tuple[Unit, str]:
    unit, property_name = await get_unit(session, agency_id, unit_id)
    changes = sent_changes(data, clearable={"bedrooms", "notes"})
    if "name" in changes:
        await _ensure_unit_name_free(session, unit.property_id, changes["name"], unit.id)
    apply_changes(unit, changes)
    await session.flush()
    return unit, property_name


async def list_units(
    session: AsyncSession,
    agency_id: uuid.UUID,
    *,
    property_id: uuid.UUID | None,
    search: str | None,
    page: PageRequest,
) -> tuple[list[tuple[Unit, str]], str | None]:
    statement = select(Unit).where(Unit.agency_id == agency_id)
    if property_id is not None:
        statement = statement.where(Unit.property_id == property_id)
    if search:
        statement = statement.where(Unit.name.ilike(like_pattern(search)))
    units, cursor = await paginate(session, statement, (Unit.name, Unit.id), page)
    names = await _property_names(session, {unit.property_id for unit in units})
    return [(unit, names[unit.property_id]) for unit in units], cursor


async def _property_names(
    session: AsyncSession, property_ids: set[uuid.UUID]
) -> dict[uuid.UUID, str]:
    if not property_ids:
        return {}
    rows = await session.execute(
        select(Property.id, Property.name).where(Property.id.in_(property_ids))
    )
    return {property_id: name for property_id, name in rows}
