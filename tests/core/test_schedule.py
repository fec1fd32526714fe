"""The rent schedule: due dates, periods and proration."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import islice, pairwise

from hypothesis import given
from hypothesis import strategies as st

from doorstep.leases.models import RentFrequency
from doorstep.leases.schedule import RentTerms, next_due_date, periods, prorate


def terms(**overrides: object) -> RentTerms:
    values: dict[str, object] = {
        "start_date": date(2026, 1, 1),
        "end_date": None,
        "holding_over": False,
        "rent_amount": 100_000,
        "frequency": RentFrequency.MONTHLY,
        "due_day": 1,
    }
    values.update(overrides)
    return RentTerms(**values)  # type: ignore[arg-type]


def test_monthly_lease_starting_on_its_due_day_has_full_periods() -> None:
    first, second = islice(periods(terms()), 2)
    assert (first.start, first.end, first.amount, first.prorated) == (
        date(2026, 1, 1),
        date(2026, 1, 31),
        100_000,
        False,
    )
    assert second.due_date == date(2026, 2, 1)


def test_first_partial_month_is_prorated_by_days() -> None:
    first, second = islice(periods(terms(start_date=date(2026, 1, 17))), 2)
    # 17-31 January is 15 of January's 31 days.
    assert (first.start, first.end) == (date(2026, 1, 17), date(2026, 1, 31))
    assert first.amount == prorate(100_000, 15, 31) == 48_387
    assert first.prorated
    assert (second.start, second.amount) == (date(2026, 2, 1), 100_000)


def test_last_partial_period_ends_on_the_end_date() -> None:
    schedule = list(periods(terms(end_date=date(2026, 3, 10))))
    assert [p.start for p in schedule] == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    last = schedule[-1]
    assert (last.end, last.amount) == (date(2026, 3, 10), prorate(100_000, 10, 31))


def test_holding_over_keeps_regular_periods_after_the_end_date() -> None:
    schedule = list(islice(periods(terms(end_date=date(2026, 3, 10), holding_over=True)), 5))
    assert schedule[-1].start == date(2026, 5, 1)
    assert not any(p.prorated for p in schedule)


def test_due_day_31_falls_on_the_last_day_of_short_months() -> None:
    dues = [p.due_date for p in islice(periods(terms(start_date=date(2026, 1, 31), due_day=31)), 4)]
    assert dues == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]


def test_weekly_and_fortnightly_dues_fall_on_the_weekday() -> None:
    # 1 January 2026 is a Thursday; rent is due on Mondays (1).
    weekly = list(islice(periods(terms(frequency=RentFrequency.WEEKLY, due_day=1)), 3))
    assert [p.due_date for p in weekly] == [date(2026, 1, 1), date(2026, 1, 5), date(2026, 1, 12)]
    assert weekly[0].amount == prorate(100_000, 4, 7)
    fortnightly = list(islice(periods(terms(frequency=RentFrequency.FORTNIGHTLY, due_day=1)), 3))
    assert [p.due_date for p in fortnightly] == [
        date(2026, 1, 1),
        date(2026, 1, 5),
        date(2026, 1, 19),
    ]
    assert fortnightly[0].amount == prorate(100_000, 4, 14)


def test_next_due_date() -> None:
    lease = terms(start_date=date(2026, 1, 17), end_date=date(2026, 6, 30))
    assert next_due_date(lease, date(2025, 12, 1)) == date(2026, 1, 17)
    assert next_due_date(lease, date(2026, 1, 20)) == date(2026, 2, 1)
    assert next_due_date(lease, date(2026, 2, 1)) == date(2026, 2, 1)
    assert next_due_date(lease, date(2026, 6, 2)) is None
    fortnightly = terms(frequency=RentFrequency.FORTNIGHTLY, due_day=1)
    assert next_due_date(fortnightly, date(2026, 1, 6)) == date(2026, 1, 19)


def test_prorate_rounds_half_up_to_the_minor_unit() -> None:
    assert prorate(1, 1, 2) == 1
    assert prorate(3, 1, 2) == 2
    assert prorate(100, 1, 3) == 33
    assert prorate(200, 1, 3) == 67


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    length=st.integers(min_value=0, max_value=800),
    rent=st.integers(min_value=1, max_value=10**9),
    frequency=st.sampled_from(list(RentFrequency)),
    due_day=st.integers(min_value=1, max_value=31),
)
def test_periods_tile_the_lease_exactly(
    start: date, length: int, rent: int, frequency: RentFrequency, due_day: int
) -> None:
    if frequency is not RentFrequency.MONTHLY:
        due_day = (due_day - 1) % 7 + 1
    end = start + timedelta(days=length)
    lease = terms(
        start_date=start, end_date=end, rent_amount=rent, frequency=frequency, due_day=due_day
    )
    schedule = list(periods(lease))

    # Contiguous, from the start date to the end date, each due on its first day.
    assert schedule[0].start == start
    assert schedule[-1].end == end
    for before, after in pairwise(schedule):
        assert after.start == before.end + timedelta(days=1)
    assert all(p.due_date == p.start and p.start <= p.end for p in schedule)
    # Only the first and last periods can be partial, and never cost more than a full one.
    assert not any(p.prorated for p in schedule[1:-1])
    assert all(0 <= p.amount <= rent for p in schedule)
    assert all(p.amount == rent for p in schedule if not p.prorated)
    # next_due_date agrees with the schedule on every day of the lease.
    dues = [p.due_date for p in schedule]
    for offset in range(0, length + 1, max(1, length // 20)):
        day = start + timedelta(days=offset)
        expected = next((d for d in dues if d >= day), None)
        assert next_due_date(lease, day) == expected
