"""Stripe webhooks: verified, applied once, never undoing a success — with the events
localstripe really sent."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import math
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from doorstep.billing.models import Allocation
from doorstep.core.db import Database
from doorstep.payments.cards.gateway import StripeGateway
from doorstep.payments.cards.models import GatewayEvent
from doorstep.payments.ledger.models import Payment, PaymentStatus, Receipt
from tests.payments_online.conftest import (
    SECRET_KEY,
    WEBHOOK_SECRET,
    Delivery,
    LocalStripe,
    World,
    key_headers,
    save_card,
)

THREE_D_SECURE = "4000002500003155"
VISA = "4242424242424242"


def sign(body: bytes, secret: str = WEBHOOK_SECRET, at: int | None = None) -> str:
    timestamp = int(time.time()) if at is None else at
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


async def deliver(api: httpx.AsyncClient, body: bytes, signature: str | None) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers["Stripe-Signature"] = signature
    return await api.post("/api/v1/webhooks/stripe", content=body, headers=headers)


async def _state(database: Database) -> tuple[list[PaymentStatus], int, int, int]:
    async with database.transaction() as session:
        statuses = list((await session.scalars(select(Payment.status))).all())
        receipts = await session.scalar(select(func.count()).select_from(Receipt))
        allocations = await session.scalar(select(func.count()).select_from(Allocation))
        events = await session.scalar(select(func.count()).select_from(GatewayEvent))
    return statuses, int(receipts or 0), int(allocations or 0), int(events or 0)


async def _waiting_for_3ds(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World
) -> tuple[str, Delivery]:
    """A card payment waiting for 3-D Secure, which the tenant then completes: returns the
    intent id and the payment_intent.succeeded event localstripe sent (not yet delivered)."""
    method = await save_card(api, localstripe, world.tenant_headers, THREE_D_SECURE)
    started = await api.post(
        f"/api/v1/portal/invoices/{world.invoice.id}/payments",
        json={"payment_method_id": method},
        headers=key_headers(world.tenant_headers),
    )
    assert started.json()["status"] == "requires_action", started.text
    secret = started.json()["client_secret"]
    await localstripe.authenticate(secret)
    intent_id = secret.split("_secret_")[0]
    return intent_id, await localstripe.capture.wait_for("payment_intent.succeeded", intent_id)


Spoilt = Callable[[], tuple[bytes, str | None]]


def _spoilt(real: Delivery) -> dict[str, Spoilt]:
    """Deliveries that must be refused, each signed when it is sent: the timestamps sit just
    outside the tolerance of the clock at that moment (the future one rounded up, as the
    signature carries whole seconds)."""
    tampered = real.body.replace(b'"amount": 95000', b'"amount": 95001')
    assert tampered != real.body
    return {
        "tampered body": lambda: (tampered, real.signature),
        "wrong secret": lambda: (real.body, sign(real.body, secret="whsec_someone_else")),
        "stale timestamp": lambda: (real.body, sign(real.body, at=int(time.time()) - 301)),
        "future timestamp": lambda: (
            real.body,
            sign(real.body, at=math.ceil(time.time()) + 301),
        ),
        "no signature": lambda: (real.body, None),
        "signature of another body": lambda: (real.body, sign(b"{}")),
    }


async def test_an_unverifiable_webhook_is_refused_and_changes_nothing(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World, committed_database: Database
) -> None:
    _, real = await _waiting_for_3ds(api, localstripe, world)
    before = await _state(committed_database)
    assert before[0] == [PaymentStatus.PENDING]

    for spoil, delivery in _spoilt(real).items():
        refused = await deliver(api, *delivery())

        assert refused.status_code == 400, (spoil, refused.text)
        assert refused.json()["type"] == "urn:doorstep:problem:invalid-webhook"
        assert await _state(committed_database) == before, spoil

    # The genuine delivery still works afterwards.
    accepted = await deliver(api, real.body, real.signature)
    assert accepted.status_code == 200
    assert (await _state(committed_database))[0] == [PaymentStatus.SUCCEEDED]


@pytest.mark.parametrize("garbage", [b"", b"not json", b"{}", b"[1, 2]", b"\xff\xfe"])
async def test_garbage_is_a_400_even_when_correctly_signed(
    api: httpx.AsyncClient, committed_database: Database, garbage: bytes
) -> None:
    response = await deliver(api, garbage, sign(garbage))
    assert response.status_code == 400
    assert (await _state(committed_database))[3] == 0


async def test_the_same_event_delivered_ten_times_changes_things_once(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World, committed_database: Database
) -> None:
    _, succeeded = await _waiting_for_3ds(api, localstripe, world)

    responses = await asyncio.gather(
        *(deliver(api, succeeded.body, succeeded.signature) for _ in range(10))
    )

    assert {r.status_code for r in responses} == {200}
    outcomes = Counter(r.json()["outcome"] for r in responses)
    assert outcomes == {"applied: succeeded": 1, "duplicate": 9}
    statuses, receipts, allocations, events = await _state(committed_database)
    assert statuses == [PaymentStatus.SUCCEEDED]
    assert (receipts, allocations, events) == (1, 1, 1)


def _as(delivery: Delivery, event_type: str, **intent: Any) -> bytes:
    """The same intent in another event (what a delayed or earlier event would carry)."""
    event = delivery.event
    event["id"] = f"{event['id']}_{event_type.rsplit('.', 1)[-1]}"
    event["type"] = event_type
    event["data"]["object"].update(intent)
    return json.dumps(event).encode()


async def test_a_late_failure_after_success_is_recorded_and_ignored(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World, committed_database: Database
) -> None:
    _, succeeded = await _waiting_for_3ds(api, localstripe, world)
    late_failure = _as(
        succeeded,
        "payment_intent.payment_failed",
        status="requires_payment_method",
        last_payment_error={"code": "card_declined", "message": "Your card was declined."},
    )

    first = await deliver(api, succeeded.body, succeeded.signature)
    late = await deliver(api, late_failure, sign(late_failure))

    assert first.json()["outcome"] == "applied: succeeded"
    assert late.status_code == 200
    assert late.json()["outcome"] == "ignored: already succeeded"
    statuses, receipts, _, events = await _state(committed_database)
    assert statuses == [PaymentStatus.SUCCEEDED]
    assert (receipts, events) == (1, 2)


async def test_success_arriving_after_a_failure_still_records_the_money(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World, committed_database: Database
) -> None:
    """Out of order the other way: a failure event first, then the gateway's success. The
    money did arrive, so the payment ends succeeded (and receipted), never the reverse."""
    _, succeeded = await _waiting_for_3ds(api, localstripe, world)
    early_failure = _as(succeeded, "payment_intent.payment_failed", status="canceled")

    failed = await deliver(api, early_failure, sign(early_failure))
    assert failed.json()["outcome"] == "applied: failed"
    ok = await deliver(api, succeeded.body, succeeded.signature)

    assert ok.json()["outcome"] == "applied: succeeded"
    statuses, receipts, allocations, _ = await _state(committed_database)
    assert statuses == [PaymentStatus.SUCCEEDED]
    assert (receipts, allocations) == (1, 1)


async def test_a_decline_webhook_after_the_request_failed_it_changes_nothing(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World, committed_database: Database
) -> None:
    method = await save_card(api, localstripe, world.tenant_headers, "4000000000000341")
    refused = await api.post(
        f"/api/v1/portal/invoices/{world.invoice.id}/payments",
        json={"payment_method_id": method},
        headers=key_headers(world.tenant_headers),
    )
    assert refused.status_code == 402
    (intent,) = await localstripe.payment_intents(world.invoice.id)
    failed = await localstripe.capture.wait_for("payment_intent.payment_failed", intent["id"])

    response = await deliver(api, failed.body, failed.signature)

    assert response.json()["outcome"] == "ignored: already failed"
    assert (await _state(committed_database))[0] == [PaymentStatus.FAILED]


async def test_events_about_other_things_are_recorded_and_ignored(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World
) -> None:
    await save_card(api, localstripe, world.tenant_headers, VISA)
    created = await localstripe.capture.wait_for("customer.created")

    response = await deliver(api, created.body, created.signature)

    assert response.status_code == 200
    assert response.json()["outcome"] == "ignored: not handled"


async def _payout(localstripe: LocalStripe) -> Delivery:
    async with httpx.AsyncClient() as client:
        created = await client.post(
            f"{localstripe.base}/v1/payouts",
            data={"amount": "95000", "currency": "eur", "status": "paid"},
            headers={"Authorization": f"Bearer {SECRET_KEY}"},
        )
    created.raise_for_status()
    return await localstripe.capture.wait_for("payout.paid", created.json()["id"])


async def test_localstripe_payouts_are_recorded_though_it_cannot_say_what_they_hold(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World, committed_database: Database
) -> None:
    """localstripe sends payout.created/paid for payouts made through its API, but keeps no
    link from a payout to the charges in it (balance transactions cannot be listed by payout)."""
    method = await save_card(api, localstripe, world.tenant_headers, VISA)
    await api.post(
        f"/api/v1/portal/invoices/{world.invoice.id}/payments",
        json={"payment_method_id": method},
        headers=key_headers(world.tenant_headers),
    )
    paid = await _payout(localstripe)

    response = await deliver(api, paid.body, paid.signature)

    assert response.status_code == 200
    assert response.json()["outcome"] == "recorded: the gateway does not say which charges it holds"
    async with committed_database.transaction() as session:
        assert await session.scalar(select(Payment.payout_reference)) is None


class _PayoutsKnown(StripeGateway):
    """Beside the real gateway: a payout whose charges are known, as on Stripe."""

    def __init__(self, real: StripeGateway, charges: dict[str, list[str]]) -> None:
        super().__init__(real.config)
        self.charges = charges

    async def payout_payment_intents(self, payout_id: str) -> list[str] | None:
        return self.charges.get(payout_id, [])


async def test_a_paid_payout_marks_the_card_payments_it_brought_in(
    api: httpx.AsyncClient,
    pay_app: FastAPI,
    gateway: StripeGateway,
    localstripe: LocalStripe,
    world: World,
    committed_database: Database,
) -> None:
    method = await save_card(api, localstripe, world.tenant_headers, VISA)
    await api.post(
        f"/api/v1/portal/invoices/{world.invoice.id}/payments",
        json={"payment_method_id": method},
        headers=key_headers(world.tenant_headers),
    )
    (intent,) = await localstripe.payment_intents(world.invoice.id)
    paid = await _payout(localstripe)
    known = _PayoutsKnown(gateway, {paid.object_id: [intent["id"]]})
    pay_app.state.payment_gateway = known
    try:
        response = await deliver(api, paid.body, paid.signature)
    finally:
        await known.close()

    assert response.json()["outcome"] == "applied: 1 payments paid out"
    async with committed_database.transaction() as session:
        assert await session.scalar(select(Payment.payout_reference)) == paid.object_id
