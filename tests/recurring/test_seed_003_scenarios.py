"""Seed 003, paragraph by paragraph: each test walks the days with the scheduler's tick and
checks the e-mails the SMTP sink received and the charges localstripe holds.

The calendar of every scenario (Europe/Brussels, rent 950.00 due on the 1st, invoices issued
14 days ahead, reminders 3 days ahead):

- 23 Nov: the lease is taken over; the December invoice is issued; recurring is set up;
- 18 Dec: the January invoice is issued (the first one recurring pays);
- 29 Dec: the pre-charge reminder freezes the January amount;
- 1 Jan: the charge.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from doorstep.billing.ledger import invoice_amounts
from doorstep.documents.i18n import Texts
from doorstep.payments.models import Allocation, Payment, PaymentStatus
from doorstep.recurring.models import SetupStatus
from doorstep.recurring.transitions import ChargeStatus, FailureKind
from tests.recurring.conftest import RENT, SETUP_DAY, Scenario, text_of

DEC_DUE = date(2026, 12, 1)
JAN_DUE = date(2027, 1, 1)
FEB_DUE = date(2027, 2, 1)
JAN_ISSUED = date(2026, 12, 18)
REMINDER_DAY = date(2026, 12, 29)
PRE_CHARGE = "We will take"
UNSUCCESSFUL = "did not go through"
TEXTS = Texts.for_agency("en-BE", "Europe/Brussels")


def eur(amount: int) -> str:
    """An amount as the agency's e-mails write it (en-BE: "950,00 €")."""
    return TEXTS.money(amount, "EUR")


async def _outstanding(scenario: Scenario, invoice_id: object) -> int:
    async with scenario.database.transaction() as session:
        return (await invoice_amounts(session, [invoice_id]))[invoice_id].outstanding  # type: ignore[index, list-item]


async def _start(scenario: Scenario) -> None:
    """The morning tick of the set-up day (the December invoice), then the set-up."""
    await scenario.tick(SETUP_DAY)
    await scenario.set_up_card()


async def _succeeded(scenario: Scenario, invoice_id: object) -> list[dict[str, object]]:
    intents = await scenario.localstripe.payment_intents(invoice_id)
    return [i for i in intents if i["status"] == "succeeded"]


async def test_set_up_on_invoice_day_leaves_that_invoice_for_manual_payment(
    scenario: Scenario,
) -> None:
    """Seed 003: "Only rent invoices generated and approved from the day following set up will
    be paid with recurring so the one generated on the day would need to be paid manually."""
    await _start(scenario)
    await scenario.walk_to(JAN_DUE)
    december = await scenario.rent_invoice(DEC_DUE)
    january = await scenario.rent_invoice(JAN_DUE)
    assert december.issue_date == SETUP_DAY
    assert await scenario.charge_of(december) is None
    assert await scenario.localstripe.payment_intents(december.id) == []
    assert await _outstanding(scenario, december.id) == RENT
    # December: the plain reminder for every tenant; January: the pre-charge one, then paid.
    assert len(scenario.emails(f"Rent of {eur(RENT)} due on")) == 1
    [reminder] = scenario.emails(PRE_CHARGE)
    assert eur(RENT) in reminder.subject
    assert "not the" not in text_of(reminder)
    [charged] = await _succeeded(scenario, january.id)
    assert charged["amount"] == RENT
    assert await _outstanding(scenario, january.id) == 0
    charge = await scenario.charge_of(january)
    assert charge is not None
    assert charge.status is ChargeStatus.SUCCEEDED
    assert charge.reminded_at is not None
    assert charge.reminded_at.date() == REMINDER_DAY
