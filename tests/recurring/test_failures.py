"""When the charge does not simply succeed: declined cards, authentication required off-session,
SEPA debits that stay processing, and a gateway that loses its answers."""

from __future__ import annotations

import asyncio
import random
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from doorstep.agencies.models import StaffRole
from doorstep.billing.ledger import invoice_amounts
from doorstep.billing.models import Invoice, InvoiceKind
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.notifications.smtp import Mailer
from doorstep.payments.ledger.models import Payment, PaymentStatus
from doorstep.recurring.models import ScheduledCharge, SetupMethod, SetupStatus
from doorstep.recurring.payments_port import (
    GatewayUnavailable,
    Intent,
    StripeGateway,
    start_card_setup,
)
from doorstep.recurring.service import AUTHORISATION_VERSION, set_up
from doorstep.recurring.transitions import ChargeStatus, FailureKind
from doorstep.scheduler.service import tick
from tests.factories import Factory
from tests.notifications.conftest import Sink
from tests.payments_online.conftest import LocalStripe
from tests.recurring.conftest import (
    DECLINED_AT_CHARGE,
    MAIL_FROM,
    RENT,
    SETUP_DAY,
    VISA,
    Scenario,
    morning,
    scenario_registry,
    text_of,
)

JAN_DUE = date(2027, 1, 1)
NEEDS_AUTHENTICATION = "4000002760003184"


async def test_a_declined_card_fails_the_charge_and_the_tenant_pays_by_hand(
    scenario: Scenario,
) -> None:
    await scenario.tick(SETUP_DAY)
    await scenario.set_up_card(DECLINED_AT_CHARGE)
    await scenario.walk_to(JAN_DUE)
    january = await scenario.rent_invoice(JAN_DUE)
    charge = await scenario.charge_of(january)
    assert charge is not None
    assert charge.status is ChargeStatus.FAILED
    assert charge.failure_kind is FailureKind.DECLINED
    [failed] = scenario.emails("did not go through")
    assert "declined by your bank" in text_of(failed)
    assert "https://doorstep.example/portal/pay/" in text_of(failed)
    async with scenario.database.transaction() as session:
        payment = await session.get_one(Payment, charge.payment_id)
        assert payment.status is PaymentStatus.FAILED
        assert (await invoice_amounts(session, [january.id]))[january.id].outstanding == RENT
    assert (await scenario.setup_row()).status is SetupStatus.ACTIVE


async def test_authentication_required_off_session_fails_with_a_link_to_pay_on_session(
    scenario: Scenario,
) -> None:
    await scenario.tick(SETUP_DAY)
    await scenario.set_up_card(NEEDS_AUTHENTICATION)
    await scenario.walk_to(JAN_DUE)
    january = await scenario.rent_invoice(JAN_DUE)
    charge = await scenario.charge_of(january)
    assert charge is not None
    assert charge.status is ChargeStatus.FAILED
    assert charge.failure_kind is FailureKind.AUTHENTICATION_REQUIRED
    [intent] = await scenario.localstripe.payment_intents(january.id)
    assert intent["status"] == "canceled"  # nobody was there to answer 3-D Secure
    [failed] = scenario.emails("did not go through")
    assert "confirm the payment" in text_of(failed)
    assert "https://doorstep.example/portal/pay/" in text_of(failed)


