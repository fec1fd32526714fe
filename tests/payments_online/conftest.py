"""Card payments against a real localstripe, started once per run and emptied per module.

localstripe's webhooks go to a small capture server here: the tests then deliver those real,
signed events to the app when and as often as they want (once, ten times, out of order,
never). The app runs without the shared rolled-back session: card payments commit in several
steps, so these tests commit for real and the tables are emptied after each test.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.agencies.service import get_trust_account
from doorstep.app import create_app
from doorstep.billing.models import Invoice
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.core.settings import REPO_ROOT
from doorstep.leases.models import Lease
from doorstep.payments.cards.gateway import GatewayConfig, StripeGateway
from doorstep.tenants.models import Tenant
from tests.conftest import settings_for_tests
from tests.factories import Factory
from tests.live import free_port

SECRET_KEY = "sk_test_doorstep_tests"
PUBLISHABLE_KEY = "pk_test_doorstep_tests"
WEBHOOK_SECRET = "whsec_doorstep_tests_0123456789"


@dataclass(frozen=True)
class Delivery:
    body: bytes
    signature: str

    @property
    def event(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed

    @property
    def type(self) -> str:
        return str(self.event["type"])

    @property
    def object_id(self) -> str:
        return str(self.event["data"]["object"]["id"])


@dataclass
class Capture:
    deliveries: list[Delivery] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, delivery: Delivery) -> None:
        with self.lock:
            self.deliveries.append(delivery)

    def clear(self) -> None:
        with self.lock:
            self.deliveries.clear()

    def found(self, event_type: str, object_id: str | None = None) -> list[Delivery]:
        with self.lock:
            return [
                d
                for d in self.deliveries
                if d.type == event_type and (object_id is None or d.object_id == object_id)
            ]

    async def wait_for(self, event_type: str, object_id: str | None = None) -> Delivery:
        """localstripe sends each event once, about a second after it happens."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            found = self.found(event_type, object_id)
            if found:
                return found[0]
            await asyncio.sleep(0.1)
        raise AssertionError(f"localstripe sent no {event_type} for {object_id}")


@dataclass(frozen=True)
class LocalStripe:
    base: str
    capture: Capture

    def config(self) -> GatewayConfig:
        return GatewayConfig(
            secret_key=SECRET_KEY,
            publishable_key=PUBLISHABLE_KEY,
            webhook_secret=WEBHOOK_SECRET,
            api_base=self.base,
            js_url=f"{self.base}/js.stripe.com/v3/",
            timeout_seconds=10,
        )

    def reset(self) -> None:
        httpx.delete(f"{self.base}/_config/data").raise_for_status()
        self.capture.clear()

    async def payment_intents(self, invoice_id: object | None = None) -> list[dict[str, Any]]:
        """Every PaymentIntent localstripe holds (optionally those for one invoice)."""
        async with httpx.AsyncClient() as client:
            response = await client.get(
                f"{self.base}/v1/payment_intents",
                params={"limit": 10_000},
                headers={"Authorization": f"Bearer {SECRET_KEY}"},
            )
        response.raise_for_status()
        intents: list[dict[str, Any]] = response.json()["data"]
        if invoice_id is None:
            return intents
        return [i for i in intents if i["metadata"].get("doorstep_invoice_id") == str(invoice_id)]

    async def confirm_card_setup(self, client_secret: str, number: str) -> str:
        """What the Stripe.js stand-in's confirmCardSetup sends; returns the payment method."""
        setup_id = client_secret.split("_secret_")[0]
        url = f"{self.base}/v1/setup_intents/{setup_id}/confirm"
        card = {"number": number, "exp_month": 12, "exp_year": 2030, "cvc": "123"}
        async with httpx.AsyncClient() as client:
            response = await client.post(
                url,
                json={
                    "key": PUBLISHABLE_KEY,
                    "use_stripe_sdk": True,
                    "client_secret": client_secret,
                    "payment_method_data": {"type": "card", "card": card},
                },
            )
            body = response.json()
            if body.get("status") == "requires_action":  # 3-D Secure at setup: "Complete"
                response = await client.post(
                    url, json={"key": PUBLISHABLE_KEY, "client_secret": client_secret}
                )
                body = response.json()
        assert body.get("status") == "succeeded", body
        return str(body["payment_method"])

    async def authenticate(self, client_secret: str, *, success: bool = True) -> None:
        """What the stand-in's confirmCardPayment sends once the 3-D Secure prompt is answered."""
        intent_id = client_secret.split("_secret_")[0]
        async with httpx.AsyncClient() as client:
            response = await client.post(
                f"{self.base}/v1/payment_intents/{intent_id}/_authenticate",
                params={"success": "true" if success else "false"},
                json={"key": PUBLISHABLE_KEY, "client_secret": client_secret},
            )
        assert response.status_code == 200, response.text


