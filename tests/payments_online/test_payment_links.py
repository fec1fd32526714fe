"""Payment links: staff create one, anyone holding it pays the invoice by card."""

from __future__ import annotations

import json
from datetime import timedelta

import httpx
from fastapi import FastAPI
from sqlalchemy import select

from doorstep.billing.models import Allocation
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.core.security import token_digest
from doorstep.payments.cards.models import PaymentLink
from doorstep.payments.ledger.models import Payment, PaymentMethod, PaymentStatus
from tests.payments_online.conftest import (
    PUBLISHABLE_KEY,
    LocalStripe,
    World,
    build_world,
    key_headers,
)

VISA = "4242424242424242"


async def _link(api: httpx.AsyncClient, world: World, key: str | None = None) -> str:
    headers = world.staff_headers | ({"Idempotency-Key": key} if key else {})
    created = await api.post(f"/api/v1/invoices/{world.invoice.id}/payment-links", headers=headers)
    assert created.status_code == 201, created.text
    url: str = created.json()["url"]
    assert url.startswith("https://doorstep.example/portal/pay/")
    return url.rsplit("/", 1)[1]


async def test_a_payment_link_pays_the_invoice_end_to_end(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World, committed_database: Database
) -> None:
    token = await _link(api, world)

    shown = await api.get(f"/api/v1/pay/{token}")
    assert shown.status_code == 200, shown.text
    summary = shown.json()
    assert summary["agency_name"] == world.agency.name
    # The page shows the expiry on the agency's clock, as the agency app does (issue 11).
    assert summary["agency_timezone"] == world.agency.timezone
    assert summary["agency_locale"] == world.agency.locale
    assert summary["amount_due"] == 95_000
    assert summary["currency"] == "EUR"
    assert summary["reference"] == f"Invoice {world.invoice.number}"
    assert summary["due_date"] == world.invoice.due_date.isoformat()
    assert summary["payable"] is True
    # Enough for a careful payer to recognise the home and the period (issue 11).
    assert summary["property_name"] == "Residence Louise"
    assert summary["unit_name"] == "1A"
    assert summary["property_address"] == "Avenue Louise 120, 1050 Brussels"
    assert summary["period_start"] == (
        world.invoice.period_start.isoformat() if world.invoice.period_start else None
    )
    text = json.dumps(summary)
    for private in (world.tenant.first_name, world.tenant.email, str(world.tenant.id)):
        assert private not in text

    setup = await api.post(f"/api/v1/pay/{token}/setup")
    assert setup.status_code == 200, setup.text
    assert setup.json()["publishable_key"] == PUBLISHABLE_KEY
    assert setup.json()["stripe_js_url"] == f"{localstripe.base}/js.stripe.com/v3/"
    method = await localstripe.confirm_card_setup(setup.json()["client_secret"], VISA)
    keyless = await api.post(f"/api/v1/pay/{token}/payments", json={"payment_method_id": method})
    assert keyless.status_code == 422

    paid = await api.post(
        f"/api/v1/pay/{token}/payments",
        json={"payment_method_id": method},
        headers={"Idempotency-Key": "link-payment-0001"},
    )

    assert paid.status_code == 201, paid.text
    assert paid.json()["status"] == "succeeded"
    assert paid.json()["receipt_number"] == 1
    async with committed_database.transaction() as session:
        payment = await session.scalar(select(Payment))
        assert payment is not None
        assert payment.method is PaymentMethod.PAYMENT_LINK
        assert payment.status is PaymentStatus.SUCCEEDED
        assert payment.tenant_id == world.tenant.id
        allocated = (await session.execute(select(Allocation.invoice_id, Allocation.amount))).all()
        assert [tuple(row) for row in allocated] == [(world.invoice.id, 95_000)]
    # The card was kept on the link's own guest customer, not on the tenant's account.
    cards = await api.get("/api/v1/portal/payment-methods", headers=world.tenant_headers)
    assert cards.json()["items"] == []

    after = await api.get(f"/api/v1/pay/{token}")
    assert after.json()["payable"] is False
    assert after.json()["state"] == "paid"
    assert after.json()["amount_due"] == 0
    again = await api.post(
        f"/api/v1/pay/{token}/payments",
        json={"payment_method_id": method},
        headers={"Idempotency-Key": "link-payment-0002"},
    )
    assert again.status_code == 409
    assert again.json()["type"] == "urn:doorstep:problem:invoice-not-payable"
    assert len(await localstripe.payment_intents(world.invoice.id)) == 1


async def test_only_the_tokens_digest_is_stored_and_a_retry_gives_the_same_link(
    api: httpx.AsyncClient, world: World, committed_database: Database
) -> None:
    first = await _link(api, world, key="same-link-key-01")
    again = await _link(api, world, key="same-link-key-01")
    other = await _link(api, world, key="another-link-key")

    assert first == again
    assert other != first
    async with committed_database.transaction() as session:
        hashes = set((await session.scalars(select(PaymentLink.token_hash))).all())
    assert hashes == {token_digest(first), token_digest(other)}


async def test_unknown_tokens_are_throttled_per_client(
    api: httpx.AsyncClient, world: World
) -> None:
    token = await _link(api, world)
    statuses = [(await api.get(f"/api/v1/pay/{'x' * 20}{n:04d}")).status_code for n in range(6)]

    assert statuses == [404] * 5 + [429]
    throttled = await api.get(f"/api/v1/pay/{token}")
    assert throttled.status_code == 429  # even a good token, once this client is throttled
    assert int(throttled.headers["Retry-After"]) > 0


async def test_an_expired_link_is_gone(
    api: httpx.AsyncClient, world: World, clock: FixedClock
) -> None:
    token = await _link(api, world)
    clock.advance_to(clock.now() + timedelta(days=14, seconds=1))

    expired = await api.get(f"/api/v1/pay/{token}")

    assert expired.status_code == 410
    assert expired.json()["type"] == "urn:doorstep:problem:payment-link-expired"
    setup = await api.post(f"/api/v1/pay/{token}/setup")
    assert setup.status_code == 410


async def test_features_switched_off_answer_409(
    api: httpx.AsyncClient, pay_app: FastAPI, committed_database: Database, clock: FixedClock
) -> None:
    """Seed 000: what the agency has not enabled is "in progress", with a clear problem."""
    world = await build_world(committed_database, pay_app, clock, features=False)
    invoice_url = f"/api/v1/portal/invoices/{world.invoice.id}/payments"

    answers = [
        await api.post("/api/v1/portal/payment-methods/setup", headers=world.tenant_headers),
        await api.get("/api/v1/portal/payment-methods", headers=world.tenant_headers),
        await api.post(
            "/api/v1/portal/payment-methods",
            json={"payment_method_id": "pm_anything"},
            headers=world.tenant_headers,
        ),
        await api.post(
            invoice_url,
            json={"payment_method_id": "pm_anything"},
            headers=key_headers(world.tenant_headers),
        ),
        await api.post(
            f"/api/v1/invoices/{world.invoice.id}/payment-links", headers=world.staff_headers
        ),
    ]

    for answer in answers:
        assert answer.status_code == 409, answer.text
        problem = answer.json()
        assert problem["type"] == "urn:doorstep:problem:feature-not-enabled"
        assert "not enabled for your agency" in problem["detail"]
