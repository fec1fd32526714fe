"""The gateway adapter against localstripe: typed results and domain errors."""

from __future__ import annotations

import uuid

import httpx
import pytest

from doorstep.payments.cards.gateway import (
    CardDeclined,
    GatewayFailure,
    GatewayNotFound,
    GatewayUnavailable,
    IntentStatus,
    StripeGateway,
)
from tests.live import free_port
from tests.payments_online.conftest import LocalStripe


async def _card(gateway: StripeGateway, localstripe: LocalStripe, number: str) -> tuple[str, str]:
    customer = await gateway.create_customer(name="Tara Tenant", email="t@example.com", metadata={})
    setup = await gateway.create_setup_intent(customer)
    method = await localstripe.confirm_card_setup(setup.client_secret, number)
    card = await gateway.attach_card(method, customer)
    assert card.customer == customer
    return customer, method


async def test_an_off_session_charge_in_one_call_and_a_partial_refund(
    gateway: StripeGateway, localstripe: LocalStripe
) -> None:
    customer, method = await _card(gateway, localstripe, "4242424242424242")
    payment_id = uuid.uuid4()

    intent = await gateway.create_payment_intent(
        payment_id=payment_id,
        amount=12_345,
        currency="EUR",
        customer=customer,
        payment_method=method,
        metadata={"doorstep_payment_id": str(payment_id)},
        confirm=True,
        off_session=True,
    )

    assert intent.status is IntentStatus.SUCCEEDED
    assert (intent.amount, intent.currency) == (12_345, "EUR")
    assert intent.charge_id is not None
    assert intent.charge_id.startswith("ch_")
    assert intent.metadata == {"doorstep_payment_id": str(payment_id)}
    refund = await gateway.refund(intent_id=intent.id, amount=2_345, refund_id=uuid.uuid4())
    assert (refund.status, refund.amount) == ("succeeded", 2_345)


async def test_cards_are_listed_and_detached(
    gateway: StripeGateway, localstripe: LocalStripe
) -> None:
    customer, method = await _card(gateway, localstripe, "4242424242424242")

    (card,) = await gateway.list_cards(customer)
    assert (card.id, card.brand, card.last4, card.exp_month, card.exp_year) == (
        method,
        "visa",
        "4242",
        12,
        2030,
    )
    await gateway.detach_card(method)
    assert await gateway.list_cards(customer) == []


async def test_a_card_refused_at_attach_is_card_declined(
    gateway: StripeGateway, localstripe: LocalStripe
) -> None:
    """localstripe refuses 4000000000000002 when it is attached (or a SetupIntent confirmed
    with it)."""
    customer = await gateway.create_customer(name="Tara", email=None, metadata={})
    async with httpx.AsyncClient() as client:
        created = await client.post(
            f"{localstripe.base}/v1/payment_methods",
            data={
                "type": "card",
                "card[number]": "4000000000000002",
                "card[exp_month]": "12",
                "card[exp_year]": "2030",
                "card[cvc]": "123",
            },
            headers={"Authorization": f"Bearer {gateway.config.secret_key}"},
        )
    with pytest.raises(CardDeclined) as refused:
        await gateway.attach_card(created.json()["id"], customer)
    assert refused.value.status_code == 402
    assert refused.value.code == "card_declined"


async def test_unknown_objects_are_not_found(gateway: StripeGateway) -> None:
    with pytest.raises(GatewayNotFound):
        await gateway.get_payment_intent("pi_doesnotexist")
    with pytest.raises(GatewayNotFound):
        await gateway.get_card("pm_doesnotexist")


async def test_localstripe_refuses_off_session_on_a_separate_confirm(
    gateway: StripeGateway, localstripe: LocalStripe
) -> None:
    """Why the portal confirms on-session: localstripe takes off_session only together with
    confirm=True at creation. The refusal is a 502 problem, not a crash."""
    customer, method = await _card(gateway, localstripe, "4242424242424242")
    payment_id = uuid.uuid4()
    intent = await gateway.create_payment_intent(
        payment_id=payment_id,
        amount=500,
        currency="EUR",
        customer=customer,
        payment_method=method,
        metadata={},
    )
    assert intent.status is IntentStatus.REQUIRES_CONFIRMATION

    with pytest.raises(GatewayFailure) as refused:
        await gateway.confirm_payment_intent(intent.id, payment_id=payment_id, off_session=True)
    assert refused.value.status_code == 502


async def test_an_unreachable_gateway_is_a_503(localstripe: LocalStripe) -> None:
    config = localstripe.config()
    down = StripeGateway(
        type(config)(
            secret_key=config.secret_key,
            publishable_key=config.publishable_key,
            webhook_secret=config.webhook_secret,
            api_base=f"http://127.0.0.1:{free_port()}",
            timeout_seconds=2,
        )
    )
    try:
        with pytest.raises(GatewayUnavailable) as unreachable:
            await down.create_customer(name="Tara", email=None, metadata={})
    finally:
        await down.close()
    assert unreachable.value.status_code == 503
    assert unreachable.value.headers["Retry-After"] == "30"
