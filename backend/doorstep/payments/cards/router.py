"""Online card payments over HTTP: the tenant's saved cards and invoice payments (portal),
payment links (staff create them; anyone holding one pays through the public routes), and
the gateway's webhook."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Request, Response
from fastapi.responses import JSONResponse
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.auth.dependencies import FinanceWriterDep, TenantDep
from doorstep.auth.ratelimit import count_failure
from doorstep.billing.service import tenant_invoice
from doorstep.core.client_address import client_address
from doorstep.core.deps import ClockDep, RedisDep, SessionDep
from doorstep.core.errors import InvalidInput, NotFound, TooManyRequests, problem_responses
from doorstep.core.idempotency import Idempotency, IdempotencyDep
from doorstep.core.pagination import Page
from doorstep.core.settings import Settings
from doorstep.payments.cards import charges, customers, errors, links, webhooks
from doorstep.payments.cards.dependencies import GatewaysDep, SideDatabaseDep
from doorstep.payments.cards.gateway import (
    Card,
    StripeGateway,
    parse_webhook,
)
from doorstep.payments.cards.schemas import (
    CardPaymentIn,
    CardPaymentOut,
    CardSetupOut,
    PayLinkInvoiceOut,
    PaymentLinkCreate,
    PaymentLinkOut,
    SavedCardIn,
    SavedCardOut,
    WebhookReceived,
)
from doorstep.payments.ledger.models import PaymentMethod
from doorstep.readiness import service as readiness
from doorstep.readiness.models import ReadinessAction

# Errors a card operation can end in: declined (402), not enabled / in progress (409), gateway
# unreachable (503) or answering nonsense (502).
_CARD_ERRORS = problem_responses(402, 409, 502, 503)
_PUBLIC_ERRORS = problem_responses(404, 409, 410, 422, 429)

portal_router = APIRouter(
    prefix="/portal", tags=["portal"], responses=problem_responses(400, 401, 404, 422)
)
staff_router = APIRouter(tags=["payments"], responses=problem_responses(400, 401, 403, 404, 422))
public_router = APIRouter(tags=["pay"], responses=problem_responses(400, 422))
webhooks_router = APIRouter(tags=["webhooks"])

PaymentMethodId = Annotated[str, Path(min_length=3, max_length=200, pattern=r"^[A-Za-z0-9_]+$")]
LinkToken = Annotated[str, Path(min_length=16, max_length=128, pattern=r"^[A-Za-z0-9_-]+$")]


def _required_key(idempotency: Idempotency) -> str:
    if idempotency.key is None:
        raise InvalidInput(
            "Idempotency-Key",
            "Send an Idempotency-Key header (a new UUID per payment) so a retry never pays twice.",
        )
    return idempotency.key


def _card_out(card: Card) -> SavedCardOut:
    return SavedCardOut(
        id=card.id,
        brand=card.brand,
        last4=card.last4,
        exp_month=card.exp_month,
        exp_year=card.exp_year,
    )


def _payment_out(outcome: charges.ChargeOutcome) -> CardPaymentOut:
    return CardPaymentOut(
        payment_id=outcome.payment_id,
        invoice_id=outcome.invoice_id,
        status=outcome.status,
        amount=outcome.amount,
        currency=outcome.currency,
        receipt_number=outcome.receipt_number,
        client_secret=outcome.client_secret,
    )


def _setup_out(gateway: StripeGateway, client_secret: str) -> CardSetupOut:
    return CardSetupOut(
        client_secret=client_secret,
        publishable_key=gateway.publishable_key,
        stripe_js_url=gateway.js_url,
    )


# --------------------------------------------------------------------- portal


@portal_router.post("/payment-methods/setup", responses=_CARD_ERRORS)
async def start_card_setup(
    principal: TenantDep, gateways: GatewaysDep, database: SideDatabaseDep
) -> CardSetupOut:
    """Start saving a card: confirm the returned SetupIntent with Stripe.js, then send its
    payment method to `POST /portal/payment-methods`."""
    errors.require_feature(principal.agency, "online_payments")
    gateway = gateways.require()
    setup = await customers.start_card_setup(database, gateway, principal.tenant)
    return _setup_out(gateway, setup.client_secret)


@portal_router.post("/payment-methods", status_code=201, responses=_CARD_ERRORS)
async def save_card(
    body: SavedCardIn, principal: TenantDep, gateways: GatewaysDep, database: SideDatabaseDep
) -> SavedCardOut:
    """Keep a card confirmed with `confirmCardSetup` for this and later payments."""
    errors.require_feature(principal.agency, "online_payments")
    card = await customers.save_card(
        database, gateways.require(), principal.tenant, body.payment_method_id
    )
    return _card_out(card)


@portal_router.get("/payment-methods", responses=_CARD_ERRORS)
async def list_my_cards(
    principal: TenantDep, gateways: GatewaysDep, database: SideDatabaseDep
) -> Page[SavedCardOut]:
    """The tenant's saved cards (one page: a tenant has a handful)."""
    errors.require_feature(principal.agency, "online_payments")
    cards = await customers.list_cards(database, gateways.require(), principal.tenant)
    return Page(items=[_card_out(card) for card in cards], next_cursor=None)


