"""Web push (seed 002): a tenant subscribes a browser, an incident step or a payment queues a
notification, and the delivery job sends it to a real HTTP server standing in for the push
service on 127.0.0.1, which the test decrypts with the browser's private key (RFC 8291)."""

from __future__ import annotations

import base64
import json
import os
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, cast

import http_ece
import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.collections.emails import queue_invoice_emails
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.core.settings import DEVELOPMENT_VAPID_PRIVATE_KEY, Environment
from doorstep.leases.models import Lease, LeaseTenant
from doorstep.notifications import push
from doorstep.notifications.models import OutboxStatus, PushMessage, PushSubscription
from doorstep.tenants.models import Tenant
from tests.collections.builders import ready_for_follow_ups
from tests.conftest import NOW, settings_for_tests
from tests.factories import Factory


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass
class Browser:
    """What a browser keeps for one push subscription: its P-256 key pair and auth secret."""

    private_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    auth: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def p256dh(self) -> str:
        return _b64(
            self.private_key.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )

    def subscription(self, endpoint: str, label: str | None = "Test phone") -> dict[str, Any]:
        body: dict[str, Any] = {
            "endpoint": endpoint,
            "keys": {"p256dh": self.p256dh, "auth": _b64(self.auth)},
        }
        if label is not None:
            body["device_label"] = label
        return body

    def decrypt(self, body: bytes) -> dict[str, Any]:
        plain = http_ece.decrypt(
            body, private_key=self.private_key, auth_secret=self.auth, version="aes128gcm"
        )
        decoded: dict[str, Any] = json.loads(plain)
        return decoded


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


class PushService:
    """A push service on a free loopback port: it keeps every request and answers with
    ``status`` (201 Created, as real ones do)."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.status = 201
        self.location: str | None = None  # sent with a 3xx status
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                service.received.append(
                    Received(
                        self.path,
                        {k.lower(): v for k, v in self.headers.items()},
                        self.rfile.read(length),
                    )
                )
                self.send_response(service.status)
                if service.location is not None:
                    self.send_header("Location", service.location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            # A followed 301/302 arrives as a GET.
            do_GET = do_POST

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def endpoint(self) -> str:
        return f"{self.base}/push/{uuid.uuid4().hex}"


@pytest.fixture
def push_service() -> Iterator[PushService]:
    service = PushService()
    service.thread.start()
    try:
        yield service
    finally:
        service.server.shutdown()
        service.server.server_close()


class InTestTransaction:
    """The delivery functions' ``Database``, over the test's own (rolled back) session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        async with self.session.begin_nested():
            yield self.session


@pytest.fixture
def database(session: AsyncSession) -> Database:
    return cast(Database, InTestTransaction(session))


@pytest.fixture
def sender() -> push.PushSender:
    made = push.PushSender.from_settings(settings_for_tests(push_max_attempts=3))
    assert made is not None
    return made


@dataclass(frozen=True)
class Book:
    agency: Agency
    manager: StaffUser
    tenant: Tenant
    lease: Lease


@pytest.fixture
async def book(factory: Factory) -> Book:
    agency = await factory.agency("Louise Lettings")
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    return Book(agency, manager, tenant, lease)


async def _subscribe(
    client: httpx.AsyncClient, headers: dict[str, str], browser: Browser, endpoint: str
) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/portal/push/subscriptions", json=browser.subscription(endpoint), headers=headers
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def _report(client: httpx.AsyncClient, headers: dict[str, str]) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/portal/incidents",
        data={
            "category": "plumbing",
            "title": "Leaking tap",
            "description": "Water drips from the tap even when closed.",
        },
        headers=headers,
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def _messages(session: AsyncSession) -> list[PushMessage]:
    return list(await session.scalars(select(PushMessage).order_by(PushMessage.created_at)))


# ------------------------------------------------------------------------------ routes


