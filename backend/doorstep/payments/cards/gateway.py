"""The card gateway: Stripe through the official SDK (async calls), behind typed results.

Everything the rest of Doorstep knows about Stripe is here. Calls return small frozen
dataclasses, never SDK objects, and gateway failures become domain errors:

- a refused card is :class:`CardDeclined` (402, a message the tenant understands);
- a gateway that cannot be reached, times out or is rate-limiting is
  :class:`GatewayUnavailable` (503); one that answers nonsense is :class:`GatewayFailure`
  (502). Neither is ever a 500.

The SDK never retries on its own (``max_network_retries=0``): a retried charge must go through
Doorstep's own records, because the local stand-in (localstripe) ignores Stripe's
``Idempotency-Key``. Every money-moving call still sends one derived from our own ids, so real
Stripe deduplicates as well.

``DOORSTEP_STRIPE_API_BASE`` points the SDK at localstripe; unset, it talks to Stripe.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

import stripe
import structlog
from stripe._base_address import BaseAddresses

from doorstep.core.errors import AppError
from doorstep.core.settings import Settings

log = structlog.get_logger(__name__)

T = TypeVar("T")

# Stripe's own default; a signed webhook older (or newer) than this is refused (replays).
WEBHOOK_TOLERANCE_SECONDS = 300


# --------------------------------------------------------------------- errors


class CardDeclined(AppError):
    """The card processor refused the card. ``code`` is its reason (``card_declined``,
    ``expired_card``, ``incorrect_cvc``, ``processing_error``, ``authentication_required``,
    ...) and ``decline_code`` the bank's, when given: the problem carries both so the portal
    can say what happened in the tenant's language."""

    status_code = 402
    slug = "card-declined"
    title = "Your card was declined"

    def __init__(
        self, reason: str, code: str | None = None, decline_code: str | None = None
    ) -> None:
        super().__init__(
            f"{reason.rstrip('.')}. You have not been charged: try another card, or ask your "
            "bank why it refused the payment."
        )
        self.reason = reason
        self.code = code or "card_declined"
        self.decline_code = decline_code


class GatewayUnavailable(AppError):
    status_code = 503
    slug = "payment-gateway-unavailable"
    title = "The card processor cannot be reached right now"
    code = "gateway_unreachable"

    def __init__(self, detail: str | None = None, *, code: str | None = None) -> None:
        super().__init__(
            detail or "Please try again in a few minutes.", headers={"Retry-After": "30"}
        )
        if code is not None:
            self.code = code


class GatewayFailure(AppError):
    status_code = 502
    slug = "payment-gateway-error"
    title = "The card processor gave an unexpected answer"
    code = "gateway_error"


class PaymentsNotConfigured(AppError):
    status_code = 503
    slug = "online-payments-not-configured"
    title = "Card payments are not set up on this server"


class GatewayNotFound(AppError):
    """The gateway does not know the object (a deleted customer, a card id from elsewhere)."""

    status_code = 404
    slug = "not-found"
    title = "Not found"


class InvalidWebhook(AppError):
    status_code = 400
    slug = "invalid-webhook"
    title = "The webhook could not be verified"


# --------------------------------------------------------------------- results


class IntentStatus(StrEnum):
    REQUIRES_PAYMENT_METHOD = "requires_payment_method"
    REQUIRES_CONFIRMATION = "requires_confirmation"
    REQUIRES_ACTION = "requires_action"
    PROCESSING = "processing"
    REQUIRES_CAPTURE = "requires_capture"
    SUCCEEDED = "succeeded"
    CANCELED = "canceled"

    @property
    def failed(self) -> bool:
        """A confirmed attempt that did not take the money (Stripe puts a declined intent
        back to requires_payment_method)."""
        return self in (IntentStatus.REQUIRES_PAYMENT_METHOD, IntentStatus.CANCELED)


@dataclass(frozen=True)
class SetupSession:
    id: str
    client_secret: str


@dataclass(frozen=True)
class Card:
    id: str
    customer: str | None
    brand: str
    last4: str
    exp_month: int
    exp_year: int


