"""Leases: creation, edits, tenants party to them, activation, cancellation and expiry."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, exists, func, or_, select, text, true, update
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffUser
from doorstep.agencies.service import validate_agency_currency
from doorstep.core.clock import local_date
from doorstep.core.db import fetch_rows, table_of
from doorstep.core.errors import Conflict, InvalidInput, NotFound
from doorstep.core.pagination import PageRequest, paginate
from doorstep.core.person_search import person_matches, person_search
from doorstep.core.scoping import get_in_agency
from doorstep.leases.models import (
    RENT_NOT_WORKED_OUT,
    Lease,
    LeaseStatus,
    LeaseTenant,
    RentFrequency,
    RentReview,
)
from doorstep.leases.schedule import RentInEffect, RentTerms, next_due_date, rent_in_effect
from doorstep.leases.schemas import LeaseCreate, LeaseUpdate
from doorstep.properties.models import Property, Unit
from doorstep.tenants.models import Tenant

# Terms that decide what is invoiced; they are fixed once a lease is active.
_FINANCIAL_TERMS = frozenset({"start_date", "rent", "frequency", "due_day"})


class LeaseNotEditable(Conflict):
    slug = "lease-not-editable"
    title = "This lease can no longer be changed this way"


class UnitAlreadyLet(Conflict):
    slug = "unit-already-let"
    title = "The unit is let under another lease for these dates"


class LastTenant(Conflict):
    slug = "last-tenant"
    title = "A lease keeps at least one tenant"


@dataclass(frozen=True, slots=True)
class RentReviewEntry:
    """A rent review as the rent history shows it: with the name of who recorded it."""

    id: uuid.UUID
    effective_from: date
    rent_amount: int
    reviewed_by_id: uuid.UUID
    reviewed_by_name: str
    reviewed_at: datetime


@dataclass(frozen=True)
class LeaseView:
    """A lease with what its screens show: unit, property, the tenants party to it and its
    rent history with the rent in effect on the agency's today."""

    lease: Lease
    unit: Unit
    property: Property
    tenants: list[Tenant]
    next_due_date: date | None
    rent_history: list[RentReviewEntry]
    rent: RentInEffect


def rent_terms(lease: Lease) -> RentTerms:
    return RentTerms(
        start_date=lease.start_date,
        end_date=lease.end_date,
        holding_over=lease.holding_over,
        rent_amount=lease.rent_amount,
        frequency=lease.frequency,
        due_day=lease.due_day,
    )


def _check_terms(
    start_date: date, end_date: date | None, frequency: RentFrequency, due_day: int
) -> None:
    if end_date is not None and end_date < start_date:
        raise InvalidInput("end_date", "The lease cannot end before it starts.")
    if frequency is not RentFrequency.MONTHLY and due_day > 7:
        raise InvalidInput(
            "due_day", "For weekly and fortnightly rent, due_day is a weekday from 1 to 7."
        )


async def _agency_tenants(
    session: AsyncSession, agency_id: uuid.UUID, tenant_ids: Sequence[uuid.UUID], field: str
) -> list[Tenant]:
    if len(set(tenant_ids)) != len(tenant_ids):
        raise InvalidInput(field, "A tenant is listed twice.")
    tenants = list(
        (
            await session.scalars(
                select(Tenant).where(
                    Tenant.id.in_(tenant_ids),
                    Tenant.agency_id == agency_id,
                    Tenant.deleted_at.is_(None),
                )
            )
        ).all()
    )
    if len(tenants) != len(tenant_ids):
        raise InvalidInput(field, "No such tenant in this agency.")
    return tenants


async def create_lease(session: AsyncSession, agency: Agency, data: LeaseCreate) -> Lease:
    """A new lease starts as a draft; nothing is invoiced until it is activated."""
    _check_terms(data.start_date, data.end_date, data.frequency, data.due_day)
    validate_agency_currency(agency, data.rent.currency, "rent.currency")
    unit = await session.scalar(
        select(Unit).where(Unit.id == data.unit_id, Unit.agency_id == agency.id)
    )
    if unit is None:
        raise InvalidInput("unit_id", "No such unit in this agency.")
    tenants = await _agency_tenants(session, agency.id, data.tenant_ids, "tenant_ids")
    lease = Lease(
        agency_id=agency.id,
        unit_id=unit.id,
        start_date=data.start_date,
        end_date=data.end_date,
        rent_amount=data.rent.amount,
        rent_currency=data.rent.currency,
        frequency=data.frequency,
        due_day=data.due_day,
        holding_over=data.holding_over,
        status=LeaseStatus.DRAFT,
    )
    session.add(lease)
    await session.flush()
    session.add_all(LeaseTenant(lease_id=lease.id, tenant_id=t.id) for t in tenants)
    await session.flush()
    return lease


