from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from doorstep.core.languages import Language
from doorstep.core.schemas import Email, Phone, RequestModel, ResponseModel, Text


class TenantCreate(RequestModel):
    first_name: Text
    last_name: Text
    email: Email
    phone: Phone | None = None
    language: Language | None = Field(
        default=None,
        description="The language of the tenant's e-mails and documents; null: the agency's.",
    )


class TenantUpdate(RequestModel):
    first_name: Text | None = None
    last_name: Text | None = None
    email: Email | None = None
    phone: Phone | None = None
    language: Language | None = Field(
        default=None,
        description="The language of the tenant's e-mails and documents; null: the agency's again.",
    )


class TenantOut(ResponseModel):
    id: uuid.UUID
    first_name: str
    last_name: str
    email: str
    phone: str | None = Field(description="E.164, e.g. `+32470123456`.")
    phone_display: str | None = Field(
        description=(
            "As the agency's country writes it: national for a number of that country "
            "(`0470 12 34 56`), international otherwise (`+33 6 12 34 56 78`)."
        )
    )
    language: Language | None = Field(
        description="The language of the tenant's e-mails and documents; null: the agency's."
    )
    has_portal_account: bool
    created_at: datetime


class LeaseParty(ResponseModel):
    """A tenant as their co-tenants see them: a name, no contact details."""

    id: uuid.UUID
    first_name: str
    last_name: str


class TenantSummary(LeaseParty):
    email: str