async def test_a_sepa_debit_stays_processing_until_the_gateway_says(scenario: Scenario) -> None:
    """A direct debit's outcome arrives later (localstripe: a refused mandate fails half a
    second after the charge): the charge waits in processing, then fails like a declined card."""
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
        iban="DE62 3704 0044 0532 0130 01",  # localstripe refuses it, later
        account_holder="Tara Tenant",
        authorisation_version=AUTHORISATION_VERSION,
        client="pytest",
        now=scenario.clock.now(),
    )
    await scenario.walk_to(JAN_DUE)
    january = await scenario.rent_invoice(JAN_DUE)
    charge = await scenario.charge_of(january)
    assert charge is not None
    assert charge.status is ChargeStatus.PROCESSING
    [reminder] = scenario.emails("We will take")
    assert "bank account IBAN •••• 3001 (SEPA direct debit)" in text_of(reminder)
    async with scenario.database.transaction() as session:
        assert (await session.get_one(Payment, charge.payment_id)).status is PaymentStatus.PENDING
    assert scenario.emails("did not go through") == []
    # The bank's answer comes meanwhile (localstripe: half a second); the next look after the
    # poll interval applies it.
    await asyncio.sleep(1)
    later = morning(JAN_DUE) + timedelta(minutes=20)
    scenario.clock.advance_to(later)
    report = await tick(scenario.database, scenario.registry, later)
    assert report.ok
    charge = await scenario.charge_of(january)
    assert charge is not None
    assert charge.status is ChargeStatus.FAILED
    assert charge.failure_kind is FailureKind.DECLINED
    assert len(scenario.emails("did not go through")) == 1
    async with scenario.database.transaction() as session:
        assert (await session.get_one(Payment, charge.payment_id)).status is PaymentStatus.FAILED
        assert (await invoice_amounts(session, [january.id]))[january.id].outstanding == RENT


class LosingGateway(StripeGateway):
    """The real adapter, except that it times out: before a charge reaches localstripe, or
    after localstripe took the money (the answer is lost), and on the look-ups that follow."""

    def __init__(self, real: StripeGateway, seed: int) -> None:
        super().__init__(real.config)
        self.random = random.Random(seed)
        self.lost_after_charge = 0

    async def create_payment_intent(self, **kwargs: Any) -> Intent:
        roll = self.random.random()
        if roll < 0.25:
            raise GatewayUnavailable()
        intent = await super().create_payment_intent(**kwargs)
        if roll < 0.6:
            self.lost_after_charge += 1
            raise GatewayUnavailable()
        return intent

    async def find_payment_intent(self, **kwargs: Any) -> Intent | None:
        if self.random.random() < 0.3:
            raise GatewayUnavailable()
        return await super().find_payment_intent(**kwargs)

    async def get_payment_intent(self, intent_id: str) -> Intent:
        if self.random.random() < 0.3:
            raise GatewayUnavailable()
        return await super().get_payment_intent(intent_id)


