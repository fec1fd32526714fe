"""The rent tick reads only the leases whose bookmark (``Lease.next_rent_due_on``, the due
date of the next period not yet invoiced) falls by the horizon. Whatever happens to leases —
created, activated, end date moved, holding over, rent reviewed, invoices voided, cancelled,
ended by expiry, ticks on any day — that bookmark is either reset (not worked out: the next
tick) or the date a full scan of the book finds, and every tick invoices exactly what a full
scan says is due. The migration's backfill is held to the same full scan."""

from __future__ import annotations

import importlib.util
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.agencies.settings import read_settings
from doorstep.billing import service as billing
from doorstep.billing.models import Invoice, InvoiceLine, InvoiceStatus
from doorstep.core.clock import local_date
from doorstep.core.errors import AppError
from doorstep.core.money import MoneyIn
from doorstep.leases import service as leases
from doorstep.leases.models import (
    NO_MORE_RENT,
    RENT_NOT_WORKED_OUT,
    Lease,
    LeaseStatus,
    RentFrequency,
    RentReview,
)
from doorstep.leases.schedule import RentTerms, periods, rent_on, repriced
from doorstep.leases.schemas import LeaseCreate, LeaseUpdate
from tests.factories import Factory

START = datetime(2026, 11, 23, 9, tzinfo=UTC)
MIGRATION = next(
    (Path(__file__).parents[2] / "migrations" / "versions").glob("*_b7d41c9e2f60_*.py")
)


def _backfill_sql() -> str:
    spec = importlib.util.spec_from_file_location("next_rent_due_migration", MIGRATION)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sql: str = module.BACKFILL_SQL
    return sql.format(only_leases="AND l.agency_id = :agency_id")


@dataclass(frozen=True)
class FullScan:
    """What the tick must do at an instant, found the slow way: every active lease of the
    agency walked from its newest invoiced period."""

    due: set[tuple[uuid.UUID, date, date, int]]  # (lease, period start, end, amount)
    next_due: dict[uuid.UUID, date]  # per active lease, before the tick's invoices
    next_due_after: dict[uuid.UUID, date]  # per active lease, once those are invoiced


async def full_scan(session: AsyncSession, agency: Agency, now: datetime) -> FullScan:
    today = local_date(now, agency.timezone)
    horizon = today + timedelta(days=read_settings(agency.settings).invoice_lead_days)
    last_invoiced = (
        select(func.max(Invoice.period_start))
        .where(Invoice.lease_id == Lease.id, Invoice.source_key.is_not(None))
        .scalar_subquery()
    )
    rows = (
        await session.execute(
            select(Lease.__table__, last_invoiced.label("last_invoiced")).where(
                Lease.agency_id == agency.id, Lease.status == LeaseStatus.ACTIVE
            )
        )
    ).all()
    due: set[tuple[uuid.UUID, date, date, int]] = set()
    next_due: dict[uuid.UUID, date] = {}
    next_due_after: dict[uuid.UUID, date] = {}
    for row in rows:
        reviews = [
            (effective_from, amount)
            for effective_from, amount in await session.execute(
                select(RentReview.effective_from, RentReview.rent_amount)
                .where(RentReview.lease_id == row.id)
                .order_by(RentReview.effective_from)
            )
        ]
        terms = RentTerms(
            start_date=row.start_date,
            end_date=row.end_date,
            holding_over=row.holding_over,
            rent_amount=row.rent_amount,
            frequency=RentFrequency(row.frequency),
            due_day=row.due_day,
        )
        due_from = row.billing_starts_on
        if row.last_invoiced is not None:
            due_from = max(due_from, row.last_invoiced + timedelta(days=1))
        schedule = periods(terms, due_from=due_from)
        next_due[row.id] = next_due_after[row.id] = NO_MORE_RENT
        for position, period in enumerate(schedule):
            if position == 0:
                next_due[row.id] = period.due_date
            if period.due_date > horizon:
                next_due_after[row.id] = period.due_date
                break
            period = repriced(
                period, row.rent_amount, rent_on(row.rent_amount, reviews, period.start)
            )
            due.add((row.id, period.start, period.end, period.amount))
    return FullScan(due=due, next_due=next_due, next_due_after=next_due_after)


async def bookmarks(session: AsyncSession, agency: Agency) -> dict[uuid.UUID, date]:
    rows = await session.execute(
        select(Lease.id, Lease.next_rent_due_on).where(
            Lease.agency_id == agency.id, Lease.status == LeaseStatus.ACTIVE
        )
    )
    return {lease_id: next_due for lease_id, next_due in rows}


async def rent_invoices(session: AsyncSession, agency: Agency) -> dict[uuid.UUID, Any]:
    rows = await session.execute(
        select(
            Invoice.id,
            Invoice.lease_id,
            Invoice.period_start,
            Invoice.period_end,
            InvoiceLine.amount,
        )
        .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
        .where(
            Invoice.agency_id == agency.id,
            Invoice.source_key.is_not(None),
            InvoiceLine.position == 0,
        )
    )
    return {row.id: (row.lease_id, row.period_start, row.period_end, row.amount) for row in rows}