async def test_the_portal_gets_the_application_server_key(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/portal/push/key")

    assert response.status_code == 200
    body = response.json()
    assert body["enabled"] is True
    key = base64.urlsafe_b64decode(body["public_key"] + "==")
    assert len(key) == 65
    assert key[0] == 4  # an uncompressed P-256 point, as applicationServerKey takes
    expected = push.application_server_key(settings_for_tests())
    assert body["public_key"] == expected


def test_push_is_off_in_production_without_a_key_and_refuses_the_development_key() -> None:
    production = settings_for_tests(env=Environment.PRODUCTION, cookie_secure=True)
    assert push.application_server_key(production) is None
    assert push.PushSender.from_settings(production) is None
    with pytest.raises(Exception, match="published development key"):
        settings_for_tests(
            env=Environment.PRODUCTION, vapid_private_key=DEVELOPMENT_VAPID_PRIVATE_KEY
        )


async def test_a_tenant_subscribes_lists_and_unsubscribes_a_device(
    client: httpx.AsyncClient, factory: Factory, book: Book, push_service: PushService
) -> None:
    headers = await factory.headers(book.tenant)
    browser = Browser()
    endpoint = push_service.endpoint()

    first = await _subscribe(client, headers, browser, endpoint)
    # Subscribing the same browser again (new keys) updates its one row.
    renewed = Browser()
    again = await _subscribe(client, headers, renewed, endpoint)

    assert again["id"] == first["id"]
    listed = (await client.get("/api/v1/portal/push/subscriptions", headers=headers)).json()
    assert [(d["id"], d["endpoint"], d["device_label"]) for d in listed] == [
        (first["id"], endpoint, "Test phone")
    ]
    deleted = await client.delete(
        f"/api/v1/portal/push/subscriptions/{first['id']}", headers=headers
    )
    assert deleted.status_code == 204
    assert (await client.get("/api/v1/portal/push/subscriptions", headers=headers)).json() == []
    gone = await client.delete(f"/api/v1/portal/push/subscriptions/{first['id']}", headers=headers)
    assert gone.status_code == 404


async def test_routes_need_a_signed_in_tenant(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    assert (await client.get("/api/v1/portal/push/subscriptions")).status_code == 401
    staff = await factory.headers(book.manager)
    assert (await client.get("/api/v1/portal/push/subscriptions", headers=staff)).status_code in (
        401,
        403,
    )


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://fcm.googleapis.com/fcm/send/abc",  # not https
        "https://10.0.0.1/push",  # an address, not a push service
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/push",
        "https://2130706433/push",  # 127.0.0.1 as a number
        "https://localhost/push",
        "https://evil.example/push",
        "https://fcm.googleapis.com.evil.example/push",  # a look-alike host
        "https://fcm.googleapis.com:8443/fcm/send/abc",  # another port
        "https://user:secret@fcm.googleapis.com/fcm/send/abc",
        "file:///etc/passwd",
        "http://127.0.0.2:9000/push",  # loopback http is 127.0.0.1 only
        "http://localhost:9000/push",
        "not a url",
        "https://fcm.googleapis.com:99999/x",  # a port out of range
    ],
)
async def test_an_endpoint_that_is_not_a_push_service_is_refused(
    client: httpx.AsyncClient, factory: Factory, book: Book, endpoint: str
) -> None:
    headers = await factory.headers(book.tenant)

    response = await client.post(
        "/api/v1/portal/push/subscriptions",
        json=Browser().subscription(endpoint),
        headers=headers,
    )

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["endpoint"]


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://fcm.googleapis.com/fcm/send/abc:def",
        "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
        "https://wns2-by3p.notify.windows.com/w/?token=abc",
        "https://web.push.apple.com/QGuQy",
    ],
)
async def test_the_known_push_services_are_accepted(
    client: httpx.AsyncClient, factory: Factory, book: Book, endpoint: str
) -> None:
    headers = await factory.headers(book.tenant)
    response = await client.post(
        "/api/v1/portal/push/subscriptions",
        json=Browser().subscription(endpoint),
        headers=headers,
    )
    assert response.status_code == 201, response.text


