from __future__ import annotations

import uuid

from pydantic import Field

from doorstep.core.schemas import Phone, RequestModel, ResponseModel


class PortalAgency(ResponseModel):
    id: uuid.UUID
    name: str
    locale: str
    currency: str
    timezone: str = Field(description="Due dates are dates in this timezone.")


class PortalProfile(ResponseModel):
    id: uuid.UUID
    first_name: str
    last_name: str
    email: str
    phone: str | None
    agency: PortalAgency


class PortalProfileUpdate(RequestModel):
    """A tenant keeps their phone number current; name and e-mail changes go via the agency."""

    phone: Phone | None