@portal_router.delete(
    "/payment-methods/{payment_method_id}", status_code=204, responses=_CARD_ERRORS
)
async def remove_my_card(
    payment_method_id: PaymentMethodId,
    principal: TenantDep,
    gateways: GatewaysDep,
    database: SideDatabaseDep,
) -> Response:
    """Forget a saved card."""
    customer = await customers.tenant_has_customer(database, principal.tenant)
    errors.require_feature(principal.agency, "online_payments")
    await customers.remove_card(gateways.require(), customer, payment_method_id)
    return Response(status_code=204)


@portal_router.post(
    "/invoices/{invoice_id}/payments",
    status_code=201,
    responses=_CARD_ERRORS,
    response_model=CardPaymentOut,
)
async def pay_my_invoice(
    invoice_id: uuid.UUID,
    body: CardPaymentIn,
    principal: TenantDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
    gateways: GatewaysDep,
    database: SideDatabaseDep,
) -> CardPaymentOut | JSONResponse:
    """Pay what the invoice still asks for with a saved card, or with a card just set up
    (`save_card` says whether to keep it). `Idempotency-Key` is required: retrying with it
    never charges twice. A declined card answers 402 (its `code` and `decline_code` say why),
    is not kept and leaves the invoice open; `requires_action` means 3-D Secure: call
    Stripe.js' `confirmCardPayment`."""
    await tenant_invoice(session, principal.tenant, invoice_id)
    errors.require_feature(principal.agency, "online_payments")
    key = _required_key(idempotency)
    gateway = gateways.require()
    scope = principal.request_scope

    async def work() -> CardPaymentOut:
        customer = await customers.tenant_customer(database, gateway, principal.tenant)
        payer = charges.Payer(
            agency=principal.agency,
            tenant_id=principal.tenant_id,
            scope=scope,
            method=PaymentMethod.CARD,
            customer=customer,
        )
        outcome = await charges.pay_invoice(
            database,
            gateway,
            payer,
            invoice_id=invoice_id,
            payment_method_id=body.payment_method_id,
            request_key=key,
            now=clock.now(),
            keep_card=body.save_card,
        )
        return _payment_out(outcome)

    return await idempotency.run(
        session,
        scope=scope,
        operation=f"pay_invoice:{invoice_id}",
        payload=body.model_dump(mode="json"),
        work=work,
        status_code=201,
    )


# --------------------------------------------------------------------- payment links (staff)