async def get_lease(
    session: AsyncSession, agency_id: uuid.UUID, lease_id: uuid.UUID, *, for_update: bool = False
) -> Lease:
    return await get_in_agency(
        session, Lease, lease_id, agency_id, missing="No such lease.", for_update=for_update
    )


def _ensure_open(lease: Lease) -> None:
    if lease.status in (LeaseStatus.ENDED, LeaseStatus.CANCELLED):
        raise LeaseNotEditable(f"This lease is {lease.status.value}; it is kept as a record.")


async def update_lease(
    session: AsyncSession, agency: Agency, lease_id: uuid.UUID, data: LeaseUpdate
) -> Lease:
    """Drafts change freely. An active lease keeps its start, rent and schedule (a rent review
    changes rent); staff may still set or move its end date and the holding-over flag."""
    lease = await get_lease(session, agency.id, lease_id, for_update=True)
    _ensure_open(lease)
    changes = data.model_dump(exclude_unset=True)
    for field, value in changes.items():
        if value is None and field not in {"end_date"}:
            raise InvalidInput(field, "This field cannot be empty.")
    if lease.status is LeaseStatus.ACTIVE:
        locked = sorted(_FINANCIAL_TERMS & changes.keys())
        if locked:
            raise LeaseNotEditable(
                f"An active lease's {', '.join(locked)} cannot change; only its end date and "
                "holding over can."
            )
    start = data.start_date or lease.start_date
    end = data.end_date if "end_date" in changes else lease.end_date
    frequency = data.frequency or lease.frequency
    due_day = data.due_day or lease.due_day
    _check_terms(start, end, frequency, due_day)
    if data.rent is not None:
        validate_agency_currency(agency, data.rent.currency, "rent.currency")
        lease.rent_amount = data.rent.amount
        lease.rent_currency = data.rent.currency
    lease.start_date, lease.end_date = start, end
    lease.frequency, lease.due_day = frequency, due_day
    if data.holding_over is not None:
        lease.holding_over = data.holding_over
    if lease.status is LeaseStatus.ACTIVE:
        await _ensure_unit_free(session, lease)
    await session.flush()
    # A moved end date or holding over adds or removes periods: billing works the next one
    # out again on its next run.
    await _reset_next_rent_due(session, lease)
    return lease


async def _reset_next_rent_due(session: AsyncSession, lease: Lease) -> None:
    """Forget billing's bookmark (``Lease.next_rent_due_on``) of a lease whose schedule may
    have changed. An UPDATE rather than an attribute set: billing records bookmarks in SQL, so
    the session's copy of the lease may hold an older value and see no change to write."""
    await session.execute(
        update(Lease)
        .where(Lease.id == lease.id)
        .values(next_rent_due_on=RENT_NOT_WORKED_OUT)
        .execution_options(synchronize_session=False)
    )
    lease.next_rent_due_on = RENT_NOT_WORKED_OUT
    await session.flush()


async def _ensure_unit_free(session: AsyncSession, lease: Lease) -> None:
    """A unit is let under one active lease at a time. The unit row is locked so two
    concurrent activations cannot both see it free."""
    await session.execute(select(Unit.id).where(Unit.id == lease.unit_id).with_for_update())
    other = Lease.__table__.alias("other")
    overlapping = await session.scalar(
        select(other.c.id).where(
            other.c.unit_id == lease.unit_id,
            other.c.id != lease.id,
            other.c.status == LeaseStatus.ACTIVE.value,
            or_(
                other.c.holding_over.is_(True),
                other.c.end_date.is_(None),
                other.c.end_date >= lease.start_date,
            ),
            *(
                []
                if lease.end_date is None or lease.holding_over
                else [other.c.start_date <= lease.end_date]
            ),
        )
    )
    if overlapping is not None:
        raise UnitAlreadyLet("Another active lease lets this unit over these dates.")