@dataclass(frozen=True)
class Intent:
    id: str
    status: IntentStatus
    amount: int
    currency: str
    customer: str | None
    payment_method: str | None
    client_secret: str | None
    charge_id: str | None
    failure_code: str | None
    failure_message: str | None
    metadata: dict[str, str] = field(default_factory=dict)
    # The processor's reason (``card_declined``, ``expired_card``...) and the bank's, apart.
    error_code: str | None = None
    decline_code: str | None = None

    @property
    def failure_reason(self) -> str:
        message = self.failure_message or "The card payment did not go through."
        return f"{message} ({self.failure_code})" if self.failure_code else message


@dataclass(frozen=True)
class RefundResult:
    id: str
    status: str
    amount: int


@dataclass(frozen=True)
class WebhookEvent:
    id: str
    type: str
    object: dict[str, Any]


# --------------------------------------------------------------------- the adapter


@dataclass(frozen=True)
class GatewayConfig:
    secret_key: str
    publishable_key: str
    webhook_secret: str | None
    api_base: str | None = None
    js_url: str = "https://js.stripe.com/v3/"
    timeout_seconds: float = 20.0

    @classmethod
    def from_settings(cls, settings: Settings) -> GatewayConfig | None:
        if settings.stripe_secret_key is None:
            return None
        return cls(
            secret_key=settings.stripe_secret_key.get_secret_value(),
            publishable_key=settings.stripe_publishable_key or "",
            webhook_secret=(
                settings.stripe_webhook_secret.get_secret_value()
                if settings.stripe_webhook_secret
                else None
            ),
            api_base=settings.stripe_api_base,
            js_url=settings.stripe_js_url,
            timeout_seconds=settings.stripe_timeout_seconds,
        )


class _HTTPXClient(stripe.HTTPXClient):
    """The SDK's httpx client, sending its form body as ``content=`` rather than ``data=<str>``
    (which httpx deprecates with a warning on every call)."""

    def _get_request_args_kwargs(
        self, method: str, url: str, headers: Any, post_data: Any
    ) -> tuple[list[Any], dict[str, Any]]:
        args, kwargs = super()._get_request_args_kwargs(method, url, headers, post_data)
        body = kwargs.pop("data", None)
        if body:
            kwargs["content"] = body
        return args, kwargs


def payment_key(payment_id: object, step: str) -> str:
    """The Stripe idempotency key of one step of one of our payments."""
    return f"doorstep-payment-{payment_id}-{step}"