def check_bookmarks(found: dict[uuid.UUID, date], scan: FullScan, after: str) -> None:
    """Every active lease's bookmark is reset or what the full scan finds."""
    for lease_id, bookmark in found.items():
        if bookmark != RENT_NOT_WORKED_OUT:
            assert bookmark == scan.next_due[lease_id], (after, lease_id)


terms_strategy = st.tuples(
    st.integers(min_value=-400, max_value=60),  # start, in days from the first instant
    st.one_of(st.none(), st.integers(min_value=0, max_value=500)),  # end, days after start
    st.booleans(),  # holding over
    st.sampled_from(list(RentFrequency)),
    st.integers(min_value=1, max_value=31),  # due day (a weekday when not monthly)
)
lease_index = st.integers(min_value=0, max_value=5)
event = st.one_of(
    st.tuples(st.just("tick"), st.integers(min_value=0, max_value=45)),
    st.tuples(st.just("tick"), st.integers(min_value=0, max_value=3)),
    st.tuples(st.just("new"), terms_strategy),
    st.tuples(st.just("end"), lease_index, st.one_of(st.none(), st.integers(-60, 200))),
    st.tuples(st.just("hold"), lease_index, st.booleans()),
    st.tuples(st.just("review"), lease_index, st.integers(-30, 90), st.integers(1, 300_000)),
    st.tuples(st.just("void"), st.integers(min_value=0, max_value=20)),
    st.tuples(st.just("cancel"), lease_index),
    st.tuples(st.just("expire")),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    initial=st.lists(terms_strategy, min_size=1, max_size=4),
    events=st.lists(event, min_size=1, max_size=25),
)
# Always run once: a lease whose schedule is over gets periods again when its end date moves
# or it holds over, and a voided invoice is not issued again.
@example(
    initial=[(-30, 40, False, RentFrequency.MONTHLY, 1)],
    events=[
        ("tick", 0),
        ("tick", 40),
        ("void", 0),
        ("tick", 5),
        ("end", 0, 120),
        ("tick", 30),
        ("hold", 0, True),
        ("tick", 45),
        ("review", 0, 60, 120_000),
        ("tick", 45),
        ("expire",),
        ("tick", 30),
    ],
)
async def test_the_bookmark_agrees_with_a_full_scan_whatever_happens(
    session: AsyncSession,
    factory: Factory,
    initial: list[tuple[Any, ...]],
    events: list[tuple[Any, ...]],
) -> None:
    example = await session.begin_nested()
    try:
        await _walk(session, factory, initial, events)
    finally:
        await example.rollback()


async def _new_lease(
    session: AsyncSession, factory: Factory, agency: Agency, now: datetime, terms: tuple[Any, ...]
) -> uuid.UUID:
    start_offset, length, holding_over, frequency, due_day = terms
    if frequency is not RentFrequency.MONTHLY:
        due_day = 1 + (due_day - 1) % 7
    start = local_date(now, agency.timezone) + timedelta(days=start_offset)
    lease = await leases.create_lease(
        session,
        agency,
        LeaseCreate(
            unit_id=(await factory.unit(agency)).id,
            tenant_ids=[(await factory.tenant(agency)).id],
            start_date=start,
            end_date=None if length is None else start + timedelta(days=length),
            rent=MoneyIn(amount=90_000, currency=agency.currency),
            frequency=frequency,
            due_day=due_day,
            holding_over=holding_over,
        ),
    )
    assert lease.next_rent_due_on == RENT_NOT_WORKED_OUT  # a draft is not billed
    await leases.activate_lease(session, agency, lease.id, now)
    return lease.id


async def _walk(
    session: AsyncSession,
    factory: Factory,
    initial: list[tuple[Any, ...]],
    events: list[tuple[Any, ...]],
) -> None:
    agency = await factory.agency()
    staff = await factory.staff(agency, StaffRole.OWNER)
    now = START
    lease_ids = [await _new_lease(session, factory, agency, now, terms) for terms in initial]
    for step in events:
        before = await full_scan(session, agency, now)
        check_bookmarks(await bookmarks(session, agency), before, f"before {step}")
        if step[0] == "tick":
            now += timedelta(days=step[1], hours=step[1] % 5)
            scan = await full_scan(session, agency, now)
            invoiced = await rent_invoices(session, agency)
            created = await billing.generate_rent_invoices(session, now, only_agency=agency.id)
            new = {
                key: row
                for key, row in (await rent_invoices(session, agency)).items()
                if key not in invoiced
            }
            assert created == len(new)
            assert set(new.values()) == scan.due, step
            # A lease with no bookmark is always read: after a tick every active lease has
            # one, and it is what the scan finds past the horizon.
            assert await bookmarks(session, agency) == scan.next_due_after, step
            continue
        if step[0] == "new":
            lease_ids.append(await _new_lease(session, factory, agency, now, step[1]))
            continue
        try:
            async with session.begin_nested():
                await _apply(session, agency, staff, now, lease_ids, step)
        except AppError:
            pass  # refused by the rules (a review on an ended lease...): nothing changed
    after = await full_scan(session, agency, now)
    check_bookmarks(await bookmarks(session, agency), after, "at the end")
    # The migration's backfill finds what the full scan finds, for every active lease.
    await session.execute(text(_backfill_sql()), {"agency_id": agency.id})
    assert await bookmarks(session, agency) == after.next_due