async def activate_lease(
    session: AsyncSession, agency: Agency, lease_id: uuid.UUID, now: datetime
) -> Lease:
    """A draft becomes the live tenancy: the unit must be free for its dates. Rent falling due
    from today on will be invoiced."""
    lease = await get_lease(session, agency.id, lease_id, for_update=True)
    if lease.status is not LeaseStatus.DRAFT:
        raise LeaseNotEditable(f"Only draft leases can be activated; this one is {lease.status}.")
    await _ensure_unit_free(session, lease)
    lease.status = LeaseStatus.ACTIVE
    lease.billing_starts_on = local_date(now, agency.timezone)
    await session.flush()
    await _reset_next_rent_due(session, lease)  # worked out by billing's next run
    return lease


async def cancel_lease(
    session: AsyncSession, agency: Agency, lease_id: uuid.UUID, *, ends_on: date | None = None
) -> Lease:
    """Cancelling drops a draft, or ends a live tenancy term (seed 003: recurring payments
    stop). ``ends_on`` is the tenancy's last day: it becomes the lease's end date, holding over
    no more. Without it the term stays as it stands, so nothing already invoiced changes; it
    cannot be after the current end (moving the end later is an edit, not a cancellation).
    The day before the start cancels a tenancy that never begins: a term of no days."""
    lease = await get_lease(session, agency.id, lease_id, for_update=True)
    _ensure_open(lease)
    if ends_on is not None:
        if lease.status is not LeaseStatus.ACTIVE:
            raise InvalidInput("ends_on", "A draft lease has no tenancy to end: omit the date.")
        day_before_start = lease.start_date - timedelta(days=1)
        if ends_on < day_before_start:
            raise InvalidInput(
                "ends_on",
                "A tenancy cancelled before it starts ends on the day before its start "
                f"({day_before_start.isoformat()}), not earlier.",
            )
        if not lease.holding_over and lease.end_date is not None and ends_on > lease.end_date:
            raise InvalidInput(
                "ends_on",
                f"The tenancy already ends on {lease.end_date.isoformat()}; a cancellation "
                "cannot end it later.",
            )
        lease.end_date = ends_on
        lease.holding_over = False
    lease.status = LeaseStatus.CANCELLED
    await session.flush()
    return lease


async def record_next_rent_due(
    session: AsyncSession, found: Sequence[tuple[uuid.UUID, date, date | None, bool]]
) -> None:
    """Billing's bookmarks: per lease, the due date of its next period not yet invoiced
    (``NO_MORE_RENT`` when none is left), worked out from the end date and holding-over flag
    given with it. A lease whose end date or flag has changed since (or that is no longer
    active) keeps its reset bookmark: PostgreSQL re-checks the condition against a row
    updated concurrently, so a bookmark from old terms never overwrites the reset."""
    if not found:
        return
    ids, next_due, end_dates, holding = (list(column) for column in zip(*found, strict=True))
    await session.execute(
        text(
            "UPDATE leases SET next_rent_due_on = found.next_due"
            " FROM unnest(CAST(:ids AS uuid[]), CAST(:next_due AS date[]),"
            "             CAST(:end_dates AS date[]), CAST(:holding AS boolean[]))"
            "      AS found(lease_id, next_due, end_date, holding_over)"
            " WHERE leases.id = found.lease_id AND leases.status = 'active'"
            "   AND leases.end_date IS NOT DISTINCT FROM found.end_date"
            "   AND leases.holding_over = found.holding_over"
            "   AND leases.next_rent_due_on IS DISTINCT FROM found.next_due"
        ),
        {"ids": ids, "next_due": next_due, "end_dates": end_dates, "holding": holding},
    )


class RentReviewExists(Conflict):
    slug = "rent-review-exists"
    title = "The rent is already reviewed from that date"


