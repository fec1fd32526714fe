"""A recurring charge taken from a SEPA mandate is recorded as a SEPA direct debit, not as a
card payment: the payment, its receipt and every place that names the method say so, in each
language."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from sqlalchemy import select

from doorstep.documents.i18n import CATALOGUE
from doorstep.documents.receipts import receipt_data
from doorstep.payments.ledger.models import Payment, PaymentMethod, PaymentStatus, Receipt
from doorstep.recurring.models import SetupMethod
from doorstep.recurring.service import AUTHORISATION_VERSION, set_up
from doorstep.recurring.transitions import ChargeStatus
from doorstep.scheduler.service import tick
from tests.recurring.conftest import RENT, SETUP_DAY, Scenario, morning

JAN_DUE = date(2027, 1, 1)
# An IBAN localstripe accepts: the debit succeeds once the bank answers (half a second on).
GOOD_IBAN = "DE89 3704 0044 0532 0130 00"
# A bound on waiting for the gateway's later answer, never an assertion on time.
PATIENCE_POLLS = 600


async def test_a_sepa_debit_is_recorded_and_receipted_as_a_sepa_direct_debit(
    scenario: Scenario,
) -> None:
    await scenario.tick(SETUP_DAY)
    scenario.at(SETUP_DAY)
    await set_up(
        scenario.database,
        scenario.gateway,
        scenario.agency,
        scenario.tenant,
        lease_id=scenario.lease.id,
        method=SetupMethod.SEPA_DEBIT,
        payment_method_id=None,
        iban=GOOD_IBAN,
        account_holder="Tara Tenant",
        authorisation_version=AUTHORISATION_VERSION,
        client="pytest",
        now=scenario.clock.now(),
    )
    await scenario.walk_to(JAN_DUE)
    january = await scenario.rent_invoice(JAN_DUE)
    charge = await scenario.charge_of(january)
    assert charge is not None
    # Taken, the debit waits for the bank (or the bank already answered, on a slow machine).
    assert charge.status in {ChargeStatus.PROCESSING, ChargeStatus.SUCCEEDED}
    async with scenario.database.transaction() as session:
        taken = await session.get_one(Payment, charge.payment_id)
        assert taken.method is PaymentMethod.SEPA_DEBIT

    # Wait for the gateway to hold the bank's answer; the next look after the poll interval
    # applies it.
    for _ in range(PATIENCE_POLLS):
        [intent] = await scenario.charges_at_gateway(january)
        if intent["status"] != "processing":
            break
        await asyncio.sleep(0.05)
    assert intent["status"] == "succeeded"
    later = morning(JAN_DUE) + timedelta(minutes=20)
    scenario.clock.advance_to(later)
    assert (await tick(scenario.database, scenario.registry, later)).ok

    charge = await scenario.charge_of(january)
    assert charge is not None
    assert charge.status is ChargeStatus.SUCCEEDED
    async with scenario.database.transaction() as session:
        payment = await session.get_one(Payment, charge.payment_id)
        assert (payment.method, payment.status, payment.amount) == (
            PaymentMethod.SEPA_DEBIT,
            PaymentStatus.SUCCEEDED,
            RENT,
        )
        receipt = await session.scalar(select(Receipt).where(Receipt.payment_id == payment.id))
        assert receipt is not None
        data = await receipt_data(session, scenario.agency.id, payment.id, later)
    assert data.method == "sepa_debit"


def test_every_payment_method_is_named_on_receipts_in_every_language() -> None:
    expected = {"en": "SEPA direct debit", "fr": "Prélèvement SEPA", "nl": "SEPA-domiciliëring"}
    for language, words in CATALOGUE.items():
        for method in PaymentMethod:
            assert f"method.{method.value}" in words, (language, method)
        assert words["method.sepa_debit"] == expected[language]