class StripeGateway:
    """Async Stripe calls with typed results and domain errors."""

    def __init__(self, config: GatewayConfig) -> None:
        self.config = config
        base_addresses: BaseAddresses = {}
        if config.api_base:
            base_addresses["api"] = config.api_base.rstrip("/")
        self._http = _HTTPXClient(timeout=config.timeout_seconds)
        self.client = stripe.StripeClient(
            config.secret_key,
            base_addresses=base_addresses,
            http_client=self._http,
            max_network_retries=0,
        )

    @property
    def publishable_key(self) -> str:
        return self.config.publishable_key

    @property
    def js_url(self) -> str:
        return self.config.js_url

    async def close(self) -> None:
        await self._http.close_async()  # type: ignore[no-untyped-call]

    # customers and cards

    async def create_customer(
        self, *, name: str, email: str | None, metadata: dict[str, str]
    ) -> str:
        params: dict[str, Any] = {"name": name, "metadata": metadata}
        if email:
            params["email"] = email
        customer = await self._call(
            "create_customer",
            lambda: self.client.v1.customers.create_async(params=params),  # type: ignore[arg-type]
        )
        return str(customer.id)

    async def customer_exists(self, customer: str) -> bool:
        """False for a customer deleted at the gateway or unknown to it (a restarted local
        stand-in starts empty)."""
        try:
            found = await self._call(
                "get_customer", lambda: self.client.v1.customers.retrieve_async(customer)
            )
        except GatewayNotFound:
            return False
        return not found.to_dict().get("deleted", False)

    async def create_setup_intent(self, customer: str) -> SetupSession:
        """A SetupIntent to save a card for later off-session use (Stripe.js confirms it)."""
        intent = await self._call(
            "create_setup_intent",
            lambda: self.client.v1.setup_intents.create_async(
                params={"customer": customer, "usage": "off_session"}
            ),
        )
        return SetupSession(id=str(intent.id), client_secret=str(intent.client_secret))

    async def get_card(self, payment_method_id: str) -> Card:
        method = await self._call(
            "get_card", lambda: self.client.v1.payment_methods.retrieve_async(payment_method_id)
        )
        return _card(method.to_dict())

    async def attach_card(self, payment_method_id: str, customer: str) -> Card:
        """Attach a confirmed card to the customer (confirming a SetupIntent does not attach
        it on localstripe; on Stripe attaching again to the same customer is harmless)."""
        method = await self._call(
            "attach_card",
            lambda: self.client.v1.payment_methods.attach_async(
                payment_method_id, params={"customer": customer}
            ),
        )
        return _card(method.to_dict())

    async def list_cards(self, customer: str) -> list[Card]:
        page = await self._call(
            "list_cards",
            lambda: self.client.v1.payment_methods.list_async(
                params={"customer": customer, "type": "card", "limit": 100}
            ),
        )
        return [_card(method.to_dict()) for method in page.data]

    async def detach_card(self, payment_method_id: str) -> None:
        await self._call(
            "detach_card", lambda: self.client.v1.payment_methods.detach_async(payment_method_id)
        )

    async def delete_customer(self, customer: str) -> None:
        """Delete the customer at the gateway (its name, e-mail and any payment method left
        on it go too). One the gateway no longer knows is already gone."""
        try:
            await self._call(
                "delete_customer", lambda: self.client.v1.customers.delete_async(customer)
            )
        except GatewayNotFound:
            return

    # payment intents

    async def create_payment_intent(
        self,
        *,
        payment_id: object,
        amount: int,
        currency: str,
        customer: str,
        payment_method: str,
        metadata: dict[str, str],
        confirm: bool = False,
        off_session: bool = False,
    ) -> Intent:
        """Create a PaymentIntent for one of our payments, keyed by its id.

        With ``confirm=True`` it is created and confirmed in one call (``off_session=True``
        when the tenant is not there, e.g. a recurring charge). The portal and payment-link
        flows create first and confirm after recording the intent's id (see
        ``payments.cards.charges``), so a charge whose answer is lost is always found again.
        """
        params: dict[str, Any] = {
            "amount": amount,
            "currency": currency.lower(),
            "customer": customer,
            "payment_method": payment_method,
            "metadata": metadata,
        }
        if confirm:
            params["confirm"] = True
            if off_session:
                params["off_session"] = True
        key = payment_key(payment_id, "create-confirm" if confirm else "create")
        intent = await self._call(
            "create_payment_intent",
            lambda: self.client.v1.payment_intents.create_async(
                params=params,  # type: ignore[arg-type]
                options={"idempotency_key": key},
            ),
        )
        return _intent(intent.to_dict())

    async def confirm_payment_intent(
        self, intent_id: str, *, payment_id: object, off_session: bool = False
    ) -> Intent:
        """Confirm (charge) an intent. A refused card raises :class:`CardDeclined`.

        localstripe refuses ``off_session`` here (only create + confirm in one call takes it),
        so it is only sent when asked for.
        """
        params: dict[str, Any] = {"off_session": True} if off_session else {}
        intent = await self._call(
            "confirm_payment_intent",
            lambda: self.client.v1.payment_intents.confirm_async(
                intent_id,
                params=params,  # type: ignore[arg-type]
                options={"idempotency_key": payment_key(payment_id, "confirm")},
            ),
        )
        return _intent(intent.to_dict())

    async def find_payment_intent(
        self, *, customer: str, metadata_key: str, metadata_value: str
    ) -> Intent | None:
        """The customer's PaymentIntent carrying ``metadata_key=metadata_value``, if the gateway
        has one: how a create-and-confirm call whose answer was lost is found again before it is
        ever repeated (localstripe ignores idempotency keys, and lists intents unfiltered)."""
        params: dict[str, Any] = {"limit": 100}
        if not self.config.api_base:  # real Stripe filters by customer; the stand-in cannot
            params["customer"] = customer
        while True:
            page = await self._call(
                "find_payment_intent",
                lambda: self.client.v1.payment_intents.list_async(
                    params=params  # type: ignore[arg-type]
                ),
            )
            rows = [row.to_dict() for row in page.data]
            for row in rows:
                if (row.get("metadata") or {}).get(metadata_key) == metadata_value and _id_of(
                    row.get("customer")
                ) == customer:
                    return _intent(row)
            if not page.has_more or not rows:
                return None
            params["starting_after"] = rows[-1]["id"]

    async def create_sepa_debit(self, *, customer: str, iban: str, holder: str) -> Card:
        """A SEPA direct-debit payment method for the customer (an account, not a card: the
        result's ``brand`` is ``sepa_debit`` and ``last4`` the IBAN's)."""
        method = await self._call(
            "create_sepa_debit",
            lambda: self.client.v1.payment_methods.create_async(
                params={
                    "type": "sepa_debit",
                    "sepa_debit": {"iban": iban},
                    "billing_details": {"name": holder},
                }
            ),
        )
        data = method.to_dict()
        await self._call(
            "attach_sepa_debit",
            lambda: self.client.v1.payment_methods.attach_async(
                str(data["id"]), params={"customer": customer}
            ),
        )
        sepa = data.get("sepa_debit") or {}
        return Card(
            id=str(data["id"]),
            customer=customer,
            brand="sepa_debit",
            last4=str(sepa.get("last4") or ""),
            exp_month=0,
            exp_year=0,
        )

    async def get_payment_intent(self, intent_id: str) -> Intent:
        intent = await self._call(
            "get_payment_intent", lambda: self.client.v1.payment_intents.retrieve_async(intent_id)
        )
        return _intent(intent.to_dict())

    async def cancel_payment_intent(self, intent_id: str) -> Intent:
        intent = await self._call(
            "cancel_payment_intent",
            lambda: self.client.v1.payment_intents.cancel_async(intent_id),
        )
        return _intent(intent.to_dict())

    async def refund(self, *, intent_id: str, amount: int, refund_id: object) -> RefundResult:
        """Give back part or all of a charge. Doorstep checks refund <= paid itself (the
        stand-in accepts over-refunds)."""
        refund = await self._call(
            "refund",
            lambda: self.client.v1.refunds.create_async(
                params={"payment_intent": intent_id, "amount": amount},
                options={"idempotency_key": f"doorstep-refund-{refund_id}"},
            ),
        )
        data = refund.to_dict()
        return RefundResult(
            id=str(data["id"]), status=str(data.get("status")), amount=int(data["amount"])
        )

    async def payout_payment_intents(self, payout_id: str) -> list[str] | None:
        """The PaymentIntents whose charges a payout brought to the bank, or None when the
        gateway cannot tell (localstripe keeps no link between payouts and charges)."""
        found: list[str] = []
        params: dict[str, Any] = {
            "payout": payout_id,
            "type": "charge",
            "limit": 100,
            "expand": ["data.source"],
        }
        try:
            while True:
                page = await self._call(
                    "payout_payment_intents",
                    lambda: self.client.v1.balance_transactions.list_async(
                        params=params  # type: ignore[arg-type]
                    ),
                )
                rows = [row.to_dict() for row in page.data]
                for row in rows:
                    source = row.get("source")
                    if isinstance(source, dict) and source.get("payment_intent"):
                        found.append(str(source["payment_intent"]))
                if not page.has_more or not rows:
                    return found
                params["starting_after"] = rows[-1]["id"]
        except (GatewayFailure, GatewayNotFound):
            log.warning("payout_composition_unavailable", payout=payout_id)
            return None

    # webhooks

    def parse_webhook(self, payload: bytes, signature: str | None) -> WebhookEvent:
        return parse_webhook(payload, signature, self.config.webhook_secret)

    # plumbing

    async def _call(self, operation: str, call: Callable[[], Awaitable[T]]) -> T:
        try:
            return await call()
        except stripe.CardError as exc:
            raise CardDeclined(
                exc.user_message or "Your card was declined", exc.code, _decline_code(exc)
            ) from None
        except stripe.RateLimitError as exc:
            log.warning("gateway_rate_limited", operation=operation, error=str(exc)[:300])
            raise GatewayUnavailable(code="rate_limited") from None
        except stripe.APIConnectionError as exc:
            log.warning("gateway_unreachable", operation=operation, error=str(exc)[:300])
            raise GatewayUnavailable() from None
        except stripe.InvalidRequestError as exc:
            if exc.http_status == 404 or exc.code == "resource_missing":
                raise GatewayNotFound(exc.user_message) from None
            log.error("gateway_refused", operation=operation, error=str(exc)[:300])
            raise GatewayFailure("The card processor refused the request.") from None
        except stripe.StripeError as exc:
            log.error("gateway_error", operation=operation, error=str(exc)[:300])
            raise GatewayFailure() from None


