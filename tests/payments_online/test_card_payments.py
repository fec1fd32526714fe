"""A tenant saves a card and pays an invoice from the portal, against a real localstripe."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import httpx
from redis.asyncio import Redis
from sqlalchemy import func, select

from doorstep.billing.models import Allocation
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.payments.cards.charges import release_entered_cards
from doorstep.payments.cards.gateway import StripeGateway
from doorstep.payments.cards.models import CardCharge
from doorstep.payments.ledger.models import Payment, PaymentMethod, PaymentStatus, Receipt
from tests.notifications.conftest import run_worker, start_sink
from tests.payments_online.conftest import (
    LocalStripe,
    World,
    enter_card,
    key_headers,
    save_card,
)

VISA = "4242424242424242"
DECLINED_AT_CHARGE = "4000000000000341"
THREE_D_SECURE = "4000002500003155"


async def _payments(database: Database) -> list[Payment]:
    async with database.transaction() as session:
        return list((await session.scalars(select(Payment).order_by(Payment.id))).all())


async def _allocations(database: Database, payment: Payment) -> list[tuple[object, int]]:
    async with database.transaction() as session:
        rows = await session.execute(
            select(Allocation.invoice_id, Allocation.amount).where(
                Allocation.payment_id == payment.id
            )
        )
        return [(invoice_id, amount) for invoice_id, amount in rows]


async def test_a_saved_card_pays_the_invoice_and_it_is_receipted(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World, committed_database: Database
) -> None:
    method = await save_card(api, localstripe, world.tenant_headers, VISA)
    cards = await api.get("/api/v1/portal/payment-methods", headers=world.tenant_headers)
    assert cards.status_code == 200
    assert cards.json()["items"] == [
        {"id": method, "brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2030}
    ]

    paid = await api.post(
        f"/api/v1/portal/invoices/{world.invoice.id}/payments",
        json={"payment_method_id": method},
        headers=key_headers(world.tenant_headers),
    )

    assert paid.status_code == 201, paid.text
    body = paid.json()
    assert body["status"] == "succeeded"
    assert body["amount"] == 95_000
    assert body["currency"] == "EUR"
    assert body["receipt_number"] == 1
    assert body["client_secret"] is None
    (payment,) = await _payments(committed_database)
    assert payment.method is PaymentMethod.CARD
    assert payment.status is PaymentStatus.SUCCEEDED
    assert payment.succeeded_at is not None
    assert payment.received_on is not None
    # Seed 003: the money settles the invoice being paid, not the older one.
    assert await _allocations(committed_database, payment) == [(world.invoice.id, 95_000)]
    invoice = await api.get(
        f"/api/v1/portal/invoices/{world.invoice.id}", headers=world.tenant_headers
    )
    assert invoice.json()["state"] == "paid"
    older = await api.get(f"/api/v1/portal/invoices/{world.older.id}", headers=world.tenant_headers)
    assert older.json()["state"] == "open"
    (intent,) = await localstripe.payment_intents(world.invoice.id)
    assert intent["status"] == "succeeded"
    assert intent["amount"] == 95_000
    assert intent["metadata"]["doorstep_payment_id"] == str(payment.id)
    assert payment.gateway_reference == intent["id"]

    again = await api.post(
        f"/api/v1/portal/invoices/{world.invoice.id}/payments",
        json={"payment_method_id": method},
        headers=key_headers(world.tenant_headers),
    )
    assert again.status_code == 409
    assert again.json()["type"] == "urn:doorstep:problem:invoice-not-payable"


async def test_a_card_payment_s_receipt_is_mailed_at_once_not_at_the_next_tick(
    api: httpx.AsyncClient,
    localstripe: LocalStripe,
    world: World,
    redis: Redis,
    tmp_path: Path,
) -> None:
    """The charge settles in steps committed beside the request's transaction; the receipt
    e-mail queued in them is handed to the workers when they commit, like any other."""
    method = await save_card(api, localstripe, world.tenant_headers, VISA)
    await redis.flushdb()
    controller, sink = start_sink(tmp_path / "mailbox")
    try:
        paid = await api.post(
            f"/api/v1/portal/invoices/{world.invoice.id}/payments",
            json={"payment_method_id": method},
            headers=key_headers(world.tenant_headers),
        )
        assert paid.status_code == 201, paid.text
        # A worker with no tick: only what the payment enqueued runs.
        worker = await run_worker(sink)
    finally:
        controller.stop()

    assert (worker.jobs_complete, worker.jobs_failed) == (1, 0)
    (receipt,) = sink.messages()
    assert receipt.to == world.tenant.email
    assert [part.get_content_type() for part in receipt.attachments] == ["application/pdf"]


async def test_a_card_declined_at_charge_time_leaves_the_invoice_open(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World, committed_database: Database
) -> None:
    method = await save_card(api, localstripe, world.tenant_headers, DECLINED_AT_CHARGE)
    headers = key_headers(world.tenant_headers, "decline-key-0001")

    refused = await api.post(
        f"/api/v1/portal/invoices/{world.invoice.id}/payments",
        json={"payment_method_id": method},
        headers=headers,
    )

    assert refused.status_code == 402, refused.text
    problem = refused.json()
    assert refused.headers["content-type"] == "application/problem+json"
    assert problem["type"] == "urn:doorstep:problem:card-declined"
    assert "You have not been charged" in problem["detail"]
    (payment,) = await _payments(committed_database)
    assert payment.status is PaymentStatus.FAILED
    assert payment.failure_reason == "Your card was declined."
    invoice = await api.get(
        f"/api/v1/portal/invoices/{world.invoice.id}", headers=world.tenant_headers
    )
    assert invoice.json()["state"] == "open"

    # The same key again: the same answer, and no second attempt at the gateway.
    retried = await api.post(
        f"/api/v1/portal/invoices/{world.invoice.id}/payments",
        json={"payment_method_id": method},
        headers=headers,
    )
    assert retried.status_code == 402
    assert retried.json()["type"] == "urn:doorstep:problem:payment-failed"
    assert len(await localstripe.payment_intents(world.invoice.id)) == 1
    assert len(await _payments(committed_database)) == 1

    # A new attempt with a good card goes through: the failed one does not block the invoice.
    visa = await save_card(api, localstripe, world.tenant_headers, VISA)
    paid = await api.post(
        f"/api/v1/portal/invoices/{world.invoice.id}/payments",
        json={"payment_method_id": visa},
        headers=key_headers(world.tenant_headers),
    )
    assert paid.status_code == 201
    assert paid.json()["status"] == "succeeded"


async def test_3d_secure_returns_requires_action_and_the_webhook_settles_it(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World, committed_database: Database
) -> None:
    method = await save_card(api, localstripe, world.tenant_headers, THREE_D_SECURE)

    started = await api.post(
        f"/api/v1/portal/invoices/{world.invoice.id}/payments",
        json={"payment_method_id": method},
        headers=key_headers(world.tenant_headers),
    )

    assert started.status_code == 201, started.text
    body = started.json()
    assert body["status"] == "requires_action"
    assert body["client_secret"].startswith("pi_")
    assert body["receipt_number"] is None
    (payment,) = await _payments(committed_database)
    assert payment.status is PaymentStatus.PENDING

    # The PWA's stripe.confirmCardPayment(client_secret): the tenant completes 3-D Secure.
    await localstripe.authenticate(body["client_secret"])
    succeeded = await localstripe.capture.wait_for(
        "payment_intent.succeeded", payment.gateway_reference
    )
    delivered = await api.post(
        "/api/v1/webhooks/stripe",
        content=succeeded.body,
        headers={"Stripe-Signature": succeeded.signature, "Content-Type": "application/json"},
    )
    assert delivered.status_code == 200, delivered.text
    assert delivered.json()["outcome"] == "applied: succeeded"
    (payment,) = await _payments(committed_database)
    assert payment.status is PaymentStatus.SUCCEEDED
    invoice = await api.get(
        f"/api/v1/portal/invoices/{world.invoice.id}", headers=world.tenant_headers
    )
    assert invoice.json()["state"] == "paid"


async def test_fifty_concurrent_requests_with_one_key_charge_once(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World, committed_database: Database
) -> None:
    """ACCEPTANCE: localstripe ignores Stripe's idempotency keys, so this is Doorstep's own."""
    method = await save_card(api, localstripe, world.tenant_headers, VISA)
    headers = key_headers(world.tenant_headers, "one-key-for-fifty-requests")

    async def pay() -> httpx.Response:
        return await api.post(
            f"/api/v1/portal/invoices/{world.invoice.id}/payments",
            json={"payment_method_id": method},
            headers=headers,
        )

    responses = await asyncio.gather(*(pay() for _ in range(50)))

    statuses = Counter(r.status_code for r in responses)
    assert set(statuses) <= {201, 409}, [r.text for r in responses if r.status_code >= 500]
    assert statuses[201] >= 1
    assert {r.json()["payment_id"] for r in responses if r.status_code == 201} == {
        responses[[r.status_code for r in responses].index(201)].json()["payment_id"]
    }
    for response in responses:
        if response.status_code == 409:
            assert response.json()["type"] == "urn:doorstep:problem:request-in-progress"
    assert len(await localstripe.payment_intents(world.invoice.id)) == 1
    assert len(await _payments(committed_database)) == 1
    async with committed_database.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(CardCharge)) == 1
        assert await session.scalar(select(func.count()).select_from(Receipt)) == 1

    replay = await pay()
    assert replay.status_code == 201
    assert replay.headers.get("Idempotent-Replayed") == "true"
    assert len(await localstripe.payment_intents(world.invoice.id)) == 1


async def test_paying_needs_an_idempotency_key_and_an_own_saved_card(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World, committed_database: Database
) -> None:
    mine = await save_card(api, localstripe, world.tenant_headers, VISA)
    theirs = await save_card(api, localstripe, world.other_headers, VISA)
    url = f"/api/v1/portal/invoices/{world.invoice.id}/payments"

    keyless = await api.post(url, json={"payment_method_id": mine}, headers=world.tenant_headers)
    assert keyless.status_code == 422
    assert keyless.json()["errors"][0]["field"] == "Idempotency-Key"

    borrowed = await api.post(
        url, json={"payment_method_id": theirs}, headers=key_headers(world.tenant_headers)
    )
    assert borrowed.status_code == 422
    assert borrowed.json()["errors"][0]["field"] == "payment_method_id"

    # Another tenant's invoice does not exist for them.
    intruder = await api.post(
        url, json={"payment_method_id": theirs}, headers=key_headers(world.other_headers)
    )
    assert intruder.status_code == 404
    assert await _payments(committed_database) == []
    assert await localstripe.payment_intents(world.invoice.id) == []


async def test_a_saved_card_can_be_removed(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World
) -> None:
    method = await save_card(api, localstripe, world.tenant_headers, VISA)

    other = await api.delete(
        f"/api/v1/portal/payment-methods/{method}", headers=world.other_headers
    )
    assert other.status_code == 404
    removed = await api.delete(
        f"/api/v1/portal/payment-methods/{method}", headers=world.tenant_headers
    )
    assert removed.status_code == 204
    cards = await api.get("/api/v1/portal/payment-methods", headers=world.tenant_headers)
    assert cards.json()["items"] == []
    again = await api.delete(
        f"/api/v1/portal/payment-methods/{method}", headers=world.tenant_headers
    )
    assert again.status_code == 404


async def test_a_card_refused_when_saving_is_a_clear_402(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World
) -> None:
    setup = await api.post("/api/v1/portal/payment-methods/setup", headers=world.tenant_headers)
    # localstripe refuses 4000000000000002 when it is attached, not when it is confirmed.
    client_secret = setup.json()["client_secret"]
    setup_id = client_secret.split("_secret_")[0]
    async with httpx.AsyncClient() as client:
        confirmed = await client.post(
            f"{localstripe.base}/v1/setup_intents/{setup_id}/confirm",
            json={
                "key": "pk_test_x",
                "client_secret": client_secret,
                "payment_method_data": {
                    "type": "card",
                    "card": {
                        "number": "4000000000000002",
                        "exp_month": 12,
                        "exp_year": 2030,
                        "cvc": "123",
                    },
                },
            },
        )
    assert confirmed.status_code == 402
    method = confirmed.json()["error"].get("payment_method") or None
    if method is None:  # the stand-in does not say which method it refused: create one
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
                headers={"Authorization": "Bearer sk_test_x"},
            )
        method = created.json()["id"]
    saved = await api.post(
        "/api/v1/portal/payment-methods",
        json={"payment_method_id": method},
        headers=world.tenant_headers,
    )
    assert saved.status_code == 402
    assert saved.json()["type"] == "urn:doorstep:problem:card-declined"


async def test_a_customer_the_gateway_forgot_is_replaced(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World, committed_database: Database
) -> None:
    """A restarted localstripe starts empty (and a customer can be deleted at Stripe): saving
    a card then makes the tenant a new customer instead of failing."""
    await save_card(api, localstripe, world.tenant_headers, VISA)
    localstripe.reset()

    method = await save_card(api, localstripe, world.tenant_headers, VISA)

    cards = await api.get("/api/v1/portal/payment-methods", headers=world.tenant_headers)
    assert [card["id"] for card in cards.json()["items"]] == [method]


async def _saved_card_ids(api: httpx.AsyncClient, headers: dict[str, str]) -> list[str]:
    cards = await api.get("/api/v1/portal/payment-methods", headers=headers)
    assert cards.status_code == 200, cards.text
    return [card["id"] for card in cards.json()["items"]]


async def test_a_card_typed_in_to_pay_is_kept_only_when_the_tenant_asks(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World, gateway: StripeGateway
) -> None:
    not_kept = await enter_card(api, localstripe, world.tenant_headers, VISA)
    paid = await api.post(
        f"/api/v1/portal/invoices/{world.invoice.id}/payments",
        json={"payment_method_id": not_kept, "save_card": False},
        headers=key_headers(world.tenant_headers),
    )
    assert paid.status_code == 201, paid.text
    assert paid.json()["status"] == "succeeded"
    assert await _saved_card_ids(api, world.tenant_headers) == []
    assert (await gateway.get_card(not_kept)).customer is None  # detached at the gateway

    kept = await enter_card(api, localstripe, world.tenant_headers, VISA)
    paid = await api.post(
        f"/api/v1/portal/invoices/{world.older.id}/payments",
        json={"payment_method_id": kept, "save_card": True},
        headers=key_headers(world.tenant_headers),
    )
    assert paid.status_code == 201, paid.text
    assert await _saved_card_ids(api, world.tenant_headers) == [kept]


async def test_a_declined_card_is_not_kept_even_when_the_tenant_asked(
    api: httpx.AsyncClient,
    localstripe: LocalStripe,
    world: World,
    gateway: StripeGateway,
    committed_database: Database,
) -> None:
    method = await enter_card(api, localstripe, world.tenant_headers, DECLINED_AT_CHARGE)
    headers = key_headers(world.tenant_headers)

    refused = await api.post(
        f"/api/v1/portal/invoices/{world.invoice.id}/payments",
        json={"payment_method_id": method, "save_card": True},
        headers=headers,
    )

    assert refused.status_code == 402, refused.text
    problem = refused.json()
    assert problem["type"] == "urn:doorstep:problem:card-declined"
    assert problem["code"] == "card_declined"
    assert await _saved_card_ids(api, world.tenant_headers) == []
    assert (await gateway.get_card(method)).customer is None
    async with committed_database.transaction() as session:
        (attempt,) = (await session.scalars(select(CardCharge))).all()
    assert (attempt.entered_card, attempt.keep_card) == (True, True)
    assert attempt.card_released_at is not None

    # The same key again: still refused, still not kept, with a code the portal can map.
    retried = await api.post(
        f"/api/v1/portal/invoices/{world.invoice.id}/payments",
        json={"payment_method_id": method, "save_card": True},
        headers=headers,
    )
    assert retried.status_code == 402
    assert retried.json()["type"] == "urn:doorstep:problem:payment-failed"
    assert retried.json()["code"] == "card_declined"  # what the gateway still says about it
    assert await _saved_card_ids(api, world.tenant_headers) == []


async def test_a_card_typed_in_waits_for_3d_secure_then_the_tick_forgets_it(
    api: httpx.AsyncClient,
    localstripe: LocalStripe,
    world: World,
    gateway: StripeGateway,
    committed_database: Database,
    clock: FixedClock,
) -> None:
    method = await enter_card(api, localstripe, world.tenant_headers, THREE_D_SECURE)
    started = await api.post(
        f"/api/v1/portal/invoices/{world.invoice.id}/payments",
        json={"payment_method_id": method, "save_card": False},
        headers=key_headers(world.tenant_headers),
    )
    assert started.status_code == 201, started.text
    assert started.json()["status"] == "requires_action"
    # Not asked to be kept: never listed, even while 3-D Secure is pending.
    assert await _saved_card_ids(api, world.tenant_headers) == []
    assert (await gateway.get_card(method)).customer is not None  # still needed to finish

    client_secret = started.json()["client_secret"]
    await localstripe.authenticate(client_secret)
    delivery = await localstripe.capture.wait_for(
        "payment_intent.succeeded", client_secret.split("_secret_")[0]
    )
    received = await api.post(
        "/api/v1/webhooks/stripe",
        content=delivery.body,
        headers={"Stripe-Signature": delivery.signature, "Content-Type": "application/json"},
    )
    assert received.status_code == 200, received.text

    async with committed_database.transaction() as session:
        released = await release_entered_cards(session, gateway, clock.now())
    assert released == 1
    assert (await gateway.get_card(method)).customer is None
    async with committed_database.transaction() as session:
        assert await release_entered_cards(session, gateway, clock.now()) == 0
