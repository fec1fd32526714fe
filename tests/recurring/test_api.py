"""Recurring payments over HTTP: the tenant's set-up, card change and cancel, the staff's
overview, detail and cancel, and the refusals."""

from __future__ import annotations

from datetime import date

import httpx

from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from tests.payments_online import conftest as online
from tests.payments_online.conftest import LocalStripe, World, save_card

pay_app = online.pay_app
api = online.api
world = online.world

VISA = "4242424242424242"
MASTERCARD = "5555555555554444"


async def _authorisation(api: httpx.AsyncClient, headers: dict[str, str]) -> str:
    response = await api.get("/api/v1/portal/recurring-payments/authorisation", headers=headers)
    assert response.status_code == 200, response.text
    assert "three days after the reminder" in response.json()["text"]
    version: str = response.json()["version"]
    return version


async def test_a_tenant_sets_up_changes_card_and_cancels_while_staff_watch(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World, clock: FixedClock
) -> None:
    headers = world.tenant_headers
    version = await _authorisation(api, headers)
    card = await save_card(api, localstripe, headers, VISA)
    created = await api.post(
        "/api/v1/portal/recurring-payments",
        json={
            "lease_id": str(world.lease.id),
            "method": "card",
            "payment_method_id": card,
            "authorisation_version": version,
        },
        headers=headers | {"User-Agent": "DoorstepPWA/1.0"},
    )
    assert created.status_code == 201, created.text
    setup = created.json()
    assert setup["status"] == "active"
    assert setup["payment_method_label"] == "visa •••• 4242"
    assert setup["agreed_amount"] == {"amount": world.lease.rent_amount, "currency": "EUR"}
    today = clock.now().date()
    assert setup["started_on"] == today.isoformat()
    assert date.fromisoformat(setup["covers_invoices_from"]) > today
    # One per lease.
    again = await api.post(
        "/api/v1/portal/recurring-payments",
        json={
            "lease_id": str(world.lease.id),
            "method": "card",
            "payment_method_id": card,
            "authorisation_version": version,
        },
        headers=headers,
    )
    assert again.status_code == 409, again.text
    # Staff see it in the overview and in detail; another tenant does not.
    overview = await api.get("/api/v1/recurring-payments", headers=world.staff_headers)
    assert [item["id"] for item in overview.json()["items"]] == [setup["id"]]
    detail = await api.get(f"/api/v1/recurring-payments/{setup['id']}", headers=world.staff_headers)
    assert detail.status_code == 200
    assert detail.json()["charges"] == []
    stranger = await api.get(
        f"/api/v1/portal/recurring-payments/{setup['id']}", headers=world.other_headers
    )
    assert stranger.status_code == 404
    # Change the card, then cancel.
    other_card = await save_card(api, localstripe, headers, MASTERCARD)
    changed = await api.put(
        f"/api/v1/portal/recurring-payments/{setup['id']}/card",
        json={"payment_method_id": other_card},
        headers=headers,
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["payment_method_label"].endswith("4444")
    cancelled = await api.post(
        f"/api/v1/portal/recurring-payments/{setup['id']}/cancel", headers=headers
    )
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    twice = await api.post(
        f"/api/v1/portal/recurring-payments/{setup['id']}/cancel", headers=headers
    )
    assert twice.status_code == 409
    assert twice.headers["content-type"] == "application/problem+json"


async def test_a_set_up_needs_the_current_authorisation(
    api: httpx.AsyncClient, localstripe: LocalStripe, world: World
) -> None:
    card = await save_card(api, localstripe, world.tenant_headers, VISA)
    response = await api.post(
        "/api/v1/portal/recurring-payments",
        json={
            "lease_id": str(world.lease.id),
            "method": "card",
            "payment_method_id": card,
            "authorisation_version": "2020-01-01",
        },
        headers=world.tenant_headers,
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "authorisation_version"


async def test_a_sepa_set_up_needs_a_real_iban(api: httpx.AsyncClient, world: World) -> None:
    version = await _authorisation(api, world.tenant_headers)
    response = await api.post(
        "/api/v1/portal/recurring-payments",
        json={
            "lease_id": str(world.lease.id),
            "method": "sepa_debit",
            "iban": "XX00 not an iban",
            "authorisation_version": version,
        },
        headers=world.tenant_headers,
    )
    assert response.status_code == 422, response.text


async def test_staff_cancel_and_the_agency_switch(
    api: httpx.AsyncClient,
    localstripe: LocalStripe,
    world: World,
    committed_database: Database,
) -> None:
    version = await _authorisation(api, world.tenant_headers)
    card = await save_card(api, localstripe, world.tenant_headers, VISA)
    created = await api.post(
        "/api/v1/portal/recurring-payments",
        json={
            "lease_id": str(world.lease.id),
            "method": "card",
            "payment_method_id": card,
            "authorisation_version": version,
        },
        headers=world.tenant_headers,
    )
    setup_id = created.json()["id"]
    cancelled = await api.post(
        f"/api/v1/recurring-payments/{setup_id}/cancel", headers=world.staff_headers
    )
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["end_reason"] == "cancelled by the agency"
    attention = await api.get(
        "/api/v1/recurring-payments",
        params={"needs_attention": "true"},
        headers=world.staff_headers,
    )
    assert attention.json()["items"] == []
    async with committed_database.transaction() as session:
        from doorstep.agencies.models import Agency

        agency = await session.get_one(Agency, world.agency.id)
        agency.settings = {**agency.settings, "features": {"online_payments": False}}
    off = await api.get(
        "/api/v1/portal/recurring-payments/authorisation", headers=world.tenant_headers
    )
    assert off.status_code == 409
    assert "in progress" in off.json()["detail"]
