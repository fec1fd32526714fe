from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from doorstep.agencies.models import StaffRole
from doorstep.agencies.settings import AgencyFeatures, AgencySettings
from doorstep.core.money import AmountMinor
from doorstep.core.schemas import (
    CountryCode,
    CurrencyCode,
    Email,
    Flag,
    LocaleTag,
    RequestModel,
    ResponseModel,
    Text,
    TimezoneName,
)

NewPassword = Annotated[
    str,
    StringConstraints(min_length=10, max_length=200),
    Field(description="At least 10 characters."),
]


class AgencyOut(ResponseModel):
    id: uuid.UUID
    name: str
    country: str
    currency: str
    locale: str
    timezone: str
    settings: AgencySettings


class AgencyCreate(RequestModel):
    name: Text
    country: CountryCode
    currency: CurrencyCode
    locale: LocaleTag
    timezone: TimezoneName


class AgencyFeaturesUpdate(RequestModel):
    tenant_portal: Flag | None = None
    online_payments: Flag | None = None
    payment_links: Flag | None = None
    automated_messages: Flag | None = None


class AgencySettingsUpdate(RequestModel):
    invoice_lead_days: Annotated[int, Field(strict=True, ge=0, le=60)] | None = None
    auto_approve_invoices: Flag | None = None
    approval_threshold: AmountMinor | None = None
    features: AgencyFeaturesUpdate | None = None


class AgencyUpdate(RequestModel):
    """The currency cannot change: every amount on the agency's book is in it."""

    name: Text | None = None
    locale: LocaleTag | None = None
    timezone: TimezoneName | None = None
    settings: AgencySettingsUpdate | None = None


class StaffUserOut(ResponseModel):
    id: uuid.UUID
    email: str
    first_name: str
    last_name: str
    role: StaffRole
    is_active: bool
    last_login_at: datetime | None


class StaffUserCreate(RequestModel):
    email: Email
    first_name: Text
    last_name: Text
    role: StaffRole
    password: NewPassword


class StaffUserUpdate(RequestModel):
    first_name: Text | None = None
    last_name: Text | None = None
    role: StaffRole | None = None
    is_active: Flag | None = None


class MeOut(ResponseModel):
    user: StaffUserOut
    agency: AgencyOut
    features: AgencyFeatures


class TrustAccountOut(ResponseModel):
    id: uuid.UUID
    name: str
    receipt_oldest_invoice_first: bool = Field(
        description="Seed 003: payments recorded by staff settle the oldest open invoice "
        "first. Recurring card payments are not bound by it."
    )


class TrustAccountUpdate(RequestModel):
    name: Text | None = None
    receipt_oldest_invoice_first: Flag | None = None
