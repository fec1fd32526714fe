"""Web push to the tenants' browsers (seed 002: "push notifications for important alerts";
"informed at every stage: request received, contractor assigned, intervention scheduled,
problem resolved"): a second delivery channel beside e-mail, on the same outbox pattern.

``queue_push`` writes one ``PushMessage`` per subscribed device of a tenant in the caller's
transaction and asks for its delivery after the commit; the worker sends it with pywebpush
(RFC 8291 encryption, RFC 8292 VAPID). A 404 or 410 from the push service means the browser
dropped the subscription: the row goes (and its queued messages with it). A tenant who can no
longer sign in to the portal (staff turned their access off, or deleted the customer) keeps no
device: the service that ends their access forgets them (``forget_tenant_devices``), and a
message found queued for such a tenant at delivery is dropped with its device, unsent. Any
other failure is retried with the e-mail outbox's back-off until ``push_max_attempts``. The
tick delivers whatever is still due, so a lost job delays a notification, never loses it.

What a notification says is what a lock screen may show: the kind of event, the title the
tenant gave their own report, a date; never an amount, a name or an address.

The subscription endpoint is a URL the worker will POST to, so it is checked when it is
given (``endpoint_problem``): https only, port 443, a host name (never an IP literal) that is
one of the known push services or a host under one (``DOORSTEP_PUSH_SERVICE_HOSTS``); only in
development and tests, http://127.0.0.1:<port> too (a local stand-in push service). The API
cannot be made to send requests to an internal address, and the sender follows no redirect
(a 3xx fails the message: it would lead to a host nobody checked).
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from ipaddress import ip_address
from typing import Any, Literal
from urllib.parse import urlsplit

import aiohttp
import structlog
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid
from pywebpush import WebPushException, webpush_async
from sqlalchemy import ColumnElement, Uuid, delete, exists, literal, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import QueryableAttribute

from doorstep.agencies.models import Agency
from doorstep.agencies.settings import feature_switch_sql
from doorstep.core.db import Database
from doorstep.core.errors import InvalidInput, NotFound
from doorstep.core.ids import new_id
from doorstep.core.jobs import enqueue_after_commit
from doorstep.core.settings import Settings, get_settings
from doorstep.notifications.models import (
    OutboxMessage,
    OutboxStatus,
    PushMessage,
    PushSubscription,
)
from doorstep.notifications.service import (
    Channel,
    DeliveryReport,
    queue_composed,
    record_attempt,
)
from doorstep.tenants.models import Tenant

log = structlog.get_logger(__name__)

DELIVER_PUSH_JOB = "deliver_push"
DELIVER_DUE_PUSH_JOB = "deliver_due_push"
PUSH_BATCH = 200
# How long a push service keeps a notification for a device that is offline.
DEFAULT_TTL = timedelta(days=2)
# The portal path every notification opens (the service worker opens same-origin URLs only).
PORTAL_PREFIX = "/portal/"
Urgency = Literal["very-low", "low", "normal", "high"]


# ------------------------------------------------------------------------- what is sent


@dataclass(frozen=True)
class PushNotice:
    """One notification as the service worker shows it. ``url`` is a portal path
    (``/portal/incidents/<id>``); ``tag`` replaces an earlier notification with the same tag
    on the device (one per incident, say). Only what a lock screen may show."""

    title: str
    body: str
    url: str
    tag: str
    urgency: Urgency = "normal"
    ttl: timedelta = DEFAULT_TTL

    def __post_init__(self) -> None:
        if not self.url.startswith(PORTAL_PREFIX):
            raise ValueError("a push notification opens a portal path")

    def payload(self) -> str:
        return json.dumps(
            {"title": self.title[:120], "body": self.body[:300], "url": self.url, "tag": self.tag},
            ensure_ascii=False,
        )


# Writes the notification about a business record: (session, reference, now) -> notice.
PushComposer = Callable[[AsyncSession, str, datetime], Awaitable[PushNotice]]
_COMPOSERS: dict[str, PushComposer] = {}


def register_push_composer(kind: str, composer: PushComposer) -> None:
    """The module that words a kind of notification registers it at import (as e-mail
    composers are), so the module whose change it reports only names it."""
    _COMPOSERS[kind] = composer


class NoPushComposer(LookupError):
    """A kind nobody registered: a wiring mistake, so the business transaction fails."""


# ------------------------------------------------------------------------------- keys


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def vapid_key(settings: Settings) -> Vapid | None:
    """The VAPID key push requests are signed with, or None when push is off."""
    private = settings.push_private_key
    if private is None:
        return None
    if private.lstrip().startswith("-----BEGIN"):
        return Vapid.from_pem(private.encode())
    return Vapid.from_raw(private.encode())


def application_server_key(settings: Settings) -> str | None:
    """The public half of the VAPID key as browsers take it (``applicationServerKey``): the
    uncompressed P-256 point, base64url. None when push is off."""
    key = vapid_key(settings)
    if key is None:
        return None
    public = key.private_key.public_key()
    return _b64url(
        public.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
    )


# ----------------------------------------------------------------------- subscriptions


def endpoint_problem(endpoint: str, settings: Settings) -> str | None:
    """Why the worker must not POST to ``endpoint``, or None when it is a push service's URL
    (the SSRF rule in this module's docstring)."""
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError:
        return "is not a URL"
    host = (parts.hostname or "").lower()
    if parts.username is not None or parts.password is not None:
        return "must not carry a user name or password"
    if parts.scheme == "http" and settings.push_allows_loopback_http:
        if host != "127.0.0.1":
            return "may use http only on 127.0.0.1 (development)"
        return None
    if parts.scheme != "https":
        return "must be an https URL"
    if port not in (None, 443):
        return "must use the https port"
    if not host or _is_ip_literal(host):
        return "must name the push service by its host name"
    if not any(
        host == allowed or host.endswith("." + allowed) for allowed in settings.push_service_hosts
    ):
        return "is not the address of a known push service"
    return None


def _is_ip_literal(host: str) -> bool:
    try:
        ip_address(host.strip("[]"))
    except ValueError:
        return host.replace(".", "").isdigit()  # 2130706433 and the like
    return True


def _check_keys(p256dh: str, auth: str) -> None:
    try:
        point = _unb64url(p256dh)
        secret = _unb64url(auth)
    except (binascii.Error, ValueError):
        raise InvalidInput("keys", "The keys must be base64url.") from None
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError:
        raise InvalidInput("keys.p256dh", "This is not a P-256 public key.") from None
    if len(secret) != 16:
        raise InvalidInput("keys.auth", "The auth secret is 16 bytes.")


async def subscribe(
    session: AsyncSession,
    *,
    agency_id: uuid.UUID,
    tenant_id: uuid.UUID,
    endpoint: str,
    p256dh: str,
    auth: str,
    device_label: str | None,
) -> PushSubscription:
    """Turn push on for one of the tenant's browsers (seed 002), or refresh its keys.

    An endpoint names one browser: subscribing it again updates its row; when another tenant
    had it (someone else signed in on that browser before), their row goes with the
    notifications still queued for them, so nothing meant for them reaches this tenant."""
    problem = endpoint_problem(endpoint, get_settings())
    if problem:
        raise InvalidInput("endpoint", f"The push endpoint {problem}.")
    _check_keys(p256dh, auth)
    await session.execute(
        delete(PushSubscription).where(
            PushSubscription.endpoint == endpoint, PushSubscription.tenant_id != tenant_id
        )
    )
    row: PushSubscription | None = await session.scalar(
        insert(PushSubscription)
        .values(
            id=new_id(),
            agency_id=agency_id,
            tenant_id=tenant_id,
            endpoint=endpoint,
            p256dh=p256dh,
            auth=auth,
            device_label=device_label,
        )
        .on_conflict_do_update(
            index_elements=[PushSubscription.endpoint],
            set_={"p256dh": p256dh, "auth": auth, "device_label": device_label},
        )
        .returning(PushSubscription),
        execution_options={"populate_existing": True},
    )
    assert row is not None
    return row


async def list_subscriptions(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID
) -> Sequence[PushSubscription]:
    """The tenant's devices that receive push, newest first."""
    return (
        await session.scalars(
            select(PushSubscription)
            .where(PushSubscription.agency_id == agency_id, PushSubscription.tenant_id == tenant_id)
            .order_by(PushSubscription.created_at.desc(), PushSubscription.id.desc())
        )
    ).all()


async def unsubscribe(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID, subscription_id: uuid.UUID
) -> None:
    """Turn push off for one of the tenant's devices; another tenant's is not found."""
    deleted = await session.execute(
        delete(PushSubscription)
        .where(
            PushSubscription.id == subscription_id,
            PushSubscription.agency_id == agency_id,
            PushSubscription.tenant_id == tenant_id,
        )
        .returning(PushSubscription.id)
    )
    if deleted.first() is None:
        raise NotFound("No such device.")


# ------------------------------------------------------------------------------ queuing


@dataclass(frozen=True)
class TenantPush:
    """One notification for one tenant, for :func:`queue_pushes`."""

    tenant_id: uuid.UUID
    notice: PushNotice
    dedupe_key: str
    kind: str


def push_job_id(message_id: uuid.UUID) -> str:
    return f"deliver-push:{message_id}"


def push_retry_job_id(due_at: datetime) -> str:
    return f"deliver-due-push:{due_at.isoformat()}"


PUSH = Channel("push", DELIVER_DUE_PUSH_JOB, push_retry_job_id)


async def queue_push(
    session: AsyncSession,
    *,
    agency_id: uuid.UUID,
    tenant_id: uuid.UUID,
    notice: PushNotice,
    dedupe_key: str,
    kind: str,
) -> int:
    """Queue ``notice`` for each of the tenant's subscribed devices, in the caller's
    transaction, each delivered by a job after commit. A used ``dedupe_key`` queues nothing
    again (a replayed operation). Returns how many devices it was queued for: none when the
    tenant has no device with push on, or push is off on this server. This is the one call
    a module makes to notify a tenant."""
    return await queue_pushes(session, agency_id, [TenantPush(tenant_id, notice, dedupe_key, kind)])


async def queue_pushes(
    session: AsyncSession, agency_id: uuid.UUID, pushes: Sequence[TenantPush]
) -> int:
    """``queue_push`` for many tenants of one agency at once (reminders): one read of their
    devices, one insert."""
    if not pushes or get_settings().push_private_key is None:
        return 0
    tenant_ids = list({push.tenant_id for push in pushes})
    devices: dict[uuid.UUID, list[uuid.UUID]] = {}
    for subscription_id, tenant_id in await session.execute(
        select(PushSubscription.id, PushSubscription.tenant_id)
        .join(Tenant, Tenant.id == PushSubscription.tenant_id)
        .join(Agency, Agency.id == PushSubscription.agency_id)
        .where(
            PushSubscription.agency_id == agency_id,
            PushSubscription.tenant_id.in_(tenant_ids),
            _can_use_portal(),
            _portal_open(),
        )
    ):
        devices.setdefault(tenant_id, []).append(subscription_id)
    rows = [
        {
            "id": new_id(),
            "agency_id": agency_id,
            "subscription_id": subscription_id,
            "kind": push.kind,
            "dedupe_key": f"{push.dedupe_key}:{subscription_id}"[:250],
            "payload": push.notice.payload(),
            "urgency": push.notice.urgency,
            "ttl_seconds": int(push.notice.ttl.total_seconds()),
        }
        for push in pushes
        for subscription_id in devices.get(push.tenant_id, [])
    ]
    if not rows:
        return 0
    queued = (
        await session.execute(
            insert(PushMessage)
            .on_conflict_do_nothing(index_elements=[PushMessage.dedupe_key])
            .returning(PushMessage.id),
            rows,
        )
    ).scalars()
    count = 0
    for message_id in queued:
        enqueue_after_commit(
            session, DELIVER_PUSH_JOB, job_id=push_job_id(message_id), message_id=str(message_id)
        )
        count += 1
    return count


async def queue_composed_push(
    session: AsyncSession,
    *,
    kind: str,
    ref: str,
    agency_id: uuid.UUID,
    tenant_id: uuid.UUID,
    dedupe_key: str,
    now: datetime,
    has_device: bool | None = None,
) -> int:
    """Queue the ``kind`` notification about record ``ref``, worded by its registered
    composer in the caller's transaction, for the tenant's devices (``queue_push``).
    ``has_device``: what :func:`has_device_sql` said for this tenant in a statement the caller
    sent anyway in this transaction (a payment's receipt), so it need not be asked again."""
    composer = _COMPOSERS.get(kind)
    if composer is None:
        raise NoPushComposer(f"no push composer registered for {kind!r}")
    if get_settings().push_private_key is None:
        return 0
    if has_device is None:
        has_device = await _has_device(session, agency_id, tenant_id)
    if not has_device:
        return 0  # nobody to tell: not worth wording
    notice = await composer(session, ref, now)
    return await queue_push(
        session,
        agency_id=agency_id,
        tenant_id=tenant_id,
        notice=notice,
        dedupe_key=dedupe_key,
        kind=kind,
    )


async def queue_email_and_push(
    session: AsyncSession,
    *,
    kind: str,
    ref: str,
    agency_id: uuid.UUID,
    tenant_id: uuid.UUID,
    dedupe_key: str,
    now: datetime,
    has_device: bool | None = None,
) -> OutboxMessage:
    """Tell the tenant about record ``ref`` both ways seed 002 asks for an important alert: the
    ``kind`` e-mail (``queue_composed``) and, under the same kind and dedupe key, the push to
    their devices (``queue_composed_push``, which ``has_device`` is passed to)."""
    message = await queue_composed(
        session, kind=kind, ref=ref, agency_id=agency_id, dedupe_key=dedupe_key, now=now
    )
    await queue_composed_push(
        session,
        kind=kind,
        ref=ref,
        agency_id=agency_id,
        tenant_id=tenant_id,
        dedupe_key=dedupe_key,
        now=now,
        has_device=has_device,
    )
    return message


def has_device_sql(
    agency_id: ColumnElement[uuid.UUID] | QueryableAttribute[uuid.UUID],
    tenant_id: ColumnElement[uuid.UUID] | QueryableAttribute[uuid.UUID],
) -> ColumnElement[bool]:
    """Whether the tenant has a device ``queue_push`` would notify, as an expression another
    module's statement can carry (``queue_composed_push``'s ``has_device``)."""
    return exists(
        select(PushSubscription.id)
        .join(Tenant, Tenant.id == PushSubscription.tenant_id)
        .join(Agency, Agency.id == PushSubscription.agency_id)
        .where(
            PushSubscription.agency_id == agency_id,
            PushSubscription.tenant_id == tenant_id,
            _can_use_portal(),
            _portal_open(),
        )
    )


async def _has_device(session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID) -> bool:
    found = await session.scalar(
        select(has_device_sql(literal(agency_id, Uuid()), literal(tenant_id, Uuid())))
    )
    return bool(found)


def _can_use_portal() -> ColumnElement[bool]:
    """The tenant can still sign in to the portal (the rule ``auth`` signs them in by): a
    deleted customer has no password left, and staff may have turned their access off."""
    return Tenant.password_hash.is_not(None) & Tenant.portal_disabled_at.is_(None)


def _portal_open() -> ColumnElement[bool]:
    """The agency has its tenant portal switched on: while it is off nobody can open what a
    notification links to. A switch, not an ending: the devices stay for when it is back on."""
    return feature_switch_sql(Agency.settings, "tenant_portal")


# ----------------------------------------------------------------------------- delivery


class PushGone(Exception):
    """404/410: the browser dropped the subscription (RFC 8030 §7.3)."""


class PushRefused(Exception):
    """A refusal sending again will not change (400, 403, 413, ...)."""


class PushNotSent(Exception):
    """The push service could not be reached, or answered 429/5xx: try again later."""


@dataclass
class PushSender:
    """Sends one encrypted, VAPID-signed request per notification (pywebpush)."""

    key: Vapid
    subject: str
    timeout: float
    max_attempts: int

    @classmethod
    def from_settings(cls, settings: Settings) -> PushSender | None:
        key = vapid_key(settings)
        if key is None:
            return None
        return cls(
            key, settings.vapid_subject, settings.push_timeout_seconds, settings.push_max_attempts
        )

    async def send(self, subscription: PushSubscription, message: PushMessage) -> None:
        # The endpoint was checked when it was stored; checked again in case the rule
        # tightened since (a host dropped from the list).
        problem = endpoint_problem(subscription.endpoint, get_settings())
        if problem:
            raise PushRefused(f"endpoint {problem}")
        try:
            async with aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.timeout)
            ) as http:
                response = await webpush_async(
                    {
                        "endpoint": subscription.endpoint,
                        "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
                    },
                    data=message.payload,
                    vapid_private_key=self.key,
                    vapid_claims={"sub": self.subject},
                    ttl=message.ttl_seconds,
                    headers={"Urgency": message.urgency},
                    aiohttp_session=_NoRedirects(http),
                )
        except WebPushException as exc:
            status = exc.response.status if exc.response is not None else None
            if status in (404, 410):
                raise PushGone(f"push service answered {status}") from None
            if status is not None and 300 <= status < 400:
                # A push service answers a push itself; a redirect would send the request
                # to a host the endpoint rule never checked, and asking again changes nothing.
                raise PushRefused(f"push service answered {status}") from None
            if status is not None and 400 <= status < 500 and status != 429:
                raise PushRefused(f"push service answered {status}") from None
            raise PushNotSent(f"push service answered {status}") from None
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise PushNotSent(type(exc).__name__) from None
        assert not isinstance(response, str)