@staff_router.post(
    "/invoices/{invoice_id}/payment-links",
    status_code=201,
    responses=problem_responses(409),
)
async def create_payment_link(
    invoice_id: uuid.UUID,
    request: Request,
    principal: FinanceWriterDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
    body: PaymentLinkCreate | None = None,
) -> PaymentLinkOut:
    """A link the tenant (or anyone paying for them) opens to pay this invoice by card,
    without signing in. It works until it expires or the invoice is paid. The URL holds the
    only copy of its secret: retrying with the same `Idempotency-Key` gives the same link.
    The readiness review (seed 000) of the tenant and the invoice's lease must find nothing
    blocking, or `readiness_override` says why it goes anyway (409 `readiness-blocked`)."""
    settings: Settings = request.app.state.settings
    token = None
    if idempotency.key is not None:
        token = links.link_token(
            settings.secret_key.get_secret_value(),
            principal.request_scope,
            idempotency.key,
            invoice_id,
        )
    issued = await links.create_payment_link(
        session,
        principal.agency,
        principal.user,
        invoice_id=invoice_id,
        token=token,
        ttl=timedelta(days=settings.payment_link_ttl_days),
        now=clock.now(),
    )
    tenant = await links.link_recipient(
        session, principal.agency.id, issued.invoice, body.tenant_id if body else None
    )
    override = body.readiness_override if body is not None else None
    await readiness.check_send(
        session,
        principal.agency,
        principal.user,
        action=ReadinessAction.PAYMENT_LINK,
        subject_id=issued.link.id,
        subject=readiness.SendSubject(
            tenant_id=tenant.id,
            name=f"{tenant.first_name} {tenant.last_name}",
            email=tenant.email,
            lease_id=issued.invoice.lease_id,
        ),
        override_reason=override.reason if override is not None else None,
        gateway_configured=readiness.gateway_configured(settings),
        now=clock.now(),
    )
    return PaymentLinkOut(
        id=issued.link.id,
        invoice_id=issued.link.invoice_id,
        url=f"{settings.public_base_url.rstrip('/')}/portal/pay/{issued.token}",
        expires_at=issued.link.expires_at,
    )


# --------------------------------------------------------------------- payment links (public)


@dataclass(frozen=True)
class LinkThrottle:
    """Unknown tokens tried per client address, counted in Redis like failed sign-ins, so a
    token cannot be guessed by trying many (they are 256-bit random anyway)."""

    redis: Redis
    limit: int
    window_seconds: int

    def _key(self, client: str) -> str:
        return f"doorstep:paylink-fail:client:{hashlib.sha256(client.encode()).hexdigest()}"

    async def check(self, client: str) -> None:
        key = self._key(client)
        if int(await self.redis.get(key) or 0) >= self.limit:
            ttl = int(await self.redis.ttl(key))
            raise TooManyRequests(ttl if ttl > 0 else self.window_seconds)

    async def record_failure(self, client: str) -> None:
        await count_failure(self.redis, self._key(client), self.window_seconds)


async def _open_link(
    request: Request, session: AsyncSession, redis: Redis, token: str, clock: ClockDep
) -> links.LinkView:
    settings: Settings = request.app.state.settings
    throttle = LinkThrottle(
        redis, settings.payment_link_failures_per_client, settings.payment_link_window_seconds
    )
    client = client_address(request)
    await throttle.check(client)
    link = await links.find_link(session, token)
    if link is None:
        await throttle.record_failure(client)
        raise NotFound("No such payment link. Check the address, or ask your agency.")
    return await links.link_view(session, link, clock.now())


def _link_out(view: links.LinkView) -> PayLinkInvoiceOut:
    return PayLinkInvoiceOut(
        agency_name=view.agency.name,
        agency_locale=view.agency.locale,
        agency_timezone=view.agency.timezone,
        invoice_number=view.invoice.number,
        reference=f"Invoice {view.invoice.number}",
        property_name=view.place.property_name,
        unit_name=view.place.unit_name,
        property_address=view.place.address,
        period_start=view.invoice.period_start,
        period_end=view.invoice.period_end,
        amount_due=view.outstanding if view.payable else 0,
        currency=view.invoice.currency,
        due_date=view.invoice.due_date,
        state=view.state,
        payable=view.payable,
        expires_at=view.link.expires_at,
    )