def test_production_refuses_loopback_http() -> None:
    production = settings_for_tests(env=Environment.PRODUCTION, cookie_secure=True)
    assert push.endpoint_problem("http://127.0.0.1:9000/push", production) == (
        "must be an https URL"
    )
    assert push.endpoint_problem("https://fcm.googleapis.com/fcm/send/x", production) is None


async def test_keys_that_are_not_a_browsers_are_refused(
    client: httpx.AsyncClient, factory: Factory, book: Book, push_service: PushService
) -> None:
    headers = await factory.headers(book.tenant)
    body = Browser().subscription(push_service.endpoint())
    not_on_curve = _b64(b"\x04" + b"\x01" * 64)
    short_auth = _b64(os.urandom(12))

    for keys, field_name in (
        ({"p256dh": not_on_curve, "auth": body["keys"]["auth"]}, "keys.p256dh"),
        ({"p256dh": body["keys"]["p256dh"], "auth": short_auth}, "keys.auth"),
    ):
        response = await client.post(
            "/api/v1/portal/push/subscriptions", json=body | {"keys": keys}, headers=headers
        )
        assert response.status_code == 422, response.text
        assert field_name in [e["field"] for e in response.json()["errors"]]


async def test_another_tenant_can_neither_see_nor_delete_a_device(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    session: AsyncSession,
    push_service: PushService,
) -> None:
    owner_headers = await factory.headers(book.tenant)
    device = await _subscribe(client, owner_headers, Browser(), push_service.endpoint())
    neighbour = await factory.tenant(book.agency)
    elsewhere = await factory.tenant(await factory.agency("Other Lettings"))

    for other in (neighbour, elsewhere):
        headers = await factory.headers(other)
        listed = await client.get("/api/v1/portal/push/subscriptions", headers=headers)
        assert listed.json() == []
        refused = await client.delete(
            f"/api/v1/portal/push/subscriptions/{device['id']}", headers=headers
        )
        assert refused.status_code == 404

    assert await session.get(PushSubscription, uuid.UUID(device["id"])) is not None


# ------------------------------------------------------------------------------ delivery


async def test_an_incident_step_is_pushed_encrypted_to_each_device(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    session: AsyncSession,
    database: Database,
    sender: push.PushSender,
    push_service: PushService,
    clock: FixedClock,
) -> None:
    headers = await factory.headers(book.tenant)
    phone, laptop = Browser(), Browser()
    await _subscribe(client, headers, phone, push_service.endpoint())
    await _subscribe(client, headers, laptop, push_service.endpoint())

    incident = await _report(client, headers)
    messages = await _messages(session)
    assert [m.kind for m in messages] == ["incident_received", "incident_received"]
    for message in messages:
        assert await push.deliver_push_message(database, sender, message.id, clock.now())
        # A second run of the same job sends nothing again.
        assert not await push.deliver_push_message(database, sender, message.id, clock.now())

    assert len(push_service.received) == 2
    by_path = {r.path: r for r in push_service.received}
    subscriptions = {
        s.endpoint.removeprefix(push_service.base): s
        for s in await session.scalars(select(PushSubscription))
    }
    for path, request in by_path.items():
        browser = phone if subscriptions[path].p256dh == phone.p256dh else laptop
        payload = browser.decrypt(request.body)
        assert payload == {
            "title": "Report received",
            "body": "Louise Lettings received your report “Leaking tap”.",
            "url": f"/portal/incidents/{incident['id']}",
            "tag": f"incident-{incident['id']}",
        }
        assert request.headers["content-encoding"] == "aes128gcm"
        assert int(request.headers["ttl"]) == 2 * 24 * 3600
        assert request.headers["urgency"] == "normal"
        # VAPID (RFC 8292): signed with the server's key, which the portal subscribed with.
        assert request.headers["authorization"].startswith("vapid t=")
        assert (
            f"k={push.application_server_key(settings_for_tests())}"
            in (request.headers["authorization"])
        )
    assert {m.status for m in await _messages(session)} == {OutboxStatus.SENT}