class _CaptureHandler(BaseHTTPRequestHandler):
    capture: Capture

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.capture.add(Delivery(body, self.headers.get("Stripe-Signature", "")))
        self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def localstripe() -> Iterator[LocalStripe]:
    capture = Capture()
    handler = type("Handler", (_CaptureHandler,), {"capture": capture})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "doorstep.devstack.localstripe",
            "--port",
            str(port),
            "--quiet",
            "--webhook-url",
            f"http://127.0.0.1:{server.server_address[1]}/webhooks",
            "--webhook-secret",
            WEBHOOK_SECRET,
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{base}/js.stripe.com/v3/", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("localstripe did not start")
            time.sleep(0.1)
        yield LocalStripe(base, capture)
    finally:
        process.terminate()
        process.wait(timeout=10)
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module", autouse=True)
def _fresh_localstripe(localstripe: LocalStripe) -> None:
    localstripe.reset()


@pytest.fixture
async def gateway(localstripe: LocalStripe) -> AsyncIterator[StripeGateway]:
    gateway = StripeGateway(localstripe.config())
    yield gateway
    await gateway.close()


@pytest.fixture
async def pay_app(
    engine: AsyncEngine,
    redis: Redis,
    clock: FixedClock,
    gateway: StripeGateway,
    committed_database: Database,
) -> AsyncIterator[FastAPI]:
    """The app with real transactions (no shared test session) and the localstripe gateway."""
    await redis.flushdb()
    app = create_app(
        settings_for_tests(
            stripe_secret_key=SECRET_KEY,
            stripe_publishable_key=PUBLISHABLE_KEY,
            stripe_webhook_secret=WEBHOOK_SECRET,
            public_base_url="https://doorstep.example",
            payment_link_failures_per_client=5,
        ),
        clock=clock,
        database=committed_database,
        redis=redis,
    )
    app.state.payment_gateway = gateway
    yield app
    await app.state.claims_db.dispose()


@pytest.fixture
async def api(pay_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=pay_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@dataclass(frozen=True)
class World:
    agency: Agency
    manager: StaffUser
    tenant: Tenant
    other_tenant: Tenant
    lease: Lease
    older: Invoice  # opened first: "the oldest invoice"
    invoice: Invoice  # the one being paid
    tenant_headers: dict[str, str]
    other_headers: dict[str, str]
    staff_headers: dict[str, str]


async def build_world(
    database: Database, app: FastAPI, clock: FixedClock, *, features: bool = True
) -> World:
    async with database.transaction() as session:
        factory = Factory(session, app.state.access_tokens, clock)
        agency = await factory.agency(f"Card Lettings {uuid.uuid4().hex[:6]}")
        if features:
            agency.settings = {
                **agency.settings,
                "features": {"online_payments": True, "payment_links": True},
            }
        manager = await factory.staff(agency, StaffRole.MANAGER)
        tenant = await factory.tenant(agency, first_name="Tara")
        other = await factory.tenant(agency, first_name="Otto")
        lease = await factory.lease(agency, [tenant])
        await factory.lease(agency, [other], unit=await factory.unit(agency, name="2B"))
        older = await factory.invoice(agency, lease, manager, amount=40_000)
        older.due_date = clock.now().date() - timedelta(days=30)
        invoice = await factory.invoice(agency, lease, manager, amount=95_000)
        # Seed 003: this setting must not steer card payments to the older invoice.
        (await get_trust_account(session, agency.id)).receipt_oldest_invoice_first = True
        return World(
            agency=agency,
            manager=manager,
            tenant=tenant,
            other_tenant=other,
            lease=lease,
            older=older,
            invoice=invoice,
            tenant_headers=await factory.headers(tenant),
            other_headers=await factory.headers(other),
            staff_headers=await factory.headers(manager),
        )


@pytest.fixture
async def world(committed_database: Database, pay_app: FastAPI, clock: FixedClock) -> World:
    return await build_world(committed_database, pay_app, clock)


async def save_card(
    api: httpx.AsyncClient, localstripe: LocalStripe, headers: dict[str, str], number: str
) -> str:
    """The PWA's card form: setup, Stripe.js confirmCardSetup, then attach."""
    setup = await api.post("/api/v1/portal/payment-methods/setup", headers=headers)
    assert setup.status_code == 200, setup.text
    assert setup.json()["publishable_key"] == PUBLISHABLE_KEY
    method = await localstripe.confirm_card_setup(setup.json()["client_secret"], number)
    saved = await api.post(
        "/api/v1/portal/payment-methods", json={"payment_method_id": method}, headers=headers
    )
    assert saved.status_code == 201, saved.text
    return method


async def enter_card(
    api: httpx.AsyncClient, localstripe: LocalStripe, headers: dict[str, str], number: str
) -> str:
    """The PWA's card form when paying with a new card: setup and Stripe.js confirmCardSetup
    only; whether to keep the card is said with the payment."""
    setup = await api.post("/api/v1/portal/payment-methods/setup", headers=headers)
    assert setup.status_code == 200, setup.text
    return await localstripe.confirm_card_setup(setup.json()["client_secret"], number)


def key_headers(headers: dict[str, str], key: str | None = None) -> dict[str, str]:
    return headers | {"Idempotency-Key": key or str(uuid.uuid4())}


def due(days: int = 0) -> date:
    return date(2026, 11, 23) + timedelta(days=days)