async def _apply(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    now: datetime,
    lease_ids: list[uuid.UUID],
    step: tuple[Any, ...],
) -> None:
    kind = step[0]
    today = local_date(now, agency.timezone)
    if kind in {"end", "hold", "review", "cancel"}:
        lease = await leases.get_lease(session, agency.id, lease_ids[step[1] % len(lease_ids)])
    if kind == "end":
        end = None if step[2] is None else today + timedelta(days=step[2])
        await leases.update_lease(session, agency, lease.id, LeaseUpdate(end_date=end))
    elif kind == "hold":
        await leases.update_lease(session, agency, lease.id, LeaseUpdate(holding_over=step[2]))
    elif kind == "review":
        effective_from = max(lease.start_date, today + timedelta(days=step[2]))
        await billing.review_rent(
            session,
            agency,
            staff,
            lease.id,
            effective_from=effective_from,
            amount=step[3],
            currency=agency.currency,
            now=now,
        )
    elif kind == "cancel":
        await leases.cancel_lease(session, agency, lease.id)
    elif kind == "expire":
        await leases.end_expired_leases(session, now, only_agency=agency.id)
    elif kind == "void":
        generated = (
            await session.scalars(
                select(Invoice.id)
                .where(
                    Invoice.agency_id == agency.id,
                    Invoice.source_key.is_not(None),
                    Invoice.status != InvoiceStatus.VOID,
                )
                .order_by(Invoice.id)
            )
        ).all()
        if generated:
            await billing.void_invoice(
                session,
                agency,
                staff,
                generated[step[1] % len(generated)],
                "Issued by mistake",
                now,
            )


async def test_a_tick_with_nothing_due_reads_no_lease(
    session: AsyncSession, factory: Factory
) -> None:
    agency = await factory.agency()
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant], start=date(2026, 12, 1))
    now = datetime(2026, 11, 23, 9, tzinfo=UTC)
    assert lease.next_rent_due_on == RENT_NOT_WORKED_OUT  # activation leaves it to the tick

    assert await billing.generate_rent_invoices(session, now, only_agency=agency.id) == 1
    assert (await bookmarks(session, agency))[lease.id] == date(2027, 1, 1)

    # A bookmark past the horizon keeps the tick off the lease altogether: were it read,
    # January's rent (due within the lead time on 20 December) would be invoiced.
    await session.execute(
        update(Lease).where(Lease.id == lease.id).values(next_rent_due_on=date(2027, 2, 1))
    )
    later = datetime(2026, 12, 20, 9, tzinfo=UTC)
    assert await billing.generate_rent_invoices(session, later, only_agency=agency.id) == 0
    await session.execute(
        update(Lease).where(Lease.id == lease.id).values(next_rent_due_on=RENT_NOT_WORKED_OUT)
    )
    assert await billing.generate_rent_invoices(session, later, only_agency=agency.id) == 1
    assert (await bookmarks(session, agency))[lease.id] == date(2027, 2, 1)


async def test_a_schedule_invoiced_to_its_end_is_marked_so_and_reopened_by_a_new_end_date(
    session: AsyncSession, factory: Factory
) -> None:
    agency = await factory.agency()
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant], start=date(2026, 12, 1), end=date(2026, 12, 31))
    now = datetime(2026, 11, 23, 9, tzinfo=UTC)
    assert await billing.generate_rent_invoices(session, now, only_agency=agency.id) == 1
    assert (await bookmarks(session, agency))[lease.id] == NO_MORE_RENT
    stored = await session.scalar(
        select(Lease.next_rent_due_on == text("'infinity'::date")).where(Lease.id == lease.id)
    )
    assert stored is True

    await leases.update_lease(session, agency, lease.id, LeaseUpdate(end_date=date(2027, 3, 31)))
    assert (await bookmarks(session, agency))[lease.id] == RENT_NOT_WORKED_OUT
    january = datetime(2026, 12, 20, 9, tzinfo=UTC)
    assert await billing.generate_rent_invoices(session, january, only_agency=agency.id) == 1
    assert (await bookmarks(session, agency))[lease.id] == date(2027, 2, 1)
