"""The collections center: what rent was expected, what was collected, what is outstanding and
how long it has been overdue (seed 000: "review expected, collected, and outstanding rent,
identify overdue balances").

Definitions, for invoices of the agency that are open (approved; not drafts, not void):
- **expected** for a period: what the invoices falling due in it ask for — the sum of their
  lines less the credit notes applied to them (write-offs included);
- **collected**: what has been allocated to those same invoices, whenever it arrived
  (refund reversals included, so money given back no longer counts);
- **outstanding** = expected - collected, which is what those invoices still ask for today.
- **overdue** at a date: invoices due before that date that still ask for money today, aged by
  the days between their due date and that date (1-30, 31-60, 61-90, over 90).

Every figure is an SQL aggregate over ``billing.ledger``'s expressions: a report takes one or
two queries however many leases the agency has, and nothing is stored.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.billing.ledger import credited_of, outstanding_of, paid_of, total_of
from doorstep.billing.models import Allocation, Invoice, InvoiceStatus
from doorstep.collections.charges_ahead import charges_ahead
from doorstep.core.errors import InvalidInput
from doorstep.leases.models import Lease, LeaseStatus, LeaseTenant
from doorstep.payments.ledger.models import Payment, PaymentStatus, Refund, RefundStatus
from doorstep.properties.models import Property, Unit
from doorstep.tenants.models import Tenant

# A report spans at most about two years: beyond that, compare periods instead.
MAX_PERIOD_DAYS = 800
# Weekly points up to about a quarter, monthly beyond.
WEEKLY_UP_TO_DAYS = 92


class Interval(StrEnum):
    WEEK = "week"
    MONTH = "month"


class LeaseSort(StrEnum):
    PROPERTY = "property"
    TENANT = "tenant"
    EXPECTED = "expected"
    COLLECTED = "collected"
    OUTSTANDING = "outstanding"


class OverdueSort(StrEnum):
    PROPERTY = "property"
    TENANT = "tenant"
    OVERDUE = "overdue"
    OLDEST = "oldest"


class SortOrder(StrEnum):
    ASC = "asc"
    DESC = "desc"


@dataclass(frozen=True)
class Scope:
    """Which part of the book a report covers."""

    agency_id: uuid.UUID
    property_id: uuid.UUID | None = None
    tenant_id: uuid.UUID | None = None
    lease_id: uuid.UUID | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = [
            Invoice.agency_id == self.agency_id,
            Invoice.status == InvoiceStatus.OPEN,
        ]
        if self.lease_id is not None:
            found.append(Invoice.lease_id == self.lease_id)
        if self.tenant_id is not None:
            found.append(
                exists().where(
                    LeaseTenant.lease_id == Invoice.lease_id,
                    LeaseTenant.tenant_id == self.tenant_id,
                )
            )
        if self.property_id is not None:
            found.append(
                exists().where(
                    Lease.id == Invoice.lease_id,
                    Unit.id == Lease.unit_id,
                    Unit.property_id == self.property_id,
                )
            )
        return found


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def resolve_period(date_from: date | None, date_to: date | None, today: date) -> Period:
    """The chosen period; by default the current calendar month in the agency's timezone."""
    start = date_from or (date_to or today).replace(day=1)
    end = date_to or _month_end(start)
    if end < start:
        raise InvalidInput("to", "The period ends before it starts.")
    if (end - start).days + 1 > MAX_PERIOD_DAYS:
        raise InvalidInput("to", f"A period spans at most {MAX_PERIOD_DAYS} days.")
    return Period(start, end)


def _month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


@dataclass(frozen=True)
class Figures:
    expected: int = 0
    collected: int = 0
    invoices: int = 0

    @property
    def outstanding(self) -> int:
        return self.expected - self.collected

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.expected + other.expected,
            self.collected + other.collected,
            self.invoices + other.invoices,
        )


@dataclass(frozen=True)
class TenantName:
    id: uuid.UUID
    name: str
    sort_key: str


@dataclass(frozen=True)
class LeasePlace:
    lease_id: uuid.UUID
    lease_status: LeaseStatus
    property_id: uuid.UUID
    property_name: str
    unit_id: uuid.UUID
    unit_name: str
    tenants: list[TenantName]

    def sort_key(self, by: str) -> tuple[Any, ...]:
        if by == "tenant":
            first = self.tenants[0].sort_key if self.tenants else ""
            return (first, self.property_name.lower(), self.unit_name.lower())
        return (self.property_name.lower(), self.unit_name.lower())


