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
from doorstep.billing.models import Allocation, Invoice
from doorstep.documents.i18n import Texts
from doorstep.payments.ledger.models import Payment, PaymentMethod, PaymentStatus
from doorstep.payments.ledger.service import record_offline_payment
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


async def _setup_status(scenario: Scenario) -> SetupStatus:
    return (await scenario.setup_row()).status


async def _total(scenario: Scenario, invoice_id: object) -> int:
    async with scenario.database.transaction() as session:
        return (await invoice_amounts(session, [invoice_id]))[invoice_id].total  # type: ignore[index, list-item]


async def _invoice(scenario: Scenario, invoice_id: object) -> Invoice:
    async with scenario.database.transaction() as session:
        return await session.get_one(Invoice, invoice_id)


def _prorated(days: int, month_days: int = 31) -> int:
    """The rent of ``days`` days of a month, rounded half up (leases/schedule.py's rule)."""
    return (RENT * days * 2 + month_days) // (month_days * 2)


async def _assert_unsuccessful(scenario: Scenario, invoice_id: object, now_due: int) -> None:
    """No charge at the gateway, one "payment unsuccessful" e-mail with a one-tap link to pay
    what is due now, and the charge failed because the amount changed."""
    assert await _succeeded(scenario, invoice_id) == []
    [failed] = scenario.emails(UNSUCCESSFUL)
    body = text_of(failed)
    assert eur(now_due) in body
    assert f"not the {eur(RENT)}" in body
    assert "https://doorstep.example/portal/pay/" in body
    january = await scenario.rent_invoice(JAN_DUE)
    charge = await scenario.charge_of(january)
    assert charge is not None
    assert charge.status is ChargeStatus.FAILED
    assert charge.failure_kind is FailureKind.AMOUNT_CHANGED


# --------------------------------------------------------------------- vacating


async def test_vacating_before_the_reminder_charges_the_last_rent_as_reminded(
    scenario: Scenario,
) -> None:
    """Seed 003: vacating before the reminder for the last invoice — the reminder outlines the
    change and the payment is made as expected; recurring stops once the tenancy expired."""
    await _start(scenario)
    await scenario.walk_to(date(2026, 12, 10))
    await scenario.change_lease(date(2026, 12, 10), end_date=date(2027, 1, 15))
    await scenario.walk_to(date(2027, 1, 17))
    january = await scenario.rent_invoice(JAN_DUE)
    last_rent = _prorated(15)
    assert await _total(scenario, january.id) == last_rent
    [reminder] = scenario.emails(PRE_CHARGE)
    assert eur(last_rent) in reminder.subject
    assert f"not the {eur(RENT)}" in text_of(reminder)
    [charged] = await _succeeded(scenario, january.id)
    assert charged["amount"] == last_rent
    assert await _setup_status(scenario) is SetupStatus.ENDED
    assert scenario.emails(UNSUCCESSFUL) == []


async def test_vacating_once_the_last_month_is_invoiced_but_not_yet_reminded(
    scenario: Scenario,
) -> None:
    """Seed 003: vacating before the reminder, with January already invoiced at the full rent:
    the invoice follows the new end by itself, the reminder outlines the change, and the
    prorated rent is taken as reminded; recurring stops once the tenancy expired."""
    await _start(scenario)
    await scenario.walk_to(date(2026, 12, 20))
    january = await scenario.rent_invoice(JAN_DUE)
    assert await _total(scenario, january.id) == RENT
    await scenario.change_lease(date(2026, 12, 20), end_date=date(2027, 1, 15))
    assert await _outstanding(scenario, january.id) == _prorated(15)
    await scenario.walk_to(date(2027, 1, 17))
    [reminder] = scenario.emails(PRE_CHARGE)
    assert eur(_prorated(15)) in reminder.subject
    assert f"not the {eur(RENT)}" in text_of(reminder)
    [charged] = await _succeeded(scenario, january.id)
    assert charged["amount"] == _prorated(15)
    assert scenario.emails(UNSUCCESSFUL) == []
    assert await _setup_status(scenario) is SetupStatus.ENDED


