"""The readiness review's requests and responses."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from doorstep.core.schemas import RequestModel, ResponseModel
from doorstep.readiness.models import ReadinessAction


class ReadinessPurpose(StrEnum):
    INVITE = "invite"
    PAYMENT_LINK = "payment_link"


class ItemKey(StrEnum):
    """Seed 000's list, in its order: contact details, lease, unit, payment schedule, open
    invoices, payment method, integration status."""

    EMAIL = "email"
    PHONE = "phone"
    LEASE = "lease"
    UNIT = "unit"
    SCHEDULE = "schedule"
    INVOICES = "invoices"
    PAYMENT_METHOD = "payment_method"
    INTEGRATION = "integration"


class ItemStatus(StrEnum):
    OK = "ok"
    WARNING = "warning"
    BLOCKING = "blocking"


def _not_blank(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("Say why it is sent anyway.")
    return value


OverrideReason = Annotated[
    str,
    StringConstraints(min_length=1, max_length=1000, pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"),
    AfterValidator(_not_blank),
]


class ReadinessOverrideIn(RequestModel):
    """Send although the review found blocking items. The reason is recorded with who sent it
    and when."""

    reason: OverrideReason


class FixLink(ResponseModel):
    kind: str = Field(description="What the link opens: tenant, lease, invoice or settings.")
    id: uuid.UUID | None = Field(description="The record to open; none for the settings.")


class ChecklistItemOut(ResponseModel):
    key: ItemKey
    status: ItemStatus
    code: str = Field(
        description="What was found, e.g. `email.undeliverable`: the apps say it in the "
        "reader's language with `params`."
    )
    message: str = Field(description="A plain sentence: what was found, or what is wrong.")
    params: dict[str, str | int | None] = Field(
        description="The values the sentence names (amounts in minor units with `currency`)."
    )
    fix: FixLink | None = Field(description="Where to put it right, when there is a place.")


class LeaseChoiceOut(ResponseModel):
    """A lease the tenant is on, for the picker."""

    id: uuid.UUID
    status: str
    unit_name: str
    property_name: str
    start_date: date
    end_date: date | None


class ChecklistOut(ResponseModel):
    purpose: ReadinessPurpose
    tenant_id: uuid.UUID
    lease_id: uuid.UUID | None = Field(
        description="The lease reviewed: the one asked for, or the tenant's only active lease."
    )
    leases: list[LeaseChoiceOut] = Field(
        description="The tenant's draft and active leases: pick one when there are several."
    )
    items: list[ChecklistItemOut]
    blocking: bool = Field(description="Sending needs an override with a reason.")


class OverrideOut(ResponseModel):
    id: uuid.UUID
    action: ReadinessAction
    subject_id: uuid.UUID = Field(description="The invite or payment link sent.")
    tenant_id: uuid.UUID | None
    lease_id: uuid.UUID | None
    reason: str
    blocking: list[ChecklistItemOut]
    overridden_by_id: uuid.UUID
    overridden_by_name: str
    overridden_at: datetime
