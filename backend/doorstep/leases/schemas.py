from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import Field

from doorstep.core.money import Money, MoneyIn
from doorstep.core.schemas import CalendarDate, Flag, RequestModel, ResponseModel
from doorstep.leases.models import LeaseStatus, RentFrequency
from doorstep.leases.schedule import RentInEffect
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


class LeaseCancel(RequestModel):
    """How a live tenancy is cancelled."""

    ends_on: CalendarDate | None = Field(
        default=None,
        description="The tenancy's last day (an active lease only; on or after its start, not "
        "after its end date). Rent invoices, issued or in draft, for periods after it are "
        "credited or voided and the period it falls in is prorated to it. The day before the "
        "start cancels a tenancy that never begins: every rent invoice is credited or voided. "
        "Omitted: the term stays as it stands and nothing already invoiced changes.",
    )


class LeaseTenantAdd(RequestModel):
    tenant_id: uuid.UUID


class LeaseUnit(ResponseModel):
    id: uuid.UUID
    name: str
    property_id: uuid.UUID
    property_name: str
    address: str


class RentChange(ResponseModel):
    effective_from: date = Field(description="The first day the new rent applies.")
    rent: Money


class LeaseBase(ResponseModel):
    id: uuid.UUID
    unit: LeaseUnit
    start_date: date
    end_date: date | None
    rent: Money = Field(
        description="The rent agreed when the lease was made. Rent reviews do not change it: "
        "current_rent is the rent in effect."
    )
    frequency: RentFrequency
    due_day: int
    holding_over: bool
    status: LeaseStatus
    next_due_date: date | None = Field(
        description="Next date rent falls due, in the agency's timezone; null once it has ended."
    )
    created_at: datetime
    current_rent: Money = Field(
        description="The rent in effect today (the agency's date): the latest rent review "
        "effective by then, else rent."
    )
    next_rent_review: RentChange | None = Field(
        description="The earliest rent review taking effect after today, if one is recorded."
    )


class RentReviewOut(ResponseModel):
    id: uuid.UUID
    effective_from: date
    rent: Money
    reviewed_by_id: uuid.UUID
    reviewed_by_name: str = Field(description="The staff member who recorded the review.")
    reviewed_at: datetime


class LeaseOut(LeaseBase):
    tenants: list[TenantSummary]
    rent_history: list[RentReviewOut] = Field(
        description="Every rent review of the lease, oldest first (past and scheduled)."
    )


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


def property_address(line1: str, line2: str | None, postal_code: str, city: str) -> str:
    """A property's address on one line, as every lease view shows it."""
    return ", ".join(part for part in (line1, line2, f"{postal_code} {city}") if part)


def rent_change(rent: RentInEffect, currency: str) -> RentChange | None:
    """The next recorded change of rent, as every view of a lease shows it."""
    if rent.next_change is None:
        return None
    effective_from, amount = rent.next_change
    return RentChange(effective_from=effective_from, rent=Money(amount=amount, currency=currency))