async def record_rent_review(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    lease_id: uuid.UUID,
    *,
    effective_from: date,
    amount: int,
    currency: str,
    now: datetime,
) -> RentReview:
    """A new rent from a date, kept with every earlier review (the rent history). Generation
    invoices periods from that date at the new rent; bringing invoices already issued to it is
    billing's (``billing.service.review_rent`` does both)."""
    lease = await get_lease(session, agency.id, lease_id, for_update=True)
    if lease.status is not LeaseStatus.ACTIVE:
        raise LeaseNotEditable(
            f"Only an active lease's rent is reviewed; this one is {lease.status}."
        )
    validate_agency_currency(agency, currency, "rent.currency")
    if effective_from < lease.start_date:
        raise InvalidInput("effective_from", "A rent review cannot take effect before the lease.")
    taken = await session.scalar(
        select(RentReview.id).where(
            RentReview.lease_id == lease.id, RentReview.effective_from == effective_from
        )
    )
    if taken is not None:
        raise RentReviewExists("This lease's rent is already reviewed from that date.")
    review = RentReview(
        agency_id=agency.id,
        lease_id=lease.id,
        effective_from=effective_from,
        rent_amount=amount,
        reviewed_by_id=staff.id,
        reviewed_at=now,
    )
    session.add(review)
    await session.flush()
    return review


async def rent_reviews(
    session: AsyncSession, agency_id: uuid.UUID, lease_id: uuid.UUID
) -> list[RentReviewEntry]:
    """A lease's rent reviews, oldest first."""
    await get_lease(session, agency_id, lease_id)
    return (await rent_histories(session, agency_id, [lease_id]))[lease_id]


async def rent_histories(
    session: AsyncSession, agency_id: uuid.UUID, lease_ids: Sequence[uuid.UUID]
) -> defaultdict[uuid.UUID, list[RentReviewEntry]]:
    """Per lease, its rent reviews oldest first with who recorded them, in one query for
    any number of leases (a lease without reviews maps to an empty history)."""
    histories: defaultdict[uuid.UUID, list[RentReviewEntry]] = defaultdict(list)
    if not lease_ids:
        return histories
    rows = await session.execute(
        select(
            RentReview.lease_id,
            RentReview.id,
            RentReview.effective_from,
            RentReview.rent_amount,
            RentReview.reviewed_by_id,
            StaffUser.first_name,
            StaffUser.last_name,
            RentReview.reviewed_at,
        )
        .join(StaffUser, StaffUser.id == RentReview.reviewed_by_id)
        .where(RentReview.agency_id == agency_id, RentReview.lease_id.in_(list(lease_ids)))
        .order_by(RentReview.lease_id, RentReview.effective_from)
    )
    for row in rows:
        histories[row.lease_id].append(
            RentReviewEntry(
                id=row.id,
                effective_from=row.effective_from,
                rent_amount=row.rent_amount,
                reviewed_by_id=row.reviewed_by_id,
                reviewed_by_name=f"{row.first_name} {row.last_name}",
                reviewed_at=row.reviewed_at,
            )
        )
    return histories


def _review_pairs(history: Sequence[RentReviewEntry]) -> list[tuple[date, int]]:
    return [(entry.effective_from, entry.rent_amount) for entry in history]


async def rents_in_effect(
    session: AsyncSession, agency_id: uuid.UUID, leases: Sequence[Lease], day: date
) -> dict[uuid.UUID, RentInEffect]:
    """Per lease, the rent in effect on ``day`` (the latest review effective by then, else
    the lease's own rent) and the next recorded change: one query for a page of leases."""
    histories = await rent_histories(session, agency_id, [lease.id for lease in leases])
    return {
        lease.id: rent_in_effect(lease.rent_amount, _review_pairs(histories[lease.id]), day)
        for lease in leases
    }


async def add_tenant(
    session: AsyncSession, agency: Agency, lease_id: uuid.UUID, tenant_id: uuid.UUID
) -> Lease:
    lease = await get_lease(session, agency.id, lease_id, for_update=True)
    _ensure_open(lease)
    await _agency_tenants(session, agency.id, [tenant_id], "tenant_id")
    already = await session.scalar(
        select(LeaseTenant.tenant_id).where(
            LeaseTenant.lease_id == lease.id, LeaseTenant.tenant_id == tenant_id
        )
    )
    if already is None:
        session.add(LeaseTenant(lease_id=lease.id, tenant_id=tenant_id))
        await session.flush()
    return lease


