"""The rent schedule of a lease: due dates and the period each payment covers.

Rent is paid in advance. Regular due dates fall on ``due_day`` (day of month for monthly
leases, ISO weekday for weekly and fortnightly ones). The first period runs from the lease start
to the day before the first regular due date and is prorated when shorter than a full period;
the last period ends on the end date and is prorated the same way. A lease holding over keeps
its regular periods after the end date.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from doorstep.leases.models import RentFrequency


@dataclass(frozen=True)
class RentTerms:
    start_date: date
    end_date: date | None
    holding_over: bool
    rent_amount: int
    frequency: RentFrequency
    due_day: int

    @property
    def open_ended(self) -> bool:
        return self.end_date is None or self.holding_over


@dataclass(frozen=True)
class RentPeriod:
    start: date
    end: date
    due_date: date
    amount: int
    prorated: bool


def _monthly_due(year: int, month: int, due_day: int) -> date:
    return date(year, month, min(due_day, calendar.monthrange(year, month)[1]))


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def regular_due_on_or_after(terms: RentTerms, day: date) -> date:
    """The first regular due date on or after ``day``."""
    if terms.frequency is RentFrequency.MONTHLY:
        candidate = _monthly_due(day.year, day.month, terms.due_day)
        if candidate < day:
            year, month = _add_months(day.year, day.month, 1)
            candidate = _monthly_due(year, month, terms.due_day)
        return candidate
    offset = (terms.due_day - day.isoweekday()) % 7
    candidate = day + timedelta(days=offset)
    if terms.frequency is RentFrequency.FORTNIGHTLY:
        # Fortnights are anchored on the first matching weekday on or after the lease start.
        anchor = terms.start_date + timedelta(
            days=(terms.due_day - terms.start_date.isoweekday()) % 7
        )
        weeks_off = ((candidate - anchor).days // 7) % 2
        candidate += timedelta(days=7 * weeks_off)
    return candidate


def following_due(terms: RentTerms, due: date) -> date:
    """The regular due date after the regular due date ``due``."""
    if terms.frequency is RentFrequency.MONTHLY:
        year, month = _add_months(due.year, due.month, 1)
        return _monthly_due(year, month, terms.due_day)
    step = 7 if terms.frequency is RentFrequency.WEEKLY else 14
    return due + timedelta(days=step)


def preceding_due(terms: RentTerms, due: date) -> date:
    """The regular due date before the regular due date ``due``."""
    if terms.frequency is RentFrequency.MONTHLY:
        year, month = _add_months(due.year, due.month, -1)
        return _monthly_due(year, month, terms.due_day)
    step = 7 if terms.frequency is RentFrequency.WEEKLY else 14
    return due - timedelta(days=step)


def prorate(amount: int, days: int, period_days: int) -> int:
    """``amount`` for ``days`` of a ``period_days`` period, rounded half up to the minor unit."""
    return (2 * amount * days + period_days) // (2 * period_days)


def periods(terms: RentTerms, due_from: date | None = None) -> Iterator[RentPeriod]:
    """The rent periods of the lease in order (endless when the lease is open-ended), or only
    those falling due on or after ``due_from``, found without walking the earlier ones."""
    if due_from is not None and due_from > terms.start_date:
        yield from _regular_periods(terms, regular_due_on_or_after(terms, due_from))
        return
    first_regular = regular_due_on_or_after(terms, terms.start_date)
    if first_regular > terms.start_date:
        # From the start to the day before the first regular due date: usually a partial period.
        full_days = (first_regular - preceding_due(terms, first_regular)).days
        first = _period(terms, terms.start_date, first_regular, full_days)
        if first is None:
            return
        yield first
    yield from _regular_periods(terms, first_regular)


def _regular_periods(terms: RentTerms, due: date) -> Iterator[RentPeriod]:
    while True:
        next_due = following_due(terms, due)
        period = _period(terms, due, next_due, (next_due - due).days)
        if period is None:
            return
        yield period
        due = next_due


def _period(terms: RentTerms, start: date, next_due: date, full_days: int) -> RentPeriod | None:
    """The period from ``start`` up to ``next_due``, cut at the lease's end; None past it."""
    end, days = next_due - timedelta(days=1), (next_due - start).days
    if not terms.open_ended and terms.end_date is not None:
        if start > terms.end_date:
            return None
        if end >= terms.end_date:
            end = terms.end_date
            days = (end - start).days + 1
    amount = terms.rent_amount if days == full_days else prorate(terms.rent_amount, days, full_days)
    return RentPeriod(
        start=start, end=end, due_date=start, amount=amount, prorated=days != full_days
    )


def period_between(terms: RentTerms, start: date, end: date) -> RentPeriod:
    """The period from ``start`` to ``end`` (both included) at the lease's own rent, prorated
    as the schedule prorates it: against the full period it falls in. What a period invoiced
    earlier costs, known from its dates alone (its amount may be a reviewed rent's)."""
    next_due = regular_due_on_or_after(terms, start + timedelta(days=1))
    full_days = (next_due - preceding_due(terms, next_due)).days
    days = (end - start).days + 1
    amount = terms.rent_amount if days == full_days else prorate(terms.rent_amount, days, full_days)
    return RentPeriod(
        start=start, end=end, due_date=start, amount=amount, prorated=days != full_days
    )


def next_due_date(terms: RentTerms, today: date) -> date | None:
    """The next date on or after ``today`` when rent falls due, if the lease still runs then."""
    if today <= terms.start_date:
        return terms.start_date
    candidate = regular_due_on_or_after(terms, today)
    if not terms.open_ended and terms.end_date is not None and candidate > terms.end_date:
        return None
    return candidate


def rent_on(base: int, reviews: Iterable[tuple[date, int]], day: date) -> int:
    """The rent in effect on ``day``: the latest rent review effective on or before it, else
    the lease's own rent."""
    current, since = base, date.min
    for effective_from, amount in reviews:
        if since <= effective_from <= day:
            current, since = amount, effective_from
    return current


@dataclass(frozen=True)
class RentInEffect:
    """The rent in effect on a day and the next change to it already recorded."""

    current: int
    next_change: tuple[date, int] | None


def rent_in_effect(base: int, reviews: Sequence[tuple[date, int]], day: date) -> RentInEffect:
    return RentInEffect(
        current=rent_on(base, reviews, day), next_change=next_rent_change(reviews, day)
    )


def next_rent_change(reviews: Iterable[tuple[date, int]], day: date) -> tuple[date, int] | None:
    """The earliest rent review taking effect after ``day`` (its date and rent), if any."""
    later = [(effective_from, amount) for effective_from, amount in reviews if effective_from > day]
    return min(later) if later else None


def repriced(period: RentPeriod, base: int, rent: int) -> RentPeriod:
    """The period at a reviewed rent: a full period costs the rent, a partial one the same
    share of it as it had of ``base``."""
    if rent == base:
        return period
    amount = prorate(rent, period.amount, base) if period.prorated else rent
    return replace(period, amount=amount)
