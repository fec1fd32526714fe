"""The agency's switches over recurring payments and their reminders (seed 000: "tenant portal,
payment links, and automated messages can depend on agency settings"), and the "payment
unsuccessful" alert on the tenant's devices.

- Automated messages off: no due-soon reminder; the pre-charge reminder still goes, as it is
  the notice the tenant's authorisation promises before each charge, not a courtesy.
- Tenant portal off: no reminder points to the portal, and no push (it opens the portal).
- Online payments off: nothing is scheduled or taken; a charge already announced is not taken
  and the tenant is told to pay by hand; the set-up stays.
"""

from __future__ import annotations

import json
import uuid
from datetime import date

from sqlalchemy import select

from doorstep.notifications.models import PushMessage, PushSubscription
from doorstep.recurring.models import SetupStatus
from doorstep.recurring.transitions import ChargeStatus
from tests.recurring.conftest import (
    DECLINED_AT_CHARGE,
    SETUP_DAY,
    Scenario,
    text_of,
)

DEC_DUE = date(2026, 12, 1)
JAN_DUE = date(2027, 1, 1)
JAN_REMINDED = date(2026, 12, 29)
ALL_ON = {"online_payments": True, "payment_links": True, "automated_messages": True}


async def _subscribe_a_device(scenario: Scenario) -> None:
    async with scenario.database.transaction() as session:
        session.add(
            PushSubscription(
                agency_id=scenario.agency.id,
                tenant_id=scenario.tenant.id,
                endpoint=f"https://fcm.googleapis.com/fcm/send/{uuid.uuid4().hex}",
                p256dh="BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
                auth="tBHItJI5svbpez7KI4CCXg",
                device_label="Test phone",
            )
        )


async def _pushes(scenario: Scenario, kind: str) -> list[dict[str, str]]:
    async with scenario.database.transaction() as session:
        payloads = await session.scalars(
            select(PushMessage.payload).where(PushMessage.kind == kind)
        )
        return [json.loads(payload) for payload in payloads]


async def test_automated_messages_off_silence_the_due_soon_reminder_not_the_charge_notice(
    scenario: Scenario,
) -> None:
    await scenario.change_settings(features={**ALL_ON, "automated_messages": False})
    await scenario.tick(SETUP_DAY)
    await scenario.set_up_card()
    await scenario.walk_to(JAN_REMINDED)
    # December's invoice (before the set-up, paid by hand) would have been reminded on 28
    # November.
    assert scenario.emails("due on") == []
    [notice] = scenario.emails("We will take")
    assert "1 January 2027" in notice.subject


async def test_without_the_portal_the_reminder_gives_the_bank_details_and_no_portal_link(
    scenario: Scenario,
) -> None:
    await scenario.change_settings(features={**ALL_ON, "tenant_portal": False})
    await _subscribe_a_device(scenario)
    await scenario.walk_to(date(2026, 11, 28))
    [reminder] = scenario.emails("due on")
    text = text_of(reminder)
    assert "/portal/" not in text
    assert "tenant portal" not in text
    assert "1 December 2026" in text
    assert await _pushes(scenario, "recurring_due_soon") == []


async def test_online_payments_switched_off_before_the_reminder_schedule_and_take_nothing(
    scenario: Scenario,
) -> None:
    await scenario.tick(SETUP_DAY)
    await scenario.set_up_card()
    await scenario.walk_to(DEC_DUE)
    await scenario.change_settings(features={**ALL_ON, "online_payments": False})
    await scenario.walk_to(JAN_DUE)
    january = await scenario.rent_invoice(JAN_DUE)
    assert await scenario.charge_of(january) is None
    assert await scenario.charges_at_gateway(january) == []
    assert scenario.emails("We will take") == []
    # The tenant is reminded to pay it like anyone else.
    assert any("1 January 2027" in m.subject for m in scenario.emails("due on"))
    assert (await scenario.setup_row()).status is SetupStatus.ACTIVE


async def test_online_payments_switched_off_after_the_reminder_take_nothing_and_say_so(
    scenario: Scenario,
) -> None:
    await scenario.tick(SETUP_DAY)
    await scenario.set_up_card()
    await scenario.walk_to(JAN_REMINDED)
    assert scenario.emails("We will take")
    await scenario.change_settings(features={**ALL_ON, "online_payments": False})
    await scenario.walk_to(JAN_DUE)
    january = await scenario.rent_invoice(JAN_DUE)
    charge = await scenario.charge_of(january)
    assert charge is not None
    assert charge.status is ChargeStatus.CANCELLED
    assert await scenario.charges_at_gateway(january) == []
    [told] = scenario.emails("did not go through")
    text = text_of(told)
    assert "paused online payments" in text
    assert "is due on 1 January 2027" in text
    assert "starts again when online payments are back" in text
    assert (await scenario.setup_row()).status is SetupStatus.ACTIVE


async def test_a_declined_charge_is_pushed_with_the_due_date_and_no_amount(
    scenario: Scenario,
) -> None:
    await _subscribe_a_device(scenario)
    await scenario.tick(SETUP_DAY)
    await scenario.set_up_card(DECLINED_AT_CHARGE)
    await scenario.walk_to(JAN_DUE)
    [failed] = scenario.emails("did not go through")
    assert "Invoice no. " in text_of(failed)
    assert "is due on 1 January 2027" in text_of(failed)
    [push] = await _pushes(scenario, "recurring_payment_unsuccessful")
    assert push["title"] == "Rent payment not taken"
    assert "1 January 2027" in push["body"]
    january = await scenario.rent_invoice(JAN_DUE)
    assert push["url"] == f"/portal/payments/invoices/{january.id}"
    # What a lock screen may show: no amount.
    assert "950" not in json.dumps(push)