async def test_vacating_after_the_reminder_gives_a_payment_unsuccessful_email(
    scenario: Scenario,
) -> None:
    """Seed 003: vacating after the reminder, before payment — the amount differs from the
    reminder, so "payment unsuccessful" and manual payment; recurring stops at expiry."""
    await _start(scenario)
    await scenario.walk_to(REMINDER_DAY)
    january = await scenario.rent_invoice(JAN_DUE)
    assert len(scenario.emails(PRE_CHARGE)) == 1
    await scenario.change_lease(date(2026, 12, 30), end_date=date(2027, 1, 15))
    # The invoice already issued follows the new end by itself: prorated, no staff credit.
    assert await _outstanding(scenario, january.id) == _prorated(15)
    await scenario.walk_to(JAN_DUE)
    await _assert_unsuccessful(scenario, january.id, _prorated(15))
    assert await _setup_status(scenario) is SetupStatus.ACTIVE  # until the tenancy ends
    await scenario.walk_to(date(2027, 1, 17))
    assert await _setup_status(scenario) is SetupStatus.ENDED
    assert len(scenario.emails(UNSUCCESSFUL)) == 1


# --------------------------------------------------------------------- cancellation


async def test_cancellation_before_the_reminder_charges_what_remains_and_highlights_it(
    scenario: Scenario,
) -> None:
    """Seed 003: cancelled before the reminder — the payment is made as expected, and a
    remaining rent other than the set-up amount is highlighted."""
    await _start(scenario)
    await scenario.walk_to(date(2026, 12, 20))
    january = await scenario.rent_invoice(JAN_DUE)
    await scenario.cancel_lease(date(2026, 12, 20))
    await scenario.credit(january, 30_000, date(2026, 12, 20))
    await scenario.walk_to(JAN_DUE)
    [reminder] = scenario.emails(PRE_CHARGE)
    assert eur(RENT - 30_000) in reminder.subject
    assert f"not the {eur(RENT)}" in text_of(reminder)
    [charged] = await _succeeded(scenario, january.id)
    assert charged["amount"] == RENT - 30_000
    assert await _setup_status(scenario) is SetupStatus.ENDED


async def test_cancellation_after_the_reminder_gives_a_payment_unsuccessful_email(
    scenario: Scenario,
) -> None:
    """Seed 003: cancelled after the reminder — "payment unsuccessful", pay by hand; recurring
    stops with the cancellation."""
    await _start(scenario)
    await scenario.walk_to(REMINDER_DAY)
    january = await scenario.rent_invoice(JAN_DUE)
    await scenario.cancel_lease(date(2026, 12, 30))
    await scenario.credit(january, 30_000, date(2026, 12, 30))
    await scenario.walk_to(JAN_DUE)
    await _assert_unsuccessful(scenario, january.id, RENT - 30_000)
    assert await _setup_status(scenario) is SetupStatus.ENDED


async def test_cancelled_with_a_last_day_before_the_reminder_takes_the_rent_left(
    scenario: Scenario,
) -> None:
    """Seed 003: cancelled before the reminder for the last invoice — with the tenancy's last
    day given, January (already issued) is prorated to it by itself, the reminder highlights
    the remaining rent against the set-up amount, and it is taken as reminded; recurring
    stops with the cancellation."""
    await _start(scenario)
    await scenario.walk_to(date(2026, 12, 20))
    january = await scenario.rent_invoice(JAN_DUE)
    await scenario.cancel_tenancy(date(2026, 12, 20), ends_on=date(2027, 1, 12))
    assert await _outstanding(scenario, january.id) == _prorated(12)
    assert await scenario.lease_status() == "cancelled"
    await scenario.walk_to(JAN_DUE)
    [reminder] = scenario.emails(PRE_CHARGE)
    assert eur(_prorated(12)) in reminder.subject
    assert f"not the {eur(RENT)}" in text_of(reminder)
    [charged] = await _succeeded(scenario, january.id)
    assert charged["amount"] == _prorated(12)
    assert scenario.emails(UNSUCCESSFUL) == []
    assert await _setup_status(scenario) is SetupStatus.ENDED


async def test_cancelled_with_a_last_day_after_the_reminder_is_unsuccessful(
    scenario: Scenario,
) -> None:
    """Seed 003: cancelled after the reminder, before payment — the prorated January differs
    from the reminded amount, so no charge, a "payment unsuccessful" e-mail to pay by hand;
    recurring stops with the cancellation."""
    await _start(scenario)
    await scenario.walk_to(REMINDER_DAY)
    january = await scenario.rent_invoice(JAN_DUE)
    assert len(scenario.emails(PRE_CHARGE)) == 1
    await scenario.cancel_tenancy(date(2026, 12, 30), ends_on=date(2027, 1, 12))
    assert await _outstanding(scenario, january.id) == _prorated(12)
    await scenario.walk_to(JAN_DUE)
    await _assert_unsuccessful(scenario, january.id, _prorated(12))
    assert await _setup_status(scenario) is SetupStatus.ENDED


