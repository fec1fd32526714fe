"""The worker down across several ticks: after the restart every due reminder and charge
happens, none twice, and seed 003's three days after the reminder still hold."""

from __future__ import annotations

from datetime import date, timedelta

from tests.recurring.conftest import RENT, SETUP_DAY, Scenario

JAN_DUE = date(2027, 1, 1)


async def _walk_skipping(scenario: Scenario, until: date, down: set[date]) -> None:
    day = (scenario.last_tick or SETUP_DAY) + timedelta(days=1)
    while day <= until:
        if day not in down:
            await scenario.tick(day)
            # A second worker (or a replay) ticking the same instant changes nothing.
            await scenario.tick(day)
        day += timedelta(days=1)


async def test_down_over_the_reminder_day_reminds_late_and_still_waits_three_days(
    scenario: Scenario,
) -> None:
    await scenario.tick(SETUP_DAY)
    await scenario.set_up_card()
    down = {date(2026, 12, 28) + timedelta(days=n) for n in range(4)}  # 28-31 Dec
    await _walk_skipping(scenario, date(2027, 1, 6), down)
    [reminder] = scenario.emails("We will take")
    assert "4 January 2027" in reminder.subject  # reminded on the 1st, charged 3 days later
    january = await scenario.rent_invoice(JAN_DUE)
    [charged] = await scenario.localstripe.payment_intents(january.id)
    assert charged["status"] == "succeeded"
    assert charged["amount"] == RENT
    charge = await scenario.charge_of(january)
    assert charge is not None
    assert charge.settled_at is not None
    assert charge.settled_at.date() == date(2027, 1, 4)


async def test_down_over_the_due_date_charges_once_at_restart(scenario: Scenario) -> None:
    await scenario.tick(SETUP_DAY)
    await scenario.set_up_card()
    down = {date(2026, 12, 31) + timedelta(days=n) for n in range(4)}  # 31 Dec - 3 Jan
    await _walk_skipping(scenario, date(2027, 1, 8), down)
    january = await scenario.rent_invoice(JAN_DUE)
    [charged] = await scenario.localstripe.payment_intents(january.id)
    assert charged["status"] == "succeeded"
    assert len(scenario.emails("We will take")) == 1
    charge = await scenario.charge_of(january)
    assert charge is not None
    assert charge.settled_at is not None
    assert charge.settled_at.date() == date(2027, 1, 4)