@dataclass(frozen=True)
class LeaseFigures:
    place: LeasePlace
    figures: Figures


@dataclass(frozen=True)
class PropertyFigures:
    property_id: uuid.UUID
    property_name: str
    leases: int
    figures: Figures


@dataclass(frozen=True)
class SeriesPoint:
    start: date
    end: date
    figures: Figures


@dataclass(frozen=True)
class Summary:
    period: Period
    totals: Figures
    properties: list[PropertyFigures]
    interval: Interval
    series: list[SeriesPoint]


def _invoice_figures(scope: Scope, period: Period) -> Any:
    """One row per invoice due in the period: what it asks for after credits, what it got."""
    return (
        select(
            Invoice.id.label("invoice_id"),
            Invoice.lease_id.label("lease_id"),
            Invoice.due_date.label("due_date"),
            (total_of(Invoice.id) - credited_of(Invoice.id)).label("expected"),
            paid_of(Invoice.id).label("collected"),
        )
        .where(*scope.conditions(), Invoice.due_date.between(period.start, period.end))
        .subquery("invoice_figures")
    )


def _tenant_columns() -> tuple[Any, Any, Any]:
    """The lease's tenants (ids, display names, sort keys), ordered by name, as arrays."""
    order = (Tenant.last_name, Tenant.first_name, Tenant.id)

    def aggregate(value: Any) -> Any:
        return (
            select(func.array_agg(aggregate_order_by(value, *order)))
            .select_from(LeaseTenant)
            .join(Tenant, Tenant.id == LeaseTenant.tenant_id)
            .where(LeaseTenant.lease_id == Lease.id)
            .scalar_subquery()
        )

    return (
        aggregate(Tenant.id).label("tenant_ids"),
        aggregate(Tenant.first_name + " " + Tenant.last_name).label("tenant_names"),
        aggregate(func.lower(Tenant.last_name + " " + Tenant.first_name)).label("tenant_keys"),
    )


def _with_place(statement: Select[Any], lease_id: Any) -> Select[Any]:
    return (
        statement.add_columns(
            Lease.status,
            Property.id.label("property_id"),
            Property.name.label("property_name"),
            Unit.id.label("unit_id"),
            Unit.name.label("unit_name"),
            *_tenant_columns(),
        )
        .join(Lease, Lease.id == lease_id)
        .join(Unit, Unit.id == Lease.unit_id)
        .join(Property, Property.id == Unit.property_id)
    )


def _place(row: Any, lease_id: uuid.UUID) -> LeasePlace:
    tenants = [
        TenantName(tenant_id, name, key)
        for tenant_id, name, key in zip(
            row.tenant_ids or [], row.tenant_names or [], row.tenant_keys or [], strict=True
        )
    ]
    return LeasePlace(
        lease_id=lease_id,
        lease_status=row.status,
        property_id=row.property_id,
        property_name=row.property_name,
        unit_id=row.unit_id,
        unit_name=row.unit_name,
        tenants=tenants,
    )


async def lease_figures(
    session: AsyncSession,
    scope: Scope,
    period: Period,
    *,
    sort: LeaseSort = LeaseSort.PROPERTY,
    order: SortOrder = SortOrder.ASC,
) -> list[LeaseFigures]:
    """Expected, collected and outstanding per lease for invoices due in the period — one
    query, with the lease's unit, property and tenants."""
    figures = _invoice_figures(scope, period)
    statement = _with_place(
        select(
            figures.c.lease_id,
            func.sum(figures.c.expected).label("expected"),
            func.sum(figures.c.collected).label("collected"),
            func.count().label("invoices"),
        ).select_from(figures),
        figures.c.lease_id,
    ).group_by(figures.c.lease_id, Lease.id, Unit.id, Property.id)
    rows = [
        LeaseFigures(
            place=_place(row, row.lease_id),
            figures=Figures(int(row.expected), int(row.collected), int(row.invoices)),
        )
        for row in await session.execute(statement)
    ]
    return _sorted(rows, sort.value, order)