class _NoRedirects:
    """The HTTP session as pywebpush uses it (``post`` only), never following a redirect:
    the endpoint rule checked the endpoint's host, not wherever a redirect points (SSRF).
    pywebpush offers no way to say so, and aiohttp has no session-wide setting for it."""

    def __init__(self, http: aiohttp.ClientSession) -> None:
        self._http = http

    def post(self, url: str, **kwargs: Any) -> Any:
        return self._http.post(url, allow_redirects=False, **kwargs)


def _due(now: datetime) -> list[ColumnElement[bool]]:
    return [
        PushMessage.status == OutboxStatus.QUEUED,
        or_(PushMessage.next_attempt_at.is_(None), PushMessage.next_attempt_at <= now),
    ]


async def deliver_push_message(
    database: Database, sender: PushSender | None, message_id: uuid.UUID, now: datetime
) -> bool:
    """Send one queued notification if it is still due and nobody else is sending it (the
    job after commit). Returns whether it was sent now; a repeated job does nothing."""
    if sender is None:
        return False
    report = DeliveryReport()
    async with database.transaction() as session:
        message = await session.scalar(
            select(PushMessage)
            .where(PushMessage.id == message_id, *_due(now))
            .with_for_update(skip_locked=True)
        )
        if message is None:
            return False
        await _attempt(session, sender, message, now, report)
    return report.sent == 1