async def test_cancelled_before_a_month_already_invoiced_credits_it_and_takes_nothing(
    scenario: Scenario,
) -> None:
    """Cancelled after the reminder with the tenancy ending on 31 December: January is after
    the tenancy, credited in full and settled, so its charge is skipped without a "payment
    unsuccessful" e-mail."""
    await _start(scenario)
    await scenario.walk_to(REMINDER_DAY)
    january = await scenario.rent_invoice(JAN_DUE)
    await scenario.cancel_tenancy(date(2026, 12, 30), ends_on=date(2026, 12, 31))
    assert await _outstanding(scenario, january.id) == 0
    await scenario.walk_to(date(2027, 1, 5))
    assert await _succeeded(scenario, january.id) == []
    assert scenario.emails(UNSUCCESSFUL) == []
    charge = await scenario.charge_of(january)
    assert charge is not None
    assert charge.status is ChargeStatus.SKIPPED
    assert await _setup_status(scenario) is SetupStatus.ENDED


# --------------------------------------------------------------------- expiry


async def test_expiry_without_holding_over_before_the_reminder_pays_the_last_rent(
    scenario: Scenario,
) -> None:
    """Seed 003: the term expires (not holding over) after its last invoice — the payment is
    made as expected, then recurring stops: nothing more is invoiced or charged."""
    await scenario.change_lease(SETUP_DAY, end_date=date(2027, 1, 31))
    await _start(scenario)
    await scenario.walk_to(date(2027, 2, 3))
    january = await scenario.rent_invoice(JAN_DUE)
    [reminder] = scenario.emails(PRE_CHARGE)
    assert "not the" not in text_of(reminder)
    [charged] = await _succeeded(scenario, january.id)
    assert charged["amount"] == RENT
    assert await scenario.lease_status() == "ended"
    assert await _setup_status(scenario) is SetupStatus.ENDED
    async with scenario.database.transaction() as session:
        invoiced = (
            await session.scalars(
                select(Invoice.due_date).where(Invoice.lease_id == scenario.lease.id)
            )
        ).all()
    assert max(invoiced) == JAN_DUE  # nothing after the term, so nothing more to charge


async def test_expiry_without_holding_over_after_the_reminder_is_unsuccessful(
    scenario: Scenario,
) -> None:
    """Seed 003: the term expires (not holding over) after the reminder, before payment — the
    final amount differs: "payment unsuccessful", pay by hand; recurring stops at expiry."""
    await _start(scenario)
    await scenario.walk_to(REMINDER_DAY)
    january = await scenario.rent_invoice(JAN_DUE)
    await scenario.change_lease(date(2026, 12, 30), end_date=date(2027, 1, 10))
    assert await _outstanding(scenario, january.id) == _prorated(10)
    await scenario.walk_to(date(2027, 1, 12))
    await _assert_unsuccessful(scenario, january.id, _prorated(10))
    assert await scenario.lease_status() == "ended"
    assert await _setup_status(scenario) is SetupStatus.ENDED


async def test_expiry_holding_over_before_the_reminder_keeps_paying(scenario: Scenario) -> None:
    """Seed 003: the term expires while holding over, before the reminder — payments continue
    as expected."""
    await scenario.change_lease(SETUP_DAY, end_date=date(2026, 12, 31))
    await _start(scenario)
    await scenario.walk_to(date(2026, 12, 10))
    await scenario.change_lease(date(2026, 12, 10), holding_over=True)
    await scenario.walk_to(FEB_DUE)
    for due in (JAN_DUE, FEB_DUE):
        invoice = await scenario.rent_invoice(due)
        [charged] = await _succeeded(scenario, invoice.id)
        assert charged["amount"] == RENT
    assert await scenario.lease_status() == "active"
    assert await _setup_status(scenario) is SetupStatus.ACTIVE


