from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import Field

from doorstep.core.money import Money, MoneyIn
from doorstep.core.schemas import CalendarDate, Flag, RequestModel, ResponseModel
from doorstep.leases.models import LeaseStatus, RentFrequency
from doorstep.tenants.schemas import LeaseParty, TenantSummary

DueDay = Annotated[
    int,
    Field(
        strict=True,
        ge=1,
        le=31,
        description="Monthly leases: day of the month (29-31 fall on the month's last day in "
        "shorter months). Weekly and fortnightly leases: ISO weekday, 1 = Monday ... 7 = Sunday.",
    ),
]


class LeaseCreate(RequestModel):
    unit_id: uuid.UUID
    tenant_ids: list[uuid.UUID] = Field(min_length=1, max_length=10)
    start_date: CalendarDate
    end_date: CalendarDate | None = None
    rent: MoneyIn
    frequency: RentFrequency
    due_day: DueDay
    holding_over: Flag = False


class LeaseUpdate(RequestModel):
    """Draft leases can change every term; active leases only their end and holding over."""

    start_date: CalendarDate | None = None
    end_date: CalendarDate | None = None
    rent: MoneyIn | None = None
    frequency: RentFrequency | None = None
    due_day: DueDay | None = None
    holding_over: Flag | None = None


class LeaseTenantAdd(RequestModel):
    tenant_id: uuid.UUID


class LeaseUnit(ResponseModel):
    id: uuid.UUID
    name: str
    property_id: uuid.UUID
    property_name: str
    address: str


class LeaseBase(ResponseModel):
    id: uuid.UUID
    unit: LeaseUnit
    start_date: date
    end_date: date | None
    rent: Money
    frequency: RentFrequency
    due_day: int
    holding_over: bool
    status: LeaseStatus
    next_due_date: date | None = Field(
        description="Next date rent falls due, in the agency's timezone; null once it has ended."
    )
    created_at: datetime


class LeaseOut(LeaseBase):
    tenants: list[TenantSummary]


class PortalLeaseOut(LeaseBase):
    """A lease as its tenants see it: co-tenants by name only."""

    tenants: list[LeaseParty]
    next_due_amount: Money | None = Field(
        default=None,
        description="What the next rent to pay (next_due_date) asks for: its invoice's "
        "outstanding amount once issued, else the rent. A rent paid early moves next_due_date "
        "to the following one.",
    )
    next_due_invoice_id: uuid.UUID | None = Field(
        default=None, description="The issued invoice of that rent, if any."
    )


class RentReviewIn(RequestModel):
    effective_from: CalendarDate = Field(description="The first day the new rent applies.")
    rent: MoneyIn


class RentReviewOut(ResponseModel):
    id: uuid.UUID
    effective_from: date
    rent: Money
    reviewed_by_id: uuid.UUID
    reviewed_at: datetime


def property_address(line1: str, line2: str | None, postal_code: str, city: str) -> str:
    """A property's address on one line, as every lease view shows it."""
    return ", ".join(part for part in (line1, line2, f"{postal_code} {city}") if part)