def _sorted(rows: list[LeaseFigures], by: str, order: SortOrder) -> list[LeaseFigures]:
    def key(row: LeaseFigures) -> tuple[Any, ...]:
        if by in ("property", "tenant"):
            return row.place.sort_key(by)
        return (getattr(row.figures, by),)

    # Ties keep a stable, readable order: by place, then lease id.
    rows.sort(key=lambda row: (row.place.sort_key("property"), str(row.place.lease_id)))
    rows.sort(key=key, reverse=order is SortOrder.DESC)
    return rows


async def totals(session: AsyncSession, scope: Scope, period: Period) -> Figures:
    """Expected, collected and outstanding for invoices due in the period, the collections
    center's totals (same definitions), in one aggregate query: the agency dashboard's month."""
    figures = _invoice_figures(scope, period)
    row = (
        await session.execute(
            select(
                func.coalesce(func.sum(figures.c.expected), 0),
                func.coalesce(func.sum(figures.c.collected), 0),
                func.count(),
            ).select_from(figures)
        )
    ).one()
    return Figures(int(row[0]), int(row[1]), int(row[2]))


async def summary(
    session: AsyncSession, scope: Scope, period: Period, interval: Interval | None
) -> Summary:
    """Totals, figures per property and a time series (expected vs collected per week or
    month of due date) for the period: two queries."""
    leases = await lease_figures(session, scope, period)
    by_property: dict[uuid.UUID, PropertyFigures] = {}
    for row in leases:
        place = row.place
        current = by_property.get(place.property_id)
        by_property[place.property_id] = PropertyFigures(
            property_id=place.property_id,
            property_name=place.property_name,
            leases=(current.leases if current else 0) + 1,
            figures=(current.figures if current else Figures()) + row.figures,
        )
    totals = sum((row.figures for row in leases), Figures())
    chosen = interval or (Interval.WEEK if period.days <= WEEKLY_UP_TO_DAYS else Interval.MONTH)
    return Summary(
        period=period,
        totals=totals,
        properties=sorted(
            by_property.values(), key=lambda p: (p.property_name.lower(), str(p.property_id))
        ),
        interval=chosen,
        series=await _series(session, scope, period, chosen),
    )


async def _series(
    session: AsyncSession, scope: Scope, period: Period, interval: Interval
) -> list[SeriesPoint]:
    figures = _invoice_figures(scope, period)
    per_day = await session.execute(
        select(
            figures.c.due_date,
            func.sum(figures.c.expected),
            func.sum(figures.c.collected),
            func.count(),
        ).group_by(figures.c.due_date)
    )
    buckets = _buckets(period, interval)
    totals: dict[date, Figures] = defaultdict(Figures)
    for due_date, expected, collected, count in per_day:
        start = _bucket_start(due_date, interval, period)
        totals[start] = totals[start] + Figures(int(expected), int(collected), int(count))
    return [SeriesPoint(start, end, totals[start]) for start, end in buckets]


def _bucket_start(day: date, interval: Interval, period: Period) -> date:
    start = day - timedelta(days=day.weekday()) if interval is Interval.WEEK else day.replace(day=1)
    return max(start, period.start)


def _buckets(period: Period, interval: Interval) -> list[tuple[date, date]]:
    """Calendar weeks (Monday to Sunday) or months, clipped to the period."""
    buckets = []
    start = period.start
    while start <= period.end:
        if interval is Interval.WEEK:
            natural_end = start + timedelta(days=6 - start.weekday())
        else:
            natural_end = _month_end(start)
        end = min(natural_end, period.end)
        buckets.append((start, end))
        start = end + timedelta(days=1)
    return buckets


# --------------------------------------------------------------------------- ageing

AGEING_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("days_1_30", 1, 30),
    ("days_31_60", 31, 60),
    ("days_61_90", 61, 90),
    ("over_90", 91, None),
)


@dataclass(frozen=True)
class Ageing:
    days_1_30: int = 0
    days_31_60: int = 0
    days_61_90: int = 0
    over_90: int = 0
    invoices: int = 0

    @property
    def total(self) -> int:
        return self.days_1_30 + self.days_31_60 + self.days_61_90 + self.over_90

    def __add__(self, other: Ageing) -> Ageing:
        return Ageing(
            self.days_1_30 + other.days_1_30,
            self.days_31_60 + other.days_31_60,
            self.days_61_90 + other.days_61_90,
            self.over_90 + other.over_90,
            self.invoices + other.invoices,
        )