async def test_each_step_the_tenant_hears_of_is_pushed_in_the_agencys_language(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    session: AsyncSession,
    database: Database,
    sender: push.PushSender,
    push_service: PushService,
    clock: FixedClock,
) -> None:
    book.agency.locale = "fr-BE"
    await session.flush()
    headers = await factory.headers(book.tenant)
    staff = await factory.headers(book.manager)
    browser = Browser()
    await _subscribe(client, headers, browser, push_service.endpoint())
    incident = await _report(client, headers)
    contractor = await client.post(
        "/api/v1/contractors",
        json={"name": "Plomberie Dupont", "categories": ["plumbing"]},
        headers=staff,
    )
    assert contractor.status_code == 201, contractor.text
    base = f"/api/v1/incidents/{incident['id']}"
    steps = [
        ("qualify", {"priority": "normal"}),
        ("assign", {"contractor_id": contractor.json()["id"]}),
        ("schedule", {"scheduled_for": (clock.now() + timedelta(days=3)).isoformat()}),
        ("resolve", {"resolution_note": "Joint replaced"}),
    ]
    for action, body in steps:
        clock.advance_to(clock.now() + timedelta(minutes=5))
        staff = await factory.headers(book.manager)
        response = await client.post(
            f"{base}/{action}", json=body, headers=staff | {"Idempotency-Key": str(uuid.uuid4())}
        )
        assert response.status_code == 200, (action, response.text)

    report = await push.deliver_due_pushes(database, sender, clock.now())

    assert report.sent == 4
    titles = [browser.decrypt(r.body)["title"] for r in push_service.received]
    assert titles == [
        "Signalement reçu",
        "Prestataire désigné",
        "Intervention planifiée",
        "Signalement résolu",
    ]
    scheduled = browser.decrypt(push_service.received[2].body)
    assert "« Leaking tap »" in scheduled["body"]
    assert push_service.received[2].headers["urgency"] == "high"
    # Never the staff's note, the contractor or the address on a lock screen.
    everything = json.dumps([browser.decrypt(r.body) for r in push_service.received])
    assert "Joint replaced" not in everything
    assert "Dupont" not in everything


async def test_a_recorded_payment_is_pushed_without_its_amount(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    session: AsyncSession,
    database: Database,
    sender: push.PushSender,
    push_service: PushService,
    clock: FixedClock,
) -> None:
    headers = await factory.headers(book.tenant)
    browser = Browser()
    await _subscribe(client, headers, browser, push_service.endpoint())

    await factory.payment(book.agency, book.lease, book.tenant, book.manager, amount=84_250)
    (message,) = await _messages(session)
    assert message.kind == "payment_receipt"
    assert await push.deliver_push_message(database, sender, message.id, clock.now())

    payload = browser.decrypt(push_service.received[0].body)
    assert payload["title"] == "Payment received"
    assert payload["url"] == "/portal/payments/history"
    assert "842" not in json.dumps(payload)


