"""Twelve simulated months with random tenancy events (credit notes, transfers, rent reviews,
a tenancy ending), checked against seed 003's promises rather than against a script:

- no charge without a pre-charge reminder of the same amount at least 3 days earlier;
- no charge of an invoice paid another way, void, or issued on or before the set-up day;
- an amount changed after the reminder gives no charge and exactly one "payment unsuccessful"
  e-mail;
- at the end every charge whose day has come is final, and no invoice is overpaid.

Each seed is one randomly drawn year (seeded, so a failure replays exactly).
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from doorstep.billing.ledger import invoice_amounts
from doorstep.billing.models import Invoice, InvoiceKind, InvoiceStatus
from doorstep.recurring.models import PaymentReminder, ReminderKind, ScheduledCharge
from doorstep.recurring.transitions import ChargeStatus, FailureKind
from tests.recurring.conftest import SETUP_DAY, Scenario

END = date(2027, 11, 23)


def _busy_days() -> set[date]:
    """The days something can happen: invoicing (the 18th), reminders and charges (around
    the 1st)."""
    days = set()
    day = SETUP_DAY
    while day <= END:
        if day.day == 18 or day.day >= 26 or day.day <= 6:
            days.add(day)
        day += timedelta(days=1)
    return days


async def _next_open_rent_invoice(scenario: Scenario, today: date) -> Invoice | None:
    async with scenario.database.transaction() as session:
        return await session.scalar(
            select(Invoice)
            .where(
                Invoice.lease_id == scenario.lease.id,
                Invoice.kind == InvoiceKind.RENT,
                Invoice.status == InvoiceStatus.OPEN,
                Invoice.due_date >= today,
            )
            .order_by(Invoice.due_date)
            .limit(1)
        )


async def _outstanding(scenario: Scenario, invoice: Invoice) -> int:
    async with scenario.database.transaction() as session:
        return (await invoice_amounts(session, [invoice.id]))[invoice.id].outstanding


@pytest.mark.parametrize("seed", [3, 17, 2026])
async def test_a_year_of_random_events_keeps_seed_003s_promises(
    scenario: Scenario, seed: int
) -> None:
    rng = random.Random(seed)
    event_days = sorted(rng.sample(sorted(_busy_days() - {SETUP_DAY}), 10))
    ending_day = rng.choice(event_days[5:])
    await scenario.tick(SETUP_DAY)
    await scenario.set_up_card()
    ended = False
    reviewed: set[date] = set()
    for day in sorted(_busy_days() - {SETUP_DAY}):
        await scenario.tick(day)
        if day not in event_days or ended:
            continue
        invoice = await _next_open_rent_invoice(scenario, day)
        if day == ending_day:
            end = date(day.year + (day.month == 12), day.month % 12 + 1, 15)
            await scenario.change_lease(day, end_date=end)
            ended = True
            continue
        kind = rng.choice(["credit", "pay", "review"])
        if kind == "review":
            first = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
            if first not in reviewed:
                reviewed.add(first)
                await scenario.review_rent(day, first, rng.randrange(85_000, 110_000, 500))
        elif invoice is not None:
            outstanding = await _outstanding(scenario, invoice)
            if outstanding <= 0:
                continue
            if kind == "credit":
                await scenario.credit(invoice, min(outstanding, rng.randrange(1_000, 20_000)), day)
            else:
                await scenario.pay_by_transfer(invoice, outstanding, day)

    async with scenario.database.transaction() as session:
        charges = (
            await session.scalars(
                select(ScheduledCharge).where(ScheduledCharge.agency_id == scenario.agency.id)
            )
        ).all()
        reminders = (
            await session.scalars(
                select(PaymentReminder).where(PaymentReminder.agency_id == scenario.agency.id)
            )
        ).all()
        invoices = {
            i.id: i
            for i in (
                await session.scalars(select(Invoice).where(Invoice.lease_id == scenario.lease.id))
            ).all()
        }
        amounts = await invoice_amounts(session, list(invoices))
    setup = await scenario.setup_row()
    pre_charge = {r.invoice_id: r for r in reminders if r.kind is ReminderKind.PRE_CHARGE}
    unsuccessful = Counter(
        r.invoice_id for r in reminders if r.kind is ReminderKind.PAYMENT_UNSUCCESSFUL
    )
    taken: Counter[str] = Counter()
    for invoice_id in invoices:
        for intent in await scenario.localstripe.payment_intents(invoice_id):
            if intent["status"] == "succeeded":
                taken[str(invoice_id)] += 1
                reminder = pre_charge[invoice_id]
                assert intent["amount"] == reminder.amount
    assert all(count == 1 for count in taken.values())
    assert taken, "a year without a single recurring charge tests nothing"
    for charge in charges:
        invoice = invoices[charge.invoice_id]
        assert invoice.issue_date > setup.started_on
        if charge.status is ChargeStatus.SUCCEEDED:
            reminder = pre_charge[charge.invoice_id]
            assert charge.settled_at is not None
            assert charge.settled_at.date() - reminder.sent_at.date() >= timedelta(days=3)
            assert reminder.amount == charge.reminded_amount
        else:
            assert str(charge.invoice_id) not in taken
        if charge.failure_kind is FailureKind.AMOUNT_CHANGED:
            assert unsuccessful[charge.invoice_id] == 1
        if charge.charge_not_before is not None and charge.charge_not_before <= END:
            assert charge.status.final, (charge.status, charge.charge_not_before)
    for invoice_id, invoice in invoices.items():
        if invoice.issue_date <= setup.started_on:
            assert str(invoice_id) not in taken
        assert amounts[invoice_id].outstanding >= 0
    # Every "payment unsuccessful" e-mail is one of those counted above.
    assert len(scenario.emails("did not go through")) == sum(unsuccessful.values())
