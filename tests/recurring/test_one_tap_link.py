"""Seed 003's "payment unsuccessful" e-mail gives the tenant a one-tap way to pay: its link
opens, through the public payment-link routes, the invoice for what it asks for now (not the
reminded amount), is paid by card there, and the recurring set-up goes on with the next invoice.
"""

from __future__ import annotations

import re
import uuid
from datetime import date

import httpx
from sqlalchemy import select

from doorstep.billing.ledger import invoice_amounts
from doorstep.core.clock import FixedClock
from doorstep.payments.ledger.models import Payment, PaymentMethod, PaymentStatus
from doorstep.recurring.models import SetupStatus
from doorstep.recurring.transitions import ChargeStatus
from tests.payments_online import conftest as online
from tests.recurring.conftest import RENT, SETUP_DAY, VISA, Scenario, text_of

# The app with real transactions and the localstripe gateway: the public payment-link routes.
pay_app = online.pay_app
api = online.api

JAN_DUE = date(2027, 1, 1)
FEB_DUE = date(2027, 2, 1)
REMINDER_DAY = date(2026, 12, 29)
CREDIT = 10_000
LINK = re.compile(r"https://doorstep\.example/portal/pay/([0-9a-f]{64})\s")


async def test_the_one_tap_link_pays_the_amount_now_due_and_the_set_up_goes_on(
    scenario: Scenario, api: httpx.AsyncClient, clock: FixedClock
) -> None:
    await scenario.tick(SETUP_DAY)
    await scenario.set_up_card()
    await scenario.walk_to(REMINDER_DAY)
    january = await scenario.rent_invoice(JAN_DUE)
    await scenario.credit(january, CREDIT, date(2026, 12, 30))
    await scenario.walk_to(JAN_DUE)
    now_due = RENT - CREDIT

    [failed] = scenario.emails("did not go through")
    found = LINK.search(text_of(failed))
    assert found is not None, text_of(failed)
    token = found.group(1)
    assert await scenario.localstripe.payment_intents(january.id) == []

    # The tenant taps the link the next morning.
    clock.advance_to(scenario.at(date(2027, 1, 2), hour=8))
    shown = await api.get(f"/api/v1/pay/{token}")
    assert shown.status_code == 200, shown.text
    assert shown.json()["amount_due"] == now_due
    assert shown.json()["payable"] is True
    assert shown.json()["reference"] == f"Invoice {january.number}"

    setup = await api.post(f"/api/v1/pay/{token}/setup")
    assert setup.status_code == 200, setup.text
    method = await scenario.localstripe.confirm_card_setup(setup.json()["client_secret"], VISA)
    paid = await api.post(
        f"/api/v1/pay/{token}/payments",
        json={"payment_method_id": method},
        headers={"Idempotency-Key": "one-tap-after-a-credit-note"},
    )
    assert paid.status_code == 201, paid.text
    assert paid.json()["status"] == "succeeded"

    [intent] = await scenario.localstripe.payment_intents(january.id)
    assert intent["amount"] == now_due
    assert intent["status"] == "succeeded"
    async with scenario.database.transaction() as session:
        assert (await invoice_amounts(session, [january.id]))[january.id].outstanding == 0
        payment = await session.scalar(
            select(Payment).where(Payment.id == uuid.UUID(paid.json()["payment_id"]))
        )
        assert payment is not None
        assert payment.method is PaymentMethod.PAYMENT_LINK
        assert payment.status is PaymentStatus.SUCCEEDED
    after = await api.get(f"/api/v1/pay/{token}")
    assert after.json()["payable"] is False
    assert after.json()["state"] == "paid"

    # The set-up stayed: February is reminded and charged as usual.
    assert (await scenario.setup_row()).status is SetupStatus.ACTIVE
    await scenario.walk_to(FEB_DUE)
    february = await scenario.rent_invoice(FEB_DUE)
    charge = await scenario.charge_of(february)
    assert charge is not None
    assert charge.status is ChargeStatus.SUCCEEDED
    assert [i["amount"] for i in await scenario.localstripe.payment_intents(february.id)] == [RENT]
    assert len(scenario.emails("did not go through")) == 1