async def remove_tenant(
    session: AsyncSession, agency: Agency, lease_id: uuid.UUID, tenant_id: uuid.UUID
) -> Lease:
    lease = await get_lease(session, agency.id, lease_id, for_update=True)
    _ensure_open(lease)
    party_ids = list(
        (
            await session.scalars(
                select(LeaseTenant.tenant_id).where(LeaseTenant.lease_id == lease.id)
            )
        ).all()
    )
    if tenant_id not in party_ids:
        raise NotFound("This tenant is not on the lease.")
    if len(party_ids) == 1:
        raise LastTenant("Add the new tenant before removing the last one.")
    link = await session.get(LeaseTenant, (lease.id, tenant_id))
    if link is not None:
        await session.delete(link)
    await session.flush()
    return lease


async def end_expired_leases(
    session: AsyncSession, now: datetime, *, only_agency: uuid.UUID | None = None
) -> int:
    """Tick concern: an active lease whose end date has passed ends, unless it is holding over
    (seed 003: a tenancy holding over carries on). Dates are read in each agency's timezone.
    The tick runs it agency by agency (``only_agency``)."""
    statement = select(Agency.id, Agency.timezone)
    if only_agency is not None:
        statement = statement.where(Agency.id == only_agency)
    agencies = (await session.execute(statement)).all()
    ended = 0
    for agency_id, timezone in agencies:
        today = local_date(now, timezone)
        result = await session.execute(
            update(Lease)
            .where(
                Lease.agency_id == agency_id,
                Lease.status == LeaseStatus.ACTIVE,
                Lease.holding_over.is_(False),
                Lease.end_date < today,
            )
            .values(status=LeaseStatus.ENDED)
            .returning(Lease.id)
        )
        ended += len(result.all())
    return ended


def _lease_filters(
    statement: Select[Lease],
    *,
    status: LeaseStatus | None,
    property_id: uuid.UUID | None,
    unit_id: uuid.UUID | None,
    tenant_id: uuid.UUID | None,
    search: str | None,
    phone_region: str | None,
) -> Select[Lease]:
    if status is not None:
        statement = statement.where(Lease.status == status)
    if unit_id is not None:
        statement = statement.where(Lease.unit_id == unit_id)
    if property_id is not None:
        statement = statement.where(
            exists().where(Unit.id == Lease.unit_id, Unit.property_id == property_id)
        )
    if tenant_id is not None:
        statement = statement.where(
            exists().where(LeaseTenant.lease_id == Lease.id, LeaseTenant.tenant_id == tenant_id)
        )
    if search and search.strip():
        tenant_search = person_search(search.strip(), phone_region)
        statement = statement.where(
            or_(
                exists().where(
                    LeaseTenant.lease_id == Lease.id,
                    Tenant.id == LeaseTenant.tenant_id,
                    person_matches(
                        Tenant.first_name,
                        Tenant.last_name,
                        Tenant.email,
                        Tenant.phone,
                        tenant_search,
                    ),
                ),
                exists().where(
                    Unit.id == Lease.unit_id,
                    Property.id == Unit.property_id,
                    or_(
                        Unit.name.ilike(tenant_search.pattern),
                        Property.name.ilike(tenant_search.pattern),
                    ),
                ),
            )
        )
    return statement


async def list_leases(
    session: AsyncSession,
    agency: Agency,
    *,
    now: datetime,
    status: LeaseStatus | None,
    property_id: uuid.UUID | None,
    unit_id: uuid.UUID | None,
    tenant_id: uuid.UUID | None,
    search: str | None,
    page: PageRequest,
) -> tuple[list[LeaseView], str | None]:
    statement = _lease_filters(
        select(Lease).where(Lease.agency_id == agency.id),
        status=status,
        property_id=property_id,
        unit_id=unit_id,
        tenant_id=tenant_id,
        search=search,
        phone_region=agency.country,
    )
    leases, cursor = await paginate(session, statement, (Lease.id,), page, descending=True)
    return await lease_views(session, leases, agency.timezone, now), cursor


async def get_lease_view(
    session: AsyncSession, agency: Agency, lease_id: uuid.UUID, now: datetime
) -> LeaseView:
    lease = await get_lease(session, agency.id, lease_id)
    return (await lease_views(session, [lease], agency.timezone, now))[0]