async def test_expiry_holding_over_after_the_reminder_is_unsuccessful_but_stays(
    scenario: Scenario,
) -> None:
    """Seed 003: holding over decided after the reminder with a changed amount — "payment
    unsuccessful", pay by hand, and the recurring set-up stays for the next invoice."""
    await scenario.change_lease(SETUP_DAY, end_date=date(2027, 1, 31))
    await _start(scenario)
    await scenario.walk_to(REMINDER_DAY)
    january = await scenario.rent_invoice(JAN_DUE)
    await scenario.change_lease(date(2026, 12, 30), holding_over=True)
    await scenario.credit(january, 5_000, date(2026, 12, 30))
    await scenario.walk_to(FEB_DUE)
    await _assert_unsuccessful(scenario, january.id, RENT - 5_000)
    february = await scenario.rent_invoice(FEB_DUE)
    [charged] = await _succeeded(scenario, february.id)
    assert charged["amount"] == RENT
    assert await _setup_status(scenario) is SetupStatus.ACTIVE


async def test_holding_over_after_the_reminder_of_a_part_month_is_unsuccessful_but_stays(
    scenario: Scenario,
) -> None:
    """Seed 003, as it reads: the term ends mid-January, so the January invoice (issued and
    reminded) is the last, prorated one; holding over is decided after the reminder, which
    makes January a whole month again — the amount differs from the reminder: "payment
    unsuccessful", pay by hand, and the set-up stays and takes February."""
    await scenario.change_lease(SETUP_DAY, end_date=date(2027, 1, 15))
    await _start(scenario)
    await scenario.walk_to(REMINDER_DAY)
    january = await scenario.rent_invoice(JAN_DUE)
    [reminder] = scenario.emails(PRE_CHARGE)
    assert eur(_prorated(15)) in reminder.subject
    await scenario.change_lease(date(2026, 12, 30), holding_over=True)
    assert await _outstanding(scenario, january.id) == RENT
    assert (await _invoice(scenario, january.id)).period_end == date(2027, 1, 31)
    await scenario.walk_to(FEB_DUE)
    assert await _succeeded(scenario, january.id) == []
    [failed] = scenario.emails(UNSUCCESSFUL)
    assert eur(RENT) in text_of(failed)
    assert f"not the {eur(_prorated(15))}" in text_of(failed)
    charge = await scenario.charge_of(january)
    assert charge is not None
    assert charge.failure_kind is FailureKind.AMOUNT_CHANGED
    february = await scenario.rent_invoice(FEB_DUE)
    [charged] = await _succeeded(scenario, february.id)
    assert charged["amount"] == RENT
    assert await scenario.lease_status() == "active"
    assert await _setup_status(scenario) is SetupStatus.ACTIVE


async def test_vacating_before_a_month_already_invoiced_credits_it_and_takes_nothing(
    scenario: Scenario,
) -> None:
    """The tenant vacates on 31 December after January was invoiced and reminded: January is
    now after the tenancy, so it is credited in full — nothing to take, no "payment
    unsuccessful" e-mail (it is settled, as an invoice paid another way), and recurring stops
    when the tenancy has ended."""
    await _start(scenario)
    await scenario.walk_to(REMINDER_DAY)
    january = await scenario.rent_invoice(JAN_DUE)
    assert len(scenario.emails(PRE_CHARGE)) == 1
    await scenario.change_lease(date(2026, 12, 30), end_date=date(2026, 12, 31))
    assert await _outstanding(scenario, january.id) == 0
    await scenario.walk_to(date(2027, 1, 5))
    assert await _succeeded(scenario, january.id) == []
    assert scenario.emails(UNSUCCESSFUL) == []
    charge = await scenario.charge_of(january)
    assert charge is not None
    assert charge.status is ChargeStatus.SKIPPED
    assert await scenario.lease_status() == "ended"
    assert await _setup_status(scenario) is SetupStatus.ENDED


# --------------------------------------------------------------------- rent review


async def test_rent_review_before_the_reminder_is_highlighted_and_paid(
    scenario: Scenario,
) -> None:
    """Seed 003: new rent in effect before the reminder — the reminder outlines the change and
    the payment is made as expected."""
    await _start(scenario)
    await scenario.walk_to(date(2026, 12, 20))
    january = await scenario.rent_invoice(JAN_DUE)  # issued at the old rent
    await scenario.review_rent(date(2026, 12, 20), JAN_DUE, 100_000)
    assert await _total(scenario, january.id) == 100_000
    await scenario.walk_to(JAN_DUE)
    [reminder] = scenario.emails(PRE_CHARGE)
    assert eur(100_000) in reminder.subject
    assert f"not the {eur(RENT)}" in text_of(reminder)
    [charged] = await _succeeded(scenario, january.id)
    assert charged["amount"] == 100_000
    assert await _outstanding(scenario, january.id) == 0