@public_router.get("/pay/{token}", responses=_PUBLIC_ERRORS)
async def get_payment_link(
    token: LinkToken, request: Request, session: SessionDep, redis: RedisDep, clock: ClockDep
) -> PayLinkInvoiceOut:
    """What a payment link asks for: the agency, the home (property, unit, address) and the
    period it is for, the invoice's reference, amount and due date, and whether it can still
    be paid — enough for a careful payer to recognise it. Nothing about the tenant."""
    return _link_out(await _open_link(request, session, redis, token, clock))


@public_router.post("/pay/{token}/setup", responses=_PUBLIC_ERRORS | _CARD_ERRORS)
async def start_link_card_setup(
    token: LinkToken,
    request: Request,
    session: SessionDep,
    redis: RedisDep,
    clock: ClockDep,
    gateways: GatewaysDep,
    database: SideDatabaseDep,
) -> CardSetupOut:
    """Enter a card for this payment: confirm the SetupIntent with Stripe.js, then pay."""
    view = await _open_link(request, session, redis, token, clock)
    links.require_payable(view)
    gateway = gateways.require()
    setup = await links.start_link_setup(database, gateway, view.link, view.invoice)
    return _setup_out(gateway, setup.client_secret)


@public_router.post(
    "/pay/{token}/payments",
    status_code=201,
    responses=_PUBLIC_ERRORS | _CARD_ERRORS,
    response_model=CardPaymentOut,
)
async def pay_by_link(
    token: LinkToken,
    body: CardPaymentIn,
    request: Request,
    session: SessionDep,
    redis: RedisDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
    gateways: GatewaysDep,
    database: SideDatabaseDep,
) -> CardPaymentOut | JSONResponse:
    """Pay the link's invoice with the card just set up, as the portal does (method
    `payment_link`). `Idempotency-Key` is required."""
    view = await _open_link(request, session, redis, token, clock)
    links.require_payable(view)
    key = _required_key(idempotency)
    gateway = gateways.require()
    scope = f"link:{view.link.id}"

    async def work() -> CardPaymentOut:
        customer = await links.link_customer(database, gateway, view.link, view.invoice)
        tenant = await links.link_payer_tenant(session, view.invoice)
        payer = charges.Payer(
            agency=view.agency,
            tenant_id=tenant.id,
            scope=scope,
            method=PaymentMethod.PAYMENT_LINK,
            customer=customer,
            payment_link_id=view.link.id,
        )
        outcome = await charges.pay_invoice(
            database,
            gateway,
            payer,
            invoice_id=view.invoice.id,
            payment_method_id=body.payment_method_id,
            request_key=key,
            now=clock.now(),
        )
        return _payment_out(outcome)

    return await idempotency.run(
        session,
        scope=scope,
        operation="pay_by_link",
        payload=body.model_dump(mode="json"),
        work=work,
        status_code=201,
    )


# --------------------------------------------------------------------- webhooks

_WEBHOOK_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "A Stripe event, exactly as Stripe signed it.",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
}


@webhooks_router.post(
    "/webhooks/stripe", responses=problem_responses(400, 422), openapi_extra=_WEBHOOK_BODY
)
async def receive_stripe_webhook(
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    gateways: GatewaysDep,
    stripe_signature: Annotated[str | None, Header(alias="Stripe-Signature")] = None,
) -> WebhookReceived:
    """Stripe's events about payments and payouts. Verified with the webhook secret (a
    tampered body, another secret, or a timestamp more than 5 minutes off: 400, nothing
    changes); each event applies once however often it is delivered."""
    payload = await request.body()
    event = parse_webhook(payload, stripe_signature, gateways.webhook_secret)
    outcome = await webhooks.handle_event(session, gateways.optional(), event, clock.now())
    return WebhookReceived(received=True, outcome=outcome)
