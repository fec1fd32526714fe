from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from doorstep.core.schemas import CountryCode, LongText, RequestModel, ResponseModel, Text

PostalCode = Annotated[
    str, StringConstraints(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9][A-Za-z0-9 \-]*$")
]
Bedrooms = Annotated[int, Field(strict=True, ge=0, le=50)]


class PropertyCreate(RequestModel):
    name: Text
    address_line1: Text
    address_line2: Text | None = None
    city: Text
    postal_code: PostalCode
    country: CountryCode


class PropertyUpdate(RequestModel):
    name: Text | None = None
    address_line1: Text | None = None
    address_line2: Text | None = None
    city: Text | None = None
    postal_code: PostalCode | None = None
    country: CountryCode | None = None


class PropertyOut(ResponseModel):
    id: uuid.UUID
    name: str
    address_line1: str
    address_line2: str | None
    city: str
    postal_code: str
    country: str
    unit_count: int
    created_at: datetime


class UnitCreate(RequestModel):
    property_id: uuid.UUID
    name: Text
    bedrooms: Bedrooms | None = None
    notes: LongText | None = None


class UnitUpdate(RequestModel):
    """A unit stays in its property; create a new unit to move the letting."""

    name: Text | None = None
    bedrooms: Bedrooms | None = None
    notes: LongText | None = None


class UnitOut(ResponseModel):
    id: uuid.UUID
    property_id: uuid.UUID
    property_name: str
    name: str
    bedrooms: int | None
    notes: str | None
    created_at: datetime