async def test_rent_review_after_the_reminder_is_unsuccessful_then_continues(
    scenario: Scenario,
) -> None:
    """Seed 003: new rent in effect after the reminder, before payment — "payment
    unsuccessful", pay by hand; the set-up stays and goes on with the next invoice."""
    await _start(scenario)
    await scenario.walk_to(REMINDER_DAY)
    january = await scenario.rent_invoice(JAN_DUE)
    await scenario.review_rent(date(2026, 12, 30), JAN_DUE, 100_000)
    await scenario.walk_to(FEB_DUE)
    await _assert_unsuccessful(scenario, january.id, 100_000)
    february = await scenario.rent_invoice(FEB_DUE)
    assert await _total(scenario, february.id) == 100_000  # invoiced at the new rent
    [charged] = await _succeeded(scenario, february.id)
    assert charged["amount"] == 100_000
    assert await _setup_status(scenario) is SetupStatus.ACTIVE


async def test_a_second_review_brings_an_invoice_issued_at_the_first_to_the_new_rent(
    scenario: Scenario,
) -> None:
    """A full month invoiced at a reviewed rent is still a full month when a later review
    reaches it: it costs the new rent, which the reminder states and the charge takes (it was
    once taken for a part month and cost 97,000 x 89,500 / 95,000)."""
    await _start(scenario)
    await scenario.review_rent(SETUP_DAY, DEC_DUE, 89_500)
    await scenario.walk_to(date(2026, 12, 20))
    january = await scenario.rent_invoice(JAN_DUE)  # issued at the first review's rent
    assert await _total(scenario, january.id) == 89_500
    await scenario.review_rent(date(2026, 12, 20), JAN_DUE, 97_000)
    assert await _total(scenario, january.id) == 97_000
    await scenario.walk_to(JAN_DUE)
    [reminder] = scenario.emails(PRE_CHARGE)
    assert eur(97_000) in reminder.subject
    [charged] = await _succeeded(scenario, january.id)
    assert charged["amount"] == 97_000
    assert scenario.emails(UNSUCCESSFUL) == []


async def test_a_set_up_after_a_review_agrees_to_the_new_rent(scenario: Scenario) -> None:
    """Staff reviewed the rent from the first period recurring will pay before the tenant set
    it up: the tenant agrees to the new rent, so the reminder has no change to outline and
    the charge takes the new rent."""
    await scenario.tick(SETUP_DAY)
    await scenario.review_rent(SETUP_DAY, JAN_DUE, 100_000)
    await scenario.set_up_card()
    assert (await scenario.setup_row()).agreed_amount == 100_000
    await scenario.walk_to(JAN_DUE)
    january = await scenario.rent_invoice(JAN_DUE)
    assert await _total(scenario, january.id) == 100_000
    [reminder] = scenario.emails(PRE_CHARGE)
    assert eur(100_000) in reminder.subject
    assert "not the" not in text_of(reminder)
    [charged] = await _succeeded(scenario, january.id)
    assert charged["amount"] == 100_000
    assert scenario.emails(UNSUCCESSFUL) == []


async def test_a_set_up_before_a_later_review_agrees_to_the_rent_it_will_pay_first(
    scenario: Scenario,
) -> None:
    """A review recorded before set-up but from February: the set-up agrees to January's
    rent, and February's reminder outlines the change before the charge goes ahead."""
    await scenario.tick(SETUP_DAY)
    await scenario.review_rent(SETUP_DAY, FEB_DUE, 100_000)
    await scenario.set_up_card()
    assert (await scenario.setup_row()).agreed_amount == RENT
    await scenario.walk_to(FEB_DUE)
    january, february = await scenario.rent_invoice(JAN_DUE), await scenario.rent_invoice(FEB_DUE)
    assert [c["amount"] for c in await _succeeded(scenario, january.id)] == [RENT]
    reminders = scenario.emails(PRE_CHARGE)
    [february_reminder] = [m for m in reminders if eur(100_000) in m.subject]
    assert len(reminders) == 2
    assert f"not the {eur(RENT)}" in text_of(february_reminder)
    assert [c["amount"] for c in await _succeeded(scenario, february.id)] == [100_000]