async def test_an_agency_message_is_pushed_in_the_tenants_language_without_its_subject(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    session: AsyncSession,
    database: Database,
    sender: push.PushSender,
    push_service: PushService,
    clock: FixedClock,
) -> None:
    book.tenant.language = "nl"
    await ready_for_follow_ups(factory, book.agency)
    headers = await factory.headers(book.tenant)
    browser = Browser()
    await _subscribe(client, headers, browser, push_service.endpoint())
    staff = await factory.headers(book.manager)
    started = await client.post(
        "/api/v1/conversations",
        json={
            "lease_id": str(book.lease.id),
            "tenant_id": str(book.tenant.id),
            "subject": "Rent arrears",
            "body": "Your March rent is still open.",
        },
        headers=staff | {"Idempotency-Key": str(uuid.uuid4())},
    )
    assert started.status_code == 201, started.text
    conversation_id = started.json()["id"]
    # A second message before the tenant read the first: one notification is enough.
    reply = await client.post(
        f"/api/v1/conversations/{conversation_id}/messages",
        json={"body": "Please get in touch."},
        headers=staff | {"Idempotency-Key": str(uuid.uuid4())},
    )
    assert reply.status_code == 201, reply.text

    (message,) = await _messages(session)
    assert await push.deliver_push_message(database, sender, message.id, clock.now())

    payload = browser.decrypt(push_service.received[0].body)
    assert payload == {
        "title": "Nieuw bericht",
        "body": "Louise Lettings stuurde u een bericht. Open het portaal om het te lezen.",
        "url": f"/portal/messages/{conversation_id}",
        "tag": f"conversation-{conversation_id}",
    }
    # A tenant's own message reaches the agency by e-mail, never the tenant's devices.
    answer = await client.post(
        f"/api/v1/portal/conversations/{conversation_id}/messages",
        json={"body": "Paid this morning."},
        headers=headers | {"Idempotency-Key": str(uuid.uuid4())},
    )
    assert answer.status_code == 201, answer.text
    assert len(await _messages(session)) == 1


@dataclass
class Device:
    """The book's tenant's browser, subscribed to push, and what reaches it."""

    browser: Browser
    session: AsyncSession
    database: Database
    sender: push.PushSender
    push_service: PushService
    clock: FixedClock

    async def delivered(self, kind: str) -> dict[str, Any]:
        """The one notification queued, of ``kind``, as the browser reads it."""
        (message,) = await _messages(self.session)
        assert message.kind == kind
        assert await push.deliver_push_message(
            self.database, self.sender, message.id, self.clock.now()
        )
        payload: dict[str, Any] = self.browser.decrypt(self.push_service.received[0].body)
        return payload


@pytest.fixture
async def device(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    session: AsyncSession,
    database: Database,
    sender: push.PushSender,
    push_service: PushService,
    clock: FixedClock,
) -> Device:
    browser = Browser()
    await _subscribe(client, await factory.headers(book.tenant), browser, push_service.endpoint())
    return Device(browser, session, database, sender, push_service, clock)


async def test_a_new_invoice_is_pushed_with_its_due_date_in_the_tenants_language(
    factory: Factory, book: Book, device: Device
) -> None:
    book.tenant.language = "fr"
    features = book.agency.settings.get("features", {})
    book.agency.settings = book.agency.settings | {
        "features": features | {"automated_messages": True}
    }
    # A joint tenant with no device is e-mailed, not pushed.
    joint = await factory.tenant(book.agency, first_name="Jo")
    factory.session.add(LeaseTenant(lease_id=book.lease.id, tenant_id=joint.id))
    await factory.session.flush()
    invoice = await factory.invoice(book.agency, book.lease, book.manager, amount=95_000)

    # The tick that e-mails new invoices pushes them too, once.
    now = device.clock.now()
    assert await queue_invoice_emails(factory.session, book.agency.id, now) == 2
    assert await queue_invoice_emails(factory.session, book.agency.id, now) == 0

    assert await device.delivered("invoice_issued") == {
        "title": "Nouvelle facture",
        "body": "Louise Lettings vous a envoyé une facture à payer le 23 novembre 2026.",
        "url": f"/portal/payments/invoices/{invoice.id}",
        "tag": f"invoice-{invoice.id}",
    }


async def test_a_rejected_transfer_proof_is_pushed_without_its_reason(
    client: httpx.AsyncClient, factory: Factory, book: Book, device: Device
) -> None:
    proof = await factory.transfer_proof(book.agency, book.lease, book.tenant, amount=95_000)

    rejected = await client.post(
        f"/api/v1/transfer-proofs/{proof.id}/reject",
        json={"reason": "Nothing arrived with this reference."},
        headers=await factory.headers(book.manager),
    )

    assert rejected.status_code == 200, rejected.text
    assert await device.delivered("transfer_proof_rejected") == {
        "title": "Transfer not confirmed",
        "body": "Louise Lettings could not confirm the transfer you reported. "
        "Open the portal to see why.",
        "url": f"/portal/payments/transfer-proofs/{proof.id}",
        "tag": f"transfer-proof-{proof.id}",
    }