@dataclass(frozen=True)
class LeaseAgeing:
    place: LeasePlace
    ageing: Ageing
    oldest_due_date: date
    # Money received on the lease and not yet allocated to an invoice (it may settle the debt).
    credit: int
    # The first day the tenant's recurring payment takes one of these invoices (seed 003: it
    # may come after the due date), so staff do not chase what is about to be collected.
    recurring_charge_on: date | None = None


def unallocated_credit_of(lease_id: Any) -> ColumnElement[int]:
    """What tenants paid on the lease that settles no invoice yet (after refunds)."""
    succeeded = and_(Payment.lease_id == lease_id, Payment.status == PaymentStatus.SUCCEEDED)
    received = select(func.coalesce(func.sum(Payment.amount), 0)).where(succeeded).scalar_subquery()
    refunded = (
        select(func.coalesce(func.sum(Refund.amount), 0))
        .join(Payment, Payment.id == Refund.payment_id)
        .where(succeeded, Refund.status == RefundStatus.SUCCEEDED)
        .scalar_subquery()
    )
    allocated = (
        select(func.coalesce(func.sum(Allocation.amount), 0))
        .join(Payment, Payment.id == Allocation.payment_id)
        .where(succeeded)
        .scalar_subquery()
    )
    return received - refunded - allocated


async def overdue(
    session: AsyncSession,
    scope: Scope,
    at: date,
    *,
    sort: OverdueSort = OverdueSort.OVERDUE,
    order: SortOrder = SortOrder.DESC,
) -> list[LeaseAgeing]:
    """Per lease, what invoices due before ``at`` still ask for today, in ageing buckets by
    the days from their due date to ``at`` — one query."""
    invoices = (
        select(
            Invoice.lease_id.label("lease_id"),
            Invoice.due_date.label("due_date"),
            outstanding_of(Invoice.id).label("outstanding"),
        )
        .where(*scope.conditions(), Invoice.due_date < at)
        .subquery("overdue_invoices")
    )
    columns = []
    for name, low, high in AGEING_BUCKETS:
        # Days past due = at - due_date, so "low..high days" is a range of due dates.
        condition = invoices.c.due_date <= at - timedelta(days=low)
        if high is not None:
            condition = and_(condition, invoices.c.due_date >= at - timedelta(days=high))
        columns.append(
            func.coalesce(func.sum(case((condition, invoices.c.outstanding), else_=0)), 0).label(
                name
            )
        )
    statement = _with_place(
        select(
            invoices.c.lease_id,
            *columns,
            func.count().label("invoices"),
            func.min(invoices.c.due_date).label("oldest_due_date"),
            unallocated_credit_of(Lease.id).label("credit"),
            charges_ahead()
            .first_charge_day(scope.agency_id, invoices.c.lease_id, at, at)
            .label("recurring_charge_on"),
        )
        .select_from(invoices)
        .where(invoices.c.outstanding > 0),
        invoices.c.lease_id,
    ).group_by(invoices.c.lease_id, Lease.id, Unit.id, Property.id)
    rows = [
        LeaseAgeing(
            place=_place(row, row.lease_id),
            ageing=Ageing(
                int(row.days_1_30),
                int(row.days_31_60),
                int(row.days_61_90),
                int(row.over_90),
                int(row.invoices),
            ),
            oldest_due_date=row.oldest_due_date,
            credit=int(row.credit),
            recurring_charge_on=row.recurring_charge_on,
        )
        for row in await session.execute(statement)
    ]
    rows.sort(key=lambda row: (row.place.sort_key("property"), str(row.place.lease_id)))

    def key(row: LeaseAgeing) -> tuple[Any, ...]:
        if sort is OverdueSort.OVERDUE:
            return (row.ageing.total,)
        if sort is OverdueSort.OLDEST:
            return (row.oldest_due_date,)
        return row.place.sort_key(sort.value)

    rows.sort(key=key, reverse=order is SortOrder.DESC)
    return rows


def ageing_totals(rows: Sequence[LeaseAgeing]) -> Ageing:
    return sum((row.ageing for row in rows), Ageing())