async def tenant_leases(
    session: AsyncSession,
    tenant: Tenant,
    timezone: str,
    now: datetime,
    lease_id: uuid.UUID | None = None,
) -> list[LeaseView]:
    """The leases a tenant is party to and may see: live and past ones, not drafts."""
    statement = (
        select(Lease)
        .join(LeaseTenant, and_(LeaseTenant.lease_id == Lease.id))
        .where(
            LeaseTenant.tenant_id == tenant.id,
            Lease.agency_id == tenant.agency_id,
            Lease.status.in_([LeaseStatus.ACTIVE, LeaseStatus.ENDED]),
        )
        .order_by(Lease.start_date.desc(), Lease.id)
    )
    if lease_id is not None:
        statement = statement.where(Lease.id == lease_id)
    leases = list((await session.scalars(statement)).all())
    return await lease_views(session, leases, timezone, now)


_leases = table_of(Lease)
_lease_tenants = table_of(LeaseTenant)
_parties = table_of(LeaseTenant).alias("parties")
_tenants = table_of(Tenant)
_units = table_of(Unit)
_properties = table_of(Property)
_rent_reviews = table_of(RentReview)


@dataclass(frozen=True, slots=True)
class TenantLeaseView:
    """A lease as its tenants see it, read as plain values: terms, unit and property, the
    parties (id, first name, last name, ordered by name) and the next rent due date."""

    id: uuid.UUID
    start_date: date
    end_date: date | None
    rent_amount: int
    rent_currency: str
    frequency: RentFrequency
    due_day: int
    holding_over: bool
    status: LeaseStatus
    created_at: datetime
    unit_id: uuid.UUID
    unit_name: str
    property_id: uuid.UUID
    property_name: str
    address_line1: str
    address_line2: str | None
    postal_code: str
    city: str
    parties: list[tuple[uuid.UUID, str, str]]
    next_due_date: date | None
    rent_reviews: list[tuple[date, int]]  # (effective from, rent), oldest first
    rent: RentInEffect  # on the agency's today


@cache
def _tenant_leases_statement(*, one_lease: bool) -> Select[Any]:
    """A tenant's visible leases with unit, property and parties, in one statement, built
    once."""
    by_name = (_tenants.c.last_name, _tenants.c.first_name)
    parties = (
        select(
            func.array_agg(aggregate_order_by(_tenants.c.id, *by_name)).label("party_ids"),
            func.array_agg(aggregate_order_by(_tenants.c.first_name, *by_name)).label(
                "party_first_names"
            ),
            func.array_agg(aggregate_order_by(_tenants.c.last_name, *by_name)).label(
                "party_last_names"
            ),
        )
        .select_from(_parties.join(_tenants, _tenants.c.id == _parties.c.tenant_id))
        .where(_parties.c.lease_id == _leases.c.id)
        .lateral("party_names")
    )
    # The rent history rides along in the same statement: the page reads one.
    reviews = (
        select(
            func.array_agg(
                aggregate_order_by(_rent_reviews.c.effective_from, _rent_reviews.c.effective_from)
            ).label("review_dates"),
            func.array_agg(
                aggregate_order_by(_rent_reviews.c.rent_amount, _rent_reviews.c.effective_from)
            ).label("review_amounts"),
        )
        .where(
            _rent_reviews.c.lease_id == _leases.c.id,
            _rent_reviews.c.agency_id == _leases.c.agency_id,
        )
        .lateral("rent_history")
    )
    statement = (
        select(
            _leases.c.id,
            _leases.c.start_date,
            _leases.c.end_date,
            _leases.c.rent_amount,
            _leases.c.rent_currency,
            _leases.c.frequency,
            _leases.c.due_day,
            _leases.c.holding_over,
            _leases.c.status,
            _leases.c.created_at,
            _units.c.id.label("unit_id"),
            _units.c.name.label("unit_name"),
            _properties.c.id.label("property_id"),
            _properties.c.name.label("property_name"),
            _properties.c.address_line1,
            _properties.c.address_line2,
            _properties.c.postal_code,
            _properties.c.city,
            parties.c.party_ids,
            parties.c.party_first_names,
            parties.c.party_last_names,
            reviews.c.review_dates,
            reviews.c.review_amounts,
        )
        .select_from(
            _leases.join(_lease_tenants, _lease_tenants.c.lease_id == _leases.c.id)
            .join(_units, _units.c.id == _leases.c.unit_id)
            .join(_properties, _properties.c.id == _units.c.property_id)
            .join(parties, true())
            .join(reviews, true())
        )
        .where(
            _lease_tenants.c.tenant_id == bindparam("tenant_id"),
            _leases.c.agency_id == bindparam("agency_id"),
            or_(
                _leases.c.status == LeaseStatus.ACTIVE.value,
                _leases.c.status == LeaseStatus.ENDED.value,
            ),
        )
        .order_by(_leases.c.start_date.desc(), _leases.c.id)
    )
    if one_lease:
        statement = statement.where(_leases.c.id == bindparam("lease_id"))
    return statement


