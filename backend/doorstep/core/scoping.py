"""Reading one record of an agency by id: the agency scoping every query needs, written once.

A record of another agency is indistinguishable from one that does not exist (404).
"""

from __future__ import annotations

import uuid
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.core.db import Base
from doorstep.core.errors import NotFound

Record = TypeVar("Record", bound=Base)


async def get_in_agency(
    session: AsyncSession,
    model: type[Record],
    record_id: uuid.UUID,
    agency_id: uuid.UUID,
    *,
    missing: str,
    for_update: bool = False,
) -> Record:
    """The ``model`` row with this id belonging to this agency, locked when ``for_update``."""
    columns = model.__table__.c
    statement = select(model).where(columns.id == record_id, columns.agency_id == agency_id)
    if for_update:
        statement = statement.with_for_update()
    record = await session.scalar(statement)
    if record is None:
        raise NotFound(missing)
    return record