def _decline_code(exc: stripe.CardError) -> str | None:
    """The bank's reason for a refusal, when the processor passes it on."""
    error = exc.error
    value = getattr(error, "decline_code", None) if error is not None else None
    if value is None and isinstance(exc.json_body, dict):
        value = (exc.json_body.get("error") or {}).get("decline_code")
    return str(value) if value else None


def parse_webhook(payload: bytes, signature: str | None, secret: str | None) -> WebhookEvent:
    """Verify a webhook's signature (and that it is recent, either way) and read it."""
    if not secret:
        log.error("webhook_secret_missing")
        raise InvalidWebhook("This server has no webhook secret, so it cannot verify webhooks.")
    if not signature:
        raise InvalidWebhook("The Stripe-Signature header is missing.")
    _refuse_future_timestamp(signature)
    try:
        event = stripe.Webhook.construct_event(
            payload, signature, secret, tolerance=WEBHOOK_TOLERANCE_SECONDS
        )
        data = event.to_dict()
        return WebhookEvent(
            id=str(data["id"]), type=str(data["type"]), object=dict(data["data"]["object"])
        )
    except stripe.SignatureVerificationError as exc:
        raise InvalidWebhook(f"The signature does not match: {exc.user_message}") from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise InvalidWebhook("The body is not a Stripe event.") from None