async def deliver_due_pushes(
    database: Database, sender: PushSender | None, now: datetime, *, limit: int = PUSH_BATCH
) -> DeliveryReport:
    """Send the notifications due at ``now``, oldest first, each claimed and recorded in its
    own transaction (the tick, and the run a retry asks for)."""
    report = DeliveryReport()
    if sender is None:
        return report
    for _ in range(limit):
        async with database.transaction() as session:
            message = await session.scalar(
                select(PushMessage)
                .where(*_due(now))
                .order_by(PushMessage.next_attempt_at.asc().nulls_first(), PushMessage.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            )
            if message is None:
                break
            await _attempt(session, sender, message, now, report)
    return report


async def _attempt(
    session: AsyncSession,
    sender: PushSender,
    message: PushMessage,
    now: datetime,
    report: DeliveryReport,
) -> None:
    subscription = await session.get_one(PushSubscription, message.subscription_id)
    access = (
        await session.execute(
            select(_can_use_portal().label("tenant"), _portal_open().label("portal"))
            .select_from(Tenant)
            .join(Agency, Agency.id == Tenant.agency_id)
            .where(Tenant.id == subscription.tenant_id)
        )
    ).one()
    if not access.tenant:
        # Queued before the tenant's portal access ended: not sent, and the device goes.
        await _drop_device(session, message, report, "push_dropped_no_portal_access")
        return
    if not access.portal:
        # Queued before the agency switched its portal off: not sent; the device stays.
        message.status = OutboxStatus.FAILED
        message.next_attempt_at = None
        message.last_error = "The agency's tenant portal is switched off."
        report.failed += 1
        log.info("push_dropped_portal_off", message_id=str(message.id))
        return
    message.attempts += 1
    error: Exception | None = None
    try:
        await sender.send(subscription, message)
    except PushGone:
        # The browser let the subscription go: the device is forgotten.
        await _drop_device(session, message, report, "push_subscription_gone")
        return
    except Exception as exc:
        if not isinstance(exc, PushRefused | PushNotSent):
            log.exception("push_attempt_crashed", message_id=str(message.id))
        error = exc
    record_attempt(
        session,
        PUSH,
        message,
        now,
        report,
        error=error,
        permanent=isinstance(error, PushRefused),
        max_attempts=sender.max_attempts,
    )
    await session.flush()


async def _drop_device(
    session: AsyncSession, message: PushMessage, report: DeliveryReport, event: str
) -> None:
    """The message's device goes, and with it (ON DELETE CASCADE) this message and any other
    queued for it: counted as failed, never sent."""
    subscription_id = message.subscription_id
    session.expunge(message)
    await session.execute(delete(PushSubscription).where(PushSubscription.id == subscription_id))
    report.failed += 1
    log.info(event, subscription_id=str(subscription_id))


async def forget_tenant_devices(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID
) -> int:
    """The tenant's portal access ended (staff turned it off, or deleted the customer, seed
    001): their devices go, with the notifications still queued for them (nothing more is
    pushed to someone who cannot open the portal). Returns how many devices."""
    deleted = await session.execute(
        delete(PushSubscription)
        .where(PushSubscription.agency_id == agency_id, PushSubscription.tenant_id == tenant_id)
        .returning(PushSubscription.id)
    )
    return len(deleted.all())