async def test_an_overdue_follow_up_is_pushed_without_the_amount(
    client: httpx.AsyncClient, factory: Factory, book: Book, device: Device
) -> None:
    book.tenant.language = "nl"
    await ready_for_follow_ups(factory, book.agency)
    await factory.invoice(book.agency, book.lease, book.manager, amount=95_000)
    device.clock.advance_to(device.clock.now() + timedelta(days=10))

    sent = await client.post(
        "/api/v1/collections/follow-ups",
        json={"lease_id": str(book.lease.id)},
        headers=await factory.headers(book.manager),
    )

    assert sent.status_code == 201, sent.text
    assert await device.delivered("collections_follow_up") == {
        "title": "Betaling achterstallig",
        "body": "Louise Lettings schreef u over een achterstallige betaling. Open het portaal "
        "om te zien wat nog openstaat.",
        "url": "/portal/payments",
        "tag": f"follow-up-{book.lease.id}",
    }


async def test_a_published_document_is_pushed_without_its_title(
    client: httpx.AsyncClient, factory: Factory, book: Book, device: Device
) -> None:
    published = await client.post(
        f"/api/v1/leases/{book.lease.id}/documents",
        data={"kind": "condition_report_move_in", "title": "Condition report at move-in"},
        files={"file": ("report.pdf", b"%PDF-1.7\n%%EOF\n", "application/pdf")},
        headers=await factory.headers(book.manager) | {"Idempotency-Key": str(uuid.uuid4())},
    )

    assert published.status_code == 201, published.text
    assert await device.delivered("lease_document_published") == {
        "title": "New document",
        "body": "Louise Lettings added a document to your lease. Open the portal to read it.",
        "url": "/portal/documents",
        "tag": f"documents-{book.lease.id}",
    }


async def test_a_tenant_without_a_device_gets_no_push(
    client: httpx.AsyncClient, factory: Factory, book: Book, session: AsyncSession
) -> None:
    await _report(client, await factory.headers(book.tenant))
    assert await _messages(session) == []


async def test_a_gone_subscription_is_deleted(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    session: AsyncSession,
    database: Database,
    sender: push.PushSender,
    push_service: PushService,
    clock: FixedClock,
) -> None:
    headers = await factory.headers(book.tenant)
    device = await _subscribe(client, headers, Browser(), push_service.endpoint())
    await _report(client, headers)
    push_service.status = 410

    report = await push.deliver_due_pushes(database, sender, clock.now())

    assert (report.sent, report.failed) == (0, 1)
    assert len(push_service.received) == 1
    assert await session.get(PushSubscription, uuid.UUID(device["id"])) is None
    assert await _messages(session) == []


async def test_a_failing_push_service_is_retried_with_back_off(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    session: AsyncSession,
    database: Database,
    sender: push.PushSender,
    push_service: PushService,
    clock: FixedClock,
) -> None:
    headers = await factory.headers(book.tenant)
    browser = Browser()
    await _subscribe(client, headers, browser, push_service.endpoint())
    await _report(client, headers)
    push_service.status = 500

    first = await push.deliver_due_pushes(database, sender, clock.now())

    (message,) = await _messages(session)
    assert (first.sent, first.retrying) == (0, 1)
    assert (message.status, message.attempts) == (OutboxStatus.QUEUED, 1)
    assert message.next_attempt_at == clock.now() + timedelta(minutes=1)
    # Not due yet: nothing is sent.
    assert (await push.deliver_due_pushes(database, sender, clock.now())).retrying == 0
    assert len(push_service.received) == 1

    push_service.status = 201
    clock.advance_to(clock.now() + timedelta(minutes=1))
    second = await push.deliver_due_pushes(database, sender, clock.now())

    assert second.sent == 1
    assert (message.status, message.attempts) == (OutboxStatus.SENT, 2)
    assert browser.decrypt(push_service.received[-1].body)["title"] == "Report received"