async def test_a_gateway_that_times_out_after_charging_never_charges_twice(
    committed_database: Database,
    gateway: StripeGateway,
    localstripe: LocalStripe,
    smtp_sink: Sink,
) -> None:
    """100 charges through a gateway that loses a third of its answers after taking the money
    (and fails look-ups too): every invoice is charged exactly once, and every charge ends
    final."""
    leases_count = 100
    clock = FixedClock(morning(SETUP_DAY))
    async with committed_database.transaction() as session:
        factory = Factory(session, None, clock)  # type: ignore[arg-type]
        agency = await factory.agency(f"Lossy Lettings {uuid.uuid4().hex[:6]}")
        agency.settings = {**agency.settings, "features": {"online_payments": True}}
        await factory.staff(agency, StaffRole.MANAGER)
        prop = await factory.property(agency)
        pairs = []
        for number in range(leases_count):
            tenant = await factory.tenant(agency)
            unit = await factory.unit(agency, prop, name=f"U{number}")
            lease = await factory.lease(
                agency, [tenant], unit=unit, start=date(2026, 9, 1), rent=RENT
            )
            pairs.append((tenant, lease))
    mailer = Mailer(smtp_sink.url, mail_from=MAIL_FROM, timeout=5, max_attempts=3)
    plain = scenario_registry(gateway, mailer)
    assert (await tick(committed_database, plain, morning(SETUP_DAY))).ok
    set_up_at = datetime(2026, 11, 23, 12, tzinfo=UTC)
    for tenant, lease in pairs:
        setup_session = await start_card_setup(committed_database, gateway, tenant)
        method = await localstripe.confirm_card_setup(setup_session.client_secret, VISA)
        await set_up(
            committed_database,
            gateway,
            agency,
            tenant,
            lease_id=lease.id,
            method=SetupMethod.CARD,
            payment_method_id=method,
            iban=None,
            account_holder=None,
            authorisation_version=AUTHORISATION_VERSION,
            client="pytest",
            now=set_up_at,
        )
    for day in (date(2026, 12, 18), date(2026, 12, 29)):
        assert (await tick(committed_database, plain, morning(day))).ok
    lossy = LosingGateway(gateway, seed=20261206)
    faulty = scenario_registry(lossy, mailer)
    instant = morning(JAN_DUE)
    try:
        for _ in range(120):
            await tick(committed_database, faulty, instant)
            async with committed_database.transaction() as session:
                open_charges = await session.scalar(
                    select(func.count()).where(
                        ScheduledCharge.agency_id == agency.id,
                        ScheduledCharge.status.not_in([ChargeStatus.SUCCEEDED]),
                    )
                )
            if not open_charges:
                break
            instant += timedelta(minutes=3)
    finally:
        await lossy.close()
    assert lossy.lost_after_charge > 10  # the faults really happened
    async with committed_database.transaction() as session:
        statuses = Counter(
            (
                await session.scalars(
                    select(ScheduledCharge.status).where(ScheduledCharge.agency_id == agency.id)
                )
            ).all()
        )
        invoice_ids = set(
            (
                await session.scalars(
                    select(Invoice.id).where(
                        Invoice.agency_id == agency.id,
                        Invoice.kind == InvoiceKind.RENT,
                        Invoice.due_date == JAN_DUE,
                    )
                )
            ).all()
        )
        outstanding = await invoice_amounts(session, invoice_ids)
    assert statuses == {ChargeStatus.SUCCEEDED: leases_count}
    taken = Counter(
        i["metadata"]["doorstep_invoice_id"]
        for i in await localstripe.payment_intents()
        if i["status"] == "succeeded"
        and i["metadata"].get("doorstep_invoice_id") in {str(x) for x in invoice_ids}
    )
    assert len(taken) == leases_count
    assert max(taken.values()) == 1  # no invoice charged twice
    assert all(amounts.outstanding == 0 for amounts in outstanding.values())


class PaidMeanwhile(StripeGateway):
    """The real adapter; while the charge is on its way, the tenant's bank transfer for the same
    invoice is recorded (the invoice's lock was released when the charge was claimed)."""

    def __init__(self, real: StripeGateway, scenario: Scenario) -> None:
        super().__init__(real.config)
        self.scenario = scenario

    async def create_payment_intent(self, **kwargs: Any) -> Intent:
        invoice = await self.scenario.rent_invoice(JAN_DUE)
        await self.scenario.pay_by_transfer(invoice, RENT, JAN_DUE)
        return await super().create_payment_intent(**kwargs)


async def test_a_decline_for_an_invoice_paid_meanwhile_asks_nothing_more(
    scenario: Scenario, smtp_sink: Sink
) -> None:
    await scenario.tick(SETUP_DAY)
    await scenario.set_up_card(DECLINED_AT_CHARGE)
    await scenario.walk_to(date(2026, 12, 31))
    racing = PaidMeanwhile(scenario.gateway, scenario)
    mailer = Mailer(smtp_sink.url, mail_from=MAIL_FROM, timeout=5, max_attempts=3)
    scenario.registry = scenario_registry(racing, mailer)
    try:
        await scenario.tick(JAN_DUE)  # asserts the tick had no failure
    finally:
        await racing.close()
    january = await scenario.rent_invoice(JAN_DUE)
    charge = await scenario.charge_of(january)
    assert charge is not None
    assert charge.status is ChargeStatus.FAILED
    assert scenario.emails("did not go through") == []  # nothing left to pay
    async with scenario.database.transaction() as session:
        assert (await invoice_amounts(session, [january.id]))[january.id].outstanding == 0