def _refuse_future_timestamp(signature: str) -> None:
    # The SDK refuses timestamps older than the tolerance; one far in the future is as suspect.
    for item in signature.split(","):
        name, _, value = item.partition("=")
        future = value.strip().isdigit() and int(value) > time.time() + WEBHOOK_TOLERANCE_SECONDS
        if name.strip() == "t" and future:
            raise InvalidWebhook("The signature's timestamp is outside the tolerance.")


def _card(data: dict[str, Any]) -> Card:
    card = data.get("card") or {}
    return Card(
        id=str(data["id"]),
        customer=_id_of(data.get("customer")),
        brand=str(card.get("brand") or "card"),
        last4=str(card.get("last4") or ""),
        exp_month=int(card.get("exp_month") or 0),
        exp_year=int(card.get("exp_year") or 0),
    )


def _id_of(value: Any) -> str | None:
    """An expandable field: an id, an object with an id, or nothing."""
    if value is None:
        return None
    if isinstance(value, dict):
        return str(value["id"]) if value.get("id") else None
    return str(value)


def intent_from_dict(data: dict[str, Any]) -> Intent:
    return _intent(data)


def _intent(data: dict[str, Any]) -> Intent:
    error = data.get("last_payment_error") or {}
    try:
        status = IntentStatus(str(data.get("status")))
    except ValueError:
        raise GatewayFailure(f"Unknown payment status {data.get('status')!r}.") from None
    return Intent(
        id=str(data["id"]),
        status=status,
        amount=int(data.get("amount") or 0),
        currency=str(data.get("currency") or "").upper(),
        customer=_id_of(data.get("customer")),
        payment_method=_id_of(data.get("payment_method")),
        client_secret=data.get("client_secret"),
        charge_id=_id_of(data.get("latest_charge")),
        failure_code=error.get("decline_code") or error.get("code"),
        failure_message=error.get("message"),
        error_code=error.get("code"),
        decline_code=error.get("decline_code"),
        metadata={str(k): str(v) for k, v in (data.get("metadata") or {}).items()},
    )