# --------------------------------------------------------------------- paid another way


async def test_paid_another_way_before_the_reminder_is_skipped(scenario: Scenario) -> None:
    """Seed 003: paid another way before the reminder — not scheduled (already paid), the
    set-up stays."""
    await _start(scenario)
    await scenario.walk_to(date(2026, 12, 20))
    january = await scenario.rent_invoice(JAN_DUE)
    await scenario.pay_by_transfer(january, RENT, date(2026, 12, 20))
    await scenario.walk_to(FEB_DUE)
    assert scenario.emails(f"{eur(RENT)} on 1 January") == []
    assert await scenario.localstripe.payment_intents(january.id) == []
    charge = await scenario.charge_of(january)
    assert charge is not None
    assert charge.status is ChargeStatus.SKIPPED
    february = await scenario.rent_invoice(FEB_DUE)
    assert len(await _succeeded(scenario, february.id)) == 1
    assert await _setup_status(scenario) is SetupStatus.ACTIVE


async def test_paid_another_way_after_the_reminder_is_skipped(scenario: Scenario) -> None:
    """Seed 003: paid another way after the reminder — the invoice is paid when the payment is
    attempted, so it is skipped; the set-up stays."""
    await _start(scenario)
    await scenario.walk_to(REMINDER_DAY)
    january = await scenario.rent_invoice(JAN_DUE)
    assert len(scenario.emails(PRE_CHARGE)) == 1
    await scenario.pay_by_transfer(january, RENT, date(2026, 12, 30))
    await scenario.walk_to(FEB_DUE)
    assert await scenario.localstripe.payment_intents(january.id) == []
    charge = await scenario.charge_of(january)
    assert charge is not None
    assert charge.status is ChargeStatus.SKIPPED
    assert scenario.emails(UNSUCCESSFUL) == []
    february = await scenario.rent_invoice(FEB_DUE)
    assert len(await _succeeded(scenario, february.id)) == 1


async def test_an_invoice_paid_by_credit_before_its_charge_is_skipped(scenario: Scenario) -> None:
    """Issue 11: credit is used when an invoice opens. A tenant who paid two months' rent on
    10 December holds a month's credit; it settles January the day January is issued, so no
    reminder announces a charge and nothing is charged: the charge is skipped like any invoice
    paid another way, under the invoice's row lock. February is charged as usual."""
    await _start(scenario)
    await scenario.walk_to(date(2026, 12, 10))
    now = scenario.at(date(2026, 12, 10))
    async with scenario.database.transaction() as session:
        await record_offline_payment(
            session,
            scenario.agency,
            scenario.manager,
            lease_id=scenario.lease.id,
            tenant_id=scenario.tenant.id,
            amount=2 * RENT,
            currency="EUR",
            method=PaymentMethod.BANK_TRANSFER,
            received_on=date(2026, 12, 10),
            reference="December and January",
            allocations=None,
            now=now,
        )
    await scenario.walk_to(JAN_ISSUED)
    january = await scenario.rent_invoice(JAN_DUE)
    assert await _outstanding(scenario, january.id) == 0
    await scenario.walk_to(FEB_DUE)
    assert scenario.emails(f"{eur(RENT)} on 1 January") == []
    assert await scenario.localstripe.payment_intents(january.id) == []
    charge = await scenario.charge_of(january)
    assert charge is None or charge.status is ChargeStatus.SKIPPED
    assert scenario.emails(UNSUCCESSFUL) == []
    february = await scenario.rent_invoice(FEB_DUE)
    assert len(await _succeeded(scenario, february.id)) == 1
    assert await _setup_status(scenario) is SetupStatus.ACTIVE


# --------------------------------------------------------------------- credit notes


async def test_credit_note_before_the_reminder_is_highlighted_and_paid(scenario: Scenario) -> None:
    """Seed 003: a credit note before the reminder — the reminder highlights the change and
    the invoice is paid as scheduled."""
    await _start(scenario)
    await scenario.walk_to(date(2026, 12, 20))
    january = await scenario.rent_invoice(JAN_DUE)
    await scenario.credit(january, 10_000, date(2026, 12, 20))
    await scenario.walk_to(JAN_DUE)
    [reminder] = scenario.emails(PRE_CHARGE)
    assert eur(RENT - 10_000) in reminder.subject
    assert f"not the {eur(RENT)}" in text_of(reminder)
    [charged] = await _succeeded(scenario, january.id)
    assert charged["amount"] == RENT - 10_000
    assert await _outstanding(scenario, january.id) == 0


