from __future__ import annotations

import uuid
from datetime import datetime

from doorstep.core.schemas import Email, Phone, RequestModel, ResponseModel, Text


class TenantCreate(RequestModel):
    first_name: Text
    last_name: Text
    email: Email
    phone: Phone | None = None


class TenantUpdate(RequestModel):
    first_name: Text | None = None
    last_name: Text | None = None
    email: Email | None = None
    phone: Phone | None = None


class TenantOut(ResponseModel):
    id: uuid.UUID
    first_name: str
    last_name: str
    email: str
    phone: str | None
    has_portal_account: bool
    created_at: datetime


class LeaseParty(ResponseModel):
    """A tenant as their co-tenants see them: a name, no contact details."""

    id: uuid.UUID
    first_name: str
    last_name: str


class TenantSummary(LeaseParty):
    email: str
