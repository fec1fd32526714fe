"""Charges whose answer was lost are settled later from what the gateway says, never charged
twice. The faults (a timeout after the charge, a crash before it) are injected by a gateway
that wraps the real localstripe one: the charge itself really happens."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.payments.cards.charges import reconcile_card_payments
from doorstep.payments.cards.gateway import GatewayUnavailable, Intent, StripeGateway
from doorstep.payments.cards.models import CardCharge
from doorstep.payments.ledger.models import Payment, PaymentStatus, Receipt
from tests.payments_online.conftest import LocalStripe, World, key_headers, save_card

VISA = "4242424242424242"
THREE_D_SECURE = "4000002500003155"


class TimesOutAfterCharging(StripeGateway):
    """Confirms for real at localstripe, then loses the answer as a timeout would."""

    async def confirm_payment_intent(
        self, intent_id: str, *, payment_id: object, off_session: bool = False
    ) -> Intent:
        await super().confirm_payment_intent(
            intent_id, payment_id=payment_id, off_session=off_session
        )
        raise GatewayUnavailable()


class DiesBeforeCreating(StripeGateway):
    """The process breaks down before the PaymentIntent exists (nothing is charged)."""

    async def create_payment_intent(self, **kwargs: object) -> Intent:
        raise RuntimeError("the process died")


async def _payment(database: Database) -> Payment:
    async with database.transaction() as session:
        payment: Payment | None = await session.scalar(select(Payment))
        assert payment is not None
        return payment


async def _reconcile(database: Database, gateway: StripeGateway, clock: FixedClock) -> int:
    async with database.transaction() as session:
        return await reconcile_card_payments(session, gateway, clock.now())


async def test_a_charge_whose_answer_was_lost_is_settled_by_the_tick_without_charging_again(
    api: httpx.AsyncClient,
    pay_app: FastAPI,
    gateway: StripeGateway,
    localstripe: LocalStripe,
    world: World,
    committed_database: Database,
    clock: FixedClock,
) -> None:
    method = await save_card(api, localstripe, world.tenant_headers, VISA)
    flaky = TimesOutAfterCharging(gateway.config)
    pay_app.state.payment_gateway = flaky
    headers = key_headers(world.tenant_headers, "lost-answer-key-1")
    try:
        lost = await api.post(
            f"/api/v1/portal/invoices/{world.invoice.id}/payments",
            json={"payment_method_id": method},
            headers=headers,
        )
    finally:
        await flaky.close()
        pay_app.state.payment_gateway = gateway

    assert lost.status_code == 503, lost.text
    assert lost.json()["type"] == "urn:doorstep:problem:payment-outcome-unknown"
    assert (await _payment(committed_database)).status is PaymentStatus.PENDING
    (intent,) = await localstripe.payment_intents(world.invoice.id)
    assert intent["status"] == "succeeded"  # the card was charged; the webhook is "lost"

    # Too young: it may still be in its request.
    assert await _reconcile(committed_database, gateway, clock) == 0
    clock.advance_to(clock.now() + timedelta(minutes=6))
    assert await _reconcile(committed_database, gateway, clock) == 1

    payment = await _payment(committed_database)
    assert payment.status is PaymentStatus.SUCCEEDED
    assert payment.gateway_reference == intent["id"]
    invoice = await api.get(
        f"/api/v1/portal/invoices/{world.invoice.id}", headers=world.tenant_headers
    )
    assert invoice.json()["state"] == "paid"
    async with committed_database.transaction() as session:
        assert (await session.scalars(select(Receipt.number))).all() == [1]
    assert len(await localstripe.payment_intents(world.invoice.id)) == 1
    assert await _reconcile(committed_database, gateway, clock) == 0

    # The tenant retries with the same key: the settled payment, no new charge.
    retried = await api.post(
        f"/api/v1/portal/invoices/{world.invoice.id}/payments",
        json={"payment_method_id": method},
        headers=headers,
    )
    assert retried.status_code == 201
    assert retried.json()["status"] == "succeeded"
    assert retried.json()["payment_id"] == str(payment.id)
    assert len(await localstripe.payment_intents(world.invoice.id)) == 1


async def test_a_retry_with_the_same_key_settles_a_lost_answer_at_once(
    api: httpx.AsyncClient,
    pay_app: FastAPI,
    gateway: StripeGateway,
    localstripe: LocalStripe,
    world: World,
    committed_database: Database,
) -> None:
    method = await save_card(api, localstripe, world.tenant_headers, VISA)
    flaky = TimesOutAfterCharging(gateway.config)
    pay_app.state.payment_gateway = flaky
    headers = key_headers(world.tenant_headers, "lost-answer-key-2")
    url = f"/api/v1/portal/invoices/{world.invoice.id}/payments"
    try:
        lost = await api.post(url, json={"payment_method_id": method}, headers=headers)
    finally:
        await flaky.close()
        pay_app.state.payment_gateway = gateway
    assert lost.status_code == 503

    retried = await api.post(url, json={"payment_method_id": method}, headers=headers)

    assert retried.status_code == 201, retried.text
    assert retried.json()["status"] == "succeeded"
    assert retried.json()["receipt_number"] == 1
    assert len(await localstripe.payment_intents(world.invoice.id)) == 1


async def test_a_crash_before_the_charge_fails_the_payment_and_frees_the_invoice(
    api: httpx.AsyncClient,
    pay_app: FastAPI,
    gateway: StripeGateway,
    localstripe: LocalStripe,
    world: World,
    committed_database: Database,
    clock: FixedClock,
) -> None:
    method = await save_card(api, localstripe, world.tenant_headers, VISA)
    dying = DiesBeforeCreating(gateway.config)
    pay_app.state.payment_gateway = dying
    url = f"/api/v1/portal/invoices/{world.invoice.id}/payments"
    try:
        with pytest.raises(RuntimeError, match="the process died"):
            await api.post(
                url, json={"payment_method_id": method}, headers=key_headers(world.tenant_headers)
            )
    finally:
        await dying.close()
        pay_app.state.payment_gateway = gateway
    payment = await _payment(committed_database)
    assert payment.status is PaymentStatus.PENDING
    blocked = await api.post(
        url, json={"payment_method_id": method}, headers=key_headers(world.tenant_headers)
    )
    assert blocked.status_code == 409
    assert blocked.json()["type"] == "urn:doorstep:problem:payment-in-progress"

    clock.advance_to(clock.now() + timedelta(minutes=6))
    assert await _reconcile(committed_database, gateway, clock) == 1

    payment = await _payment(committed_database)
    assert payment.status is PaymentStatus.FAILED
    assert payment.failure_reason == "The payment was interrupted before the card was charged."
    assert await localstripe.payment_intents(world.invoice.id) == []
    paid = await api.post(
        url, json={"payment_method_id": method}, headers=key_headers(world.tenant_headers)
    )
    assert paid.status_code == 201
    assert paid.json()["status"] == "succeeded"


async def test_an_abandoned_3d_secure_prompt_is_cancelled_after_half_an_hour(
    api: httpx.AsyncClient,
    gateway: StripeGateway,
    localstripe: LocalStripe,
    world: World,
    committed_database: Database,
    clock: FixedClock,
) -> None:
    method = await save_card(api, localstripe, world.tenant_headers, THREE_D_SECURE)
    started = await api.post(
        f"/api/v1/portal/invoices/{world.invoice.id}/payments",
        json={"payment_method_id": method},
        headers=key_headers(world.tenant_headers),
    )
    assert started.json()["status"] == "requires_action"

    clock.advance_to(clock.now() + timedelta(minutes=10))
    assert await _reconcile(committed_database, gateway, clock) == 0  # still answering
    clock.advance_to(clock.now() + timedelta(minutes=21))
    assert await _reconcile(committed_database, gateway, clock) == 1

    payment = await _payment(committed_database)
    assert payment.status is PaymentStatus.FAILED
    assert payment.failure_reason == "3-D Secure was not completed; you were not charged."
    (intent,) = await localstripe.payment_intents(world.invoice.id)
    assert intent["status"] == "canceled"
    async with committed_database.transaction() as session:
        assert (await session.scalar(select(CardCharge.settled_at))) is not None


async def test_starting_over_cancels_the_payers_own_unanswered_3d_secure(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World, committed_database: Database
) -> None:
    method = await save_card(api, localstripe, world.tenant_headers, THREE_D_SECURE)
    url = f"/api/v1/portal/invoices/{world.invoice.id}/payments"
    first = await api.post(
        url, json={"payment_method_id": method}, headers=key_headers(world.tenant_headers)
    )
    assert first.json()["status"] == "requires_action"
    visa = await save_card(api, localstripe, world.tenant_headers, VISA)

    second = await api.post(
        url, json={"payment_method_id": visa}, headers=key_headers(world.tenant_headers)
    )

    assert second.status_code == 201, second.text
    assert second.json()["status"] == "succeeded"
    statuses = sorted(i["status"] for i in await localstripe.payment_intents(world.invoice.id))
    assert statuses == ["canceled", "succeeded"]