async def test_after_the_last_attempt_a_message_fails(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    session: AsyncSession,
    database: Database,
    sender: push.PushSender,
    push_service: PushService,
    clock: FixedClock,
) -> None:
    headers = await factory.headers(book.tenant)
    await _subscribe(client, headers, Browser(), push_service.endpoint())
    await _report(client, headers)
    push_service.status = 503
    for _ in range(sender.max_attempts):
        await push.deliver_due_pushes(database, sender, clock.now())
        clock.advance_to(clock.now() + timedelta(hours=7))

    (message,) = await _messages(session)
    assert (message.status, message.attempts) == (OutboxStatus.FAILED, sender.max_attempts)
    assert len(push_service.received) == sender.max_attempts


@pytest.mark.parametrize("status", [301, 302, 307, 308])
async def test_a_redirect_is_not_followed_and_fails_the_message(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    session: AsyncSession,
    database: Database,
    sender: push.PushSender,
    push_service: PushService,
    clock: FixedClock,
    status: int,
) -> None:
    """The endpoint rule checks the endpoint's host only: a push service redirecting the
    request elsewhere (an internal address, say) must not take the worker there."""
    elsewhere = PushService()
    elsewhere.thread.start()
    try:
        headers = await factory.headers(book.tenant)
        await _subscribe(client, headers, Browser(), push_service.endpoint())
        await _report(client, headers)
        push_service.status = status
        push_service.location = elsewhere.endpoint()

        report = await push.deliver_due_pushes(database, sender, clock.now())

        assert (report.sent, report.retrying, report.failed) == (0, 0, 1)
        assert len(push_service.received) == 1
        assert elsewhere.received == []
        (message,) = await _messages(session)
        assert (message.status, message.attempts) == (OutboxStatus.FAILED, 1)
        assert message.last_error == f"push service answered {status}"
    finally:
        elsewhere.server.shutdown()
        elsewhere.server.server_close()


async def test_another_tenant_signing_in_on_the_browser_takes_it_over(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    session: AsyncSession,
    push_service: PushService,
) -> None:
    """One browser, one subscription: the notifications still queued for the first tenant
    go with their row, so none of them reaches the next person on that browser."""
    endpoint = push_service.endpoint()
    first_headers = await factory.headers(book.tenant)
    await _subscribe(client, first_headers, Browser(), endpoint)
    await _report(client, first_headers)
    assert len(await _messages(session)) == 1
    flatmate = await factory.tenant(book.agency)

    await _subscribe(client, await factory.headers(flatmate), Browser(), endpoint)

    (row,) = await session.scalars(select(PushSubscription))
    assert row.tenant_id == flatmate.id
    assert await _messages(session) == []


async def test_deleting_a_customer_forgets_their_devices(
    session: AsyncSession, factory: Factory, book: Book, push_service: PushService
) -> None:
    browser = Browser()
    await push.subscribe(
        session,
        agency_id=book.agency.id,
        tenant_id=book.tenant.id,
        endpoint=push_service.endpoint(),
        p256dh=browser.p256dh,
        auth=_b64(browser.auth),
        device_label=None,
    )
    assert await push.forget_tenant_devices(session, book.agency.id, book.tenant.id) == 1
    assert list(await session.scalars(select(PushSubscription))) == []


# ------------------------------------------------------------------ portal access ended