async def test_credit_note_after_the_reminder_fails_the_payment(scenario: Scenario) -> None:
    """Seed 003: a credit note after the reminder — the tenant is told the payment failed
    (the amount differs), may pay by hand, and the set-up stays."""
    await _start(scenario)
    await scenario.walk_to(REMINDER_DAY)
    january = await scenario.rent_invoice(JAN_DUE)
    await scenario.credit(january, 10_000, date(2026, 12, 30))
    await scenario.walk_to(FEB_DUE)
    await _assert_unsuccessful(scenario, january.id, RENT - 10_000)
    assert await _outstanding(scenario, january.id) == RENT - 10_000
    assert await _setup_status(scenario) is SetupStatus.ACTIVE
    february = await scenario.rent_invoice(FEB_DUE)
    assert len(await _succeeded(scenario, february.id)) == 1


# --------------------------------------------------------------------- timing and eligibility


async def test_due_within_three_days_waits_three_days_after_the_reminder(
    scenario: Scenario,
) -> None:
    """Seed 003: the next invoice is due within 3 days — scheduled and reminded at once, but
    not charged until 3 days have passed, even though it is overdue meanwhile."""
    await _start(scenario)
    await scenario.change_settings(invoice_lead_days=1)
    await scenario.walk_to(date(2026, 12, 31))
    january = await scenario.rent_invoice(JAN_DUE)
    assert january.issue_date == date(2026, 12, 31)
    [reminder] = scenario.emails(PRE_CHARGE)
    assert "3 January 2027" in reminder.subject
    await scenario.walk_to(date(2027, 1, 2))
    assert await scenario.localstripe.payment_intents(january.id) == []
    assert await _outstanding(scenario, january.id) == RENT  # overdue since the 1st
    await scenario.walk_to(date(2027, 1, 3))
    [charged] = await _succeeded(scenario, january.id)
    assert charged["amount"] == RENT


async def test_set_up_with_older_arrears_pays_only_newer_invoices(scenario: Scenario) -> None:
    """Seed 003: set up while older invoices are in arrears — only rent invoices created and
    approved from the day after set-up are paid by recurring; the others stay manual."""
    arrears = [
        await scenario.rent_arrears(date(2026, 10, 1), 95_000),
        await scenario.rent_arrears(date(2026, 11, 1), 95_000),
    ]
    await _start(scenario)
    await scenario.walk_to(JAN_DUE)
    for invoice in [*arrears, await scenario.rent_invoice(DEC_DUE)]:
        assert await scenario.charge_of(invoice) is None
        assert await scenario.localstripe.payment_intents(invoice.id) == []
        assert await _outstanding(scenario, invoice.id) == RENT
    january = await scenario.rent_invoice(JAN_DUE)
    [charged] = await _succeeded(scenario, january.id)
    assert charged["amount"] == RENT


async def test_oldest_invoice_first_does_not_apply_to_recurring_payments(
    scenario: Scenario,
) -> None:
    """Seed 003: the trust account's "must receipt the oldest invoice first" does not apply:
    the recurring payment settles the invoice it was taken for."""
    async with scenario.database.transaction() as session:
        from doorstep.agencies.service import get_trust_account

        (await get_trust_account(session, scenario.agency.id)).receipt_oldest_invoice_first = True
    await _start(scenario)
    await scenario.walk_to(JAN_DUE)
    december = await scenario.rent_invoice(DEC_DUE)
    january = await scenario.rent_invoice(JAN_DUE)
    assert len(await _succeeded(scenario, january.id)) == 1
    assert await _outstanding(scenario, january.id) == 0
    assert await _outstanding(scenario, december.id) == RENT
    async with scenario.database.transaction() as session:
        payment = await session.scalar(
            select(Payment).where(
                Payment.lease_id == scenario.lease.id, Payment.status == PaymentStatus.SUCCEEDED
            )
        )
        assert payment is not None
        allocated = (
            await session.scalars(
                select(Allocation.invoice_id).where(Allocation.payment_id == payment.id)
            )
        ).all()
    assert allocated == [january.id]
