from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from doorstep.agencies.models import StaffRole
from doorstep.agencies.settings import AgencyFeatures, AgencySettings
from doorstep.core.schemas import (
    CountryCode,
    CurrencyCode,
    Email,
    Flag,
    LocaleTag,
    Phone,
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
    # Not approval_threshold: a change of it may need a second owner and is recorded
    # (POST /approval-threshold-changes).
    reminder_days_before_due: Annotated[int, Field(strict=True, ge=1, le=30)] | None = None
    features: AgencyFeaturesUpdate | None = None
    contact_email: Email | None = Field(
        default=None, description="Where tenants write for help; null removes it."
    )
    contact_phone: Phone | None = Field(
        default=None, description="Where tenants call for help; null removes it."
    )


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
    name: str = Field(description="The account holder's name tenants pay to.")
    receipt_oldest_invoice_first: bool = Field(
        description="Seed 003: payments recorded by staff settle the oldest open invoice "
        "first. Recurring card payments are not bound by it."
    )
    iban: str | None = Field(default=None, description="For bank-transfer instructions.")
    bic: str | None = None
    account_number: str | None = Field(
        default=None, description="A domestic account number, where IBAN is not used."
    )


def _check_iban(value: str) -> str:
    iban = "".join(value.split()).upper()
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", iban):
        raise ValueError("An IBAN is a country code, 2 check digits and up to 30 characters.")
    digits = "".join(str(int(char, 36)) for char in iban[4:] + iban[:4])
    if int(digits) % 97 != 1:
        raise ValueError("This IBAN's check digits do not match: check for a typing mistake.")
    return iban


Iban = Annotated[
    str,
    StringConstraints(max_length=50),
    AfterValidator(_check_iban),
    Field(examples=["BE68539007547034"]),
]
Bic = Annotated[
    str,
    StringConstraints(
        to_upper=True, pattern=r"^[A-Za-z]{4}[A-Za-z]{2}[A-Za-z0-9]{2}([A-Za-z0-9]{3})?$"
    ),
]
AccountNumber = Annotated[
    str, StringConstraints(min_length=4, max_length=60, pattern=r"^[A-Za-z0-9 ./-]+$")
]


class TrustAccountUpdate(RequestModel):
    name: Text | None = None
    receipt_oldest_invoice_first: Flag | None = None
    iban: Iban | None = None
    bic: Bic | None = None
    account_number: AccountNumber | None = None