async def test_turning_portal_access_off_forgets_the_tenants_devices(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    session: AsyncSession,
    database: Database,
    sender: push.PushSender,
    push_service: PushService,
    clock: FixedClock,
) -> None:
    headers = await factory.headers(book.tenant)
    await _subscribe(client, headers, Browser(), push_service.endpoint())
    await _report(client, headers)
    flatmate = await factory.tenant(book.agency)
    kept = await _subscribe(
        client, await factory.headers(flatmate), Browser(), push_service.endpoint()
    )
    staff = await factory.headers(book.manager)
    url = f"/api/v1/tenants/{book.tenant.id}/portal-access"

    off = await client.put(url, json={"enabled": False}, headers=staff)

    assert off.status_code == 200, off.text
    devices = list(await session.scalars(select(PushSubscription)))
    assert [d.id for d in devices] == [uuid.UUID(kept["id"])]
    assert await _messages(session) == []
    # Nothing is queued for them while access is off, nor sent when it is on again.
    await factory.payment(book.agency, book.lease, book.tenant, book.manager, amount=10_000)
    on = await client.put(url, json={"enabled": True}, headers=staff)
    assert on.status_code == 200, on.text
    assert (await push.deliver_due_pushes(database, sender, clock.now())).sent == 0
    assert push_service.received == []


async def _without_portal_access(session: AsyncSession, tenant: Tenant, how: str) -> None:
    # Written straight to the row, as the switch did before it forgot devices: the device
    # and the message queued for it are still there.
    if how == "access turned off":
        tenant.portal_disabled_at = NOW
    else:
        tenant.password_hash = None  # what deleting the customer leaves
    await session.flush()


@pytest.mark.parametrize("how", ["access turned off", "no portal account"])
async def test_a_push_queued_for_a_tenant_without_portal_access_is_dropped_unsent(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    session: AsyncSession,
    database: Database,
    sender: push.PushSender,
    push_service: PushService,
    clock: FixedClock,
    how: str,
) -> None:
    headers = await factory.headers(book.tenant)
    device = await _subscribe(client, headers, Browser(), push_service.endpoint())
    await _report(client, headers)
    (message,) = await _messages(session)
    await _without_portal_access(session, book.tenant, how)

    assert not await push.deliver_push_message(database, sender, message.id, clock.now())

    assert push_service.received == []
    assert await session.get(PushSubscription, uuid.UUID(device["id"])) is None
    assert await _messages(session) == []


async def test_nothing_is_queued_for_a_tenant_without_portal_access(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    session: AsyncSession,
    push_service: PushService,
) -> None:
    headers = await factory.headers(book.tenant)
    await _subscribe(client, headers, Browser(), push_service.endpoint())
    await _without_portal_access(session, book.tenant, "access turned off")

    await factory.payment(book.agency, book.lease, book.tenant, book.manager, amount=10_000)

    assert await _messages(session) == []


# ------------------------------------------------------------------ agency portal switched off


async def _switch_portal_off(session: AsyncSession, book: Book) -> None:
    settings = dict(book.agency.settings)
    settings["features"] = dict(settings.get("features") or {}) | {"tenant_portal": False}
    book.agency.settings = settings
    await session.flush()


async def test_nothing_is_pushed_while_the_agency_s_portal_is_off_and_the_device_stays(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    session: AsyncSession,
    database: Database,
    sender: push.PushSender,
    push_service: PushService,
    clock: FixedClock,
) -> None:
    headers = await factory.headers(book.tenant)
    device = await _subscribe(client, headers, Browser(), push_service.endpoint())
    await _report(client, headers)
    (queued_before,) = await _messages(session)
    await _switch_portal_off(session, book)

    # Queued before the switch: not sent, and kept as failed.
    assert not await push.deliver_push_message(database, sender, queued_before.id, clock.now())
    await session.refresh(queued_before)
    assert queued_before.status is OutboxStatus.FAILED
    # While it is off: nothing queued.
    await factory.payment(book.agency, book.lease, book.tenant, book.manager, amount=10_000)
    assert [m.id for m in await _messages(session)] == [queued_before.id]

    assert push_service.received == []
    # A switch, not an ending: the device is still there for when the portal is back.
    assert await session.get(PushSubscription, uuid.UUID(device["id"])) is not None
