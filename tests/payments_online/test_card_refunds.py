"""Card refunds go back through the gateway, once, outside the request's transaction."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx

from doorstep.core.db import Database
from doorstep.payments.cards.gateway import StripeGateway
from doorstep.payments.cards.refunds import process_card_refunds
from tests.payments_online.conftest import SECRET_KEY, LocalStripe, World, key_headers, save_card

VISA = "4242424242424242"
NOW = datetime(2026, 11, 23, 10, tzinfo=UTC)


async def _charge(localstripe: LocalStripe, intent_id: str) -> dict[str, Any]:
    async with httpx.AsyncClient() as client:
        response = await client.get(
            f"{localstripe.base}/v1/payment_intents/{intent_id}",
            headers={"Authorization": f"Bearer {SECRET_KEY}"},
        )
    response.raise_for_status()
    charge: dict[str, Any] = response.json()["charges"]["data"][0]
    return charge


async def test_a_card_refund_is_sent_once_by_the_drain_and_reopens_the_invoice(
    api: httpx.AsyncClient,
    localstripe: LocalStripe,
    world: World,
    gateway: StripeGateway,
    committed_database: Database,
) -> None:
    method = await save_card(api, localstripe, world.tenant_headers, VISA)
    paid = await api.post(
        f"/api/v1/portal/invoices/{world.invoice.id}/payments",
        json={"payment_method_id": method},
        headers=key_headers(world.tenant_headers),
    )
    payment_id = paid.json()["payment_id"]

    requested = await api.post(
        f"/api/v1/payments/{payment_id}/refunds",
        json={"amount": 30_000, "reason": "Charged the deposit twice"},
        headers=key_headers(world.staff_headers),
    )

    assert requested.status_code == 201, requested.text
    assert requested.json()["status"] == "processing"
    (intent,) = await localstripe.payment_intents(world.invoice.id)
    assert (await _charge(localstripe, intent["id"]))["amount_refunded"] == 0

    assert await process_card_refunds(committed_database, gateway, NOW) == 1
    assert await process_card_refunds(committed_database, gateway, NOW) == 0

    assert (await _charge(localstripe, intent["id"]))["amount_refunded"] == 30_000
    payment = (await api.get(f"/api/v1/payments/{payment_id}", headers=world.staff_headers)).json()
    (refund,) = payment["refunds"]
    assert refund["status"] == "succeeded"
    assert (payment["refunded"], payment["allocated"]) == (30_000, 65_000)
    invoice = await api.get(f"/api/v1/invoices/{world.invoice.id}", headers=world.staff_headers)
    assert (invoice.json()["state"], invoice.json()["outstanding"]) == ("partially_paid", 30_000)


async def test_refunds_never_exceed_what_is_left_while_one_is_processing(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World
) -> None:
    method = await save_card(api, localstripe, world.tenant_headers, VISA)
    paid = await api.post(
        f"/api/v1/portal/invoices/{world.invoice.id}/payments",
        json={"payment_method_id": method},
        headers=key_headers(world.tenant_headers),
    )
    payment_id = paid.json()["payment_id"]
    first = await api.post(
        f"/api/v1/payments/{payment_id}/refunds",
        json={"amount": 40_000, "reason": "Part one"},
        headers=key_headers(world.staff_headers),
    )
    assert first.json()["status"] == "processing"

    second = await api.post(
        f"/api/v1/payments/{payment_id}/refunds",
        json={"amount": 55_001, "reason": "Too much"},
        headers=key_headers(world.staff_headers),
    )

    assert second.status_code == 409