async def tenant_lease_views(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    agency_id: uuid.UUID,
    timezone: str,
    now: datetime,
    lease_id: uuid.UUID | None = None,
) -> list[TenantLeaseView]:
    """The leases a tenant is party to and may see (live and past ones, not drafts), newest
    first, in one query."""
    params: dict[str, Any] = {"tenant_id": tenant_id, "agency_id": agency_id}
    if lease_id is not None:
        params["lease_id"] = lease_id
    rows = await fetch_rows(
        session, _tenant_leases_statement(one_lease=lease_id is not None), params
    )
    today = local_date(now, timezone)
    views = []
    for row in rows:
        status, frequency = LeaseStatus(row["status"]), RentFrequency(row["frequency"])
        terms = RentTerms(
            start_date=row["start_date"],
            end_date=row["end_date"],
            holding_over=row["holding_over"],
            rent_amount=row["rent_amount"],
            frequency=frequency,
            due_day=row["due_day"],
        )
        rent_reviews = list(
            zip(row["review_dates"] or (), row["review_amounts"] or (), strict=True)
        )
        views.append(
            TenantLeaseView(
                id=row["id"],
                start_date=row["start_date"],
                end_date=row["end_date"],
                rent_amount=row["rent_amount"],
                rent_currency=row["rent_currency"],
                frequency=frequency,
                due_day=row["due_day"],
                holding_over=row["holding_over"],
                status=status,
                created_at=row["created_at"],
                unit_id=row["unit_id"],
                unit_name=row["unit_name"],
                property_id=row["property_id"],
                property_name=row["property_name"],
                address_line1=row["address_line1"],
                address_line2=row["address_line2"],
                postal_code=row["postal_code"],
                city=row["city"],
                parties=list(
                    zip(
                        row["party_ids"] or (),
                        row["party_first_names"] or (),
                        row["party_last_names"] or (),
                        strict=True,
                    )
                ),
                next_due_date=next_due_date(terms, today) if status is LeaseStatus.ACTIVE else None,
                rent_reviews=rent_reviews,
                rent=rent_in_effect(row["rent_amount"], rent_reviews, today),
            )
        )
    return views


async def lease_views(
    session: AsyncSession, leases: Sequence[Lease], timezone: str, now: datetime
) -> list[LeaseView]:
    """Leases with their unit, property, tenants and rent history, loaded in four queries for
    any count."""
    if not leases:
        return []
    units = {
        unit.id: (unit, prop)
        for unit, prop in (
            await session.execute(
                select(Unit, Property)
                .join(Property, Property.id == Unit.property_id)
                .where(Unit.id.in_({lease.unit_id for lease in leases}))
            )
        )
    }
    parties: defaultdict[uuid.UUID, list[Tenant]] = defaultdict(list)
    for lease_id, tenant in await session.execute(
        select(LeaseTenant.lease_id, Tenant)
        .join(Tenant, Tenant.id == LeaseTenant.tenant_id)
        .where(LeaseTenant.lease_id.in_([lease.id for lease in leases]))
        .order_by(Tenant.last_name, Tenant.first_name)
    ):
        parties[lease_id].append(tenant)
    histories = await rent_histories(session, leases[0].agency_id, [lease.id for lease in leases])
    today = local_date(now, timezone)
    views = []
    for lease in leases:
        unit, prop = units[lease.unit_id]
        due = (
            next_due_date(rent_terms(lease), today)
            if lease.status in (LeaseStatus.DRAFT, LeaseStatus.ACTIVE)
            else None
        )
        history = histories[lease.id]
        views.append(
            LeaseView(
                lease=lease,
                unit=unit,
                property=prop,
                tenants=parties[lease.id],
                next_due_date=due,
                rent_history=history,
                rent=rent_in_effect(lease.rent_amount, _review_pairs(history), today),
            )
        )
    return views
