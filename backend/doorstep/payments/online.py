"""Online card payments: saved cards, paying an invoice by card (portal or payment link), the
gateway's webhooks, and the tick that settles charges whose answer was lost.

How a charge runs, so that no crash or timeout can charge twice or lose money:

1. one transaction locks the invoice, checks it is open with money outstanding and that no
   other card payment for it is under way, and records a *pending* payment for the outstanding
   amount with a :class:`CardCharge` attempt keyed by the caller's ``Idempotency-Key``;
   it commits before the gateway hears of it;
2. a PaymentIntent is created (not yet confirmed) and its id is committed on the attempt;
3. the intent is confirmed — the only call that moves money — and the answer is applied:
   succeeded (allocated to that invoice, receipted), failed (reason kept), or
   ``requires_action`` (3-D Secure: the PWA finishes it and the webhook settles it).

An attempt without an intent id therefore never reached the charge; one with an id is settled
by asking the gateway (webhook, a retry with the same key, or :func:`reconcile_card_payments`
in the tick). Confirmation is never repeated for an attempt whose outcome is unknown.

Seed 003: the trust account's "receipt the oldest invoice first" does not apply to payments
made online: the money goes to the invoice being paid.

These functions commit in several steps, so they take a :class:`Database` (each step its own
transaction) rather than a request's session, and never hold a transaction open while the
gateway is called (except the tick's reconcile, which holds only row locks it took with SKIP
LOCKED).
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import structlog
from sqlalchemy import select, true, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffUser
from doorstep.agencies.settings import read_settings
from doorstep.billing.ledger import invoice_amounts
from doorstep.billing.models import Invoice, InvoiceStatus
from doorstep.billing.schemas import InvoiceState
from doorstep.billing.service import get_invoice, invoice_state
from doorstep.core.clock import local_date
from doorstep.core.db import Database
from doorstep.core.errors import AppError, Conflict, InvalidInput, NotFound
from doorstep.core.security import new_opaque_token, token_digest
from doorstep.leases.models import LeaseTenant
from doorstep.payments.gateway import (
    Card,
    CardDeclined,
    GatewayFailure,
    GatewayNotFound,
    GatewayUnavailable,
    Intent,
    IntentStatus,
    SetupSession,
    StripeGateway,
    WebhookEvent,
    intent_from_dict,
)
from doorstep.payments.models import (
    Payment,
    PaymentMethod,
    PaymentStatus,
    Receipt,
    Refund,
    RefundStatus,
)
from doorstep.payments.online_models import CardCharge, GatewayCustomer, GatewayEvent, PaymentLink
from doorstep.payments.service import (
    AllocationRequest,
    allocate,
    issue_receipt,
    payment_amounts,
    settle_refund,
)
from doorstep.tenants.models import Tenant

log = structlog.get_logger(__name__)

# A pending charge younger than this may still be in its request; older ones are asked about.
RECONCILE_AFTER = timedelta(minutes=5)
# A 3-D Secure prompt left unanswered this long is cancelled, freeing the invoice.
ACTION_TIMEOUT = timedelta(minutes=30)
RECONCILE_BATCH = 50


# --------------------------------------------------------------------- errors


class FeatureNotEnabled(Conflict):
    slug = "feature-not-enabled"
    title = "Not enabled for your agency"


class NothingToPay(Conflict):
    slug = "invoice-not-payable"
    title = "This invoice cannot be paid online"


class PaymentInProgress(Conflict):
    slug = "payment-in-progress"
    title = "A payment for this invoice is already under way"


class PaymentFailed(AppError):
    status_code = 402
    slug = "payment-failed"
    title = "The payment did not go through"


class PaymentOutcomeUnknown(GatewayUnavailable):
    slug = "payment-outcome-unknown"
    title = "The result of the payment is not known yet"

    def __init__(self) -> None:
        super().__init__(
            "The card processor did not give us the result of your payment. Do not pay "
            "again: it will show in your payments within a few minutes."
        )


class PaymentLinkExpired(AppError):
    status_code = 410
    slug = "payment-link-expired"
    title = "This payment link has expired"


_FEATURE_NAMES = {
    "online_payments": "Paying by card online",
    "payment_links": "Payment links",
}


def require_feature(agency: Agency, feature: str) -> None:
    """Seed 000: what an agency has not switched on is "In progress", never half-working."""
    if not getattr(read_settings(agency.settings).features, feature):
        raise FeatureNotEnabled(
            f"{_FEATURE_NAMES[feature]} is not enabled for your agency yet (in progress). "
            "Pay by bank transfer, or ask your agency."
        )


# --------------------------------------------------------------------- customers and cards


async def _stored_customer(database: Database, tenant_id: uuid.UUID) -> str | None:
    async with database.transaction() as session:
        return await session.scalar(
            select(GatewayCustomer.customer_ref).where(GatewayCustomer.tenant_id == tenant_id)
        )


async def tenant_customer(database: Database, gateway: StripeGateway, tenant: Tenant) -> str:
    """The tenant's customer at the gateway, created on first use. Two first uses at once may
    both create one: the first stored wins and the other stays unused at the gateway."""
    stored = await _stored_customer(database, tenant.id)
    if stored is not None:
        return stored
    return await _store_new_customer(database, gateway, tenant, replacing=None)


async def _store_new_customer(
    database: Database, gateway: StripeGateway, tenant: Tenant, *, replacing: str | None
) -> str:
    created = await gateway.create_customer(
        name=f"{tenant.first_name} {tenant.last_name}",
        email=tenant.email,
        metadata={
            "doorstep_tenant_id": str(tenant.id),
            "doorstep_agency_id": str(tenant.agency_id),
        },
    )
    async with database.transaction() as session:
        if replacing is None:
            await session.execute(
                insert(GatewayCustomer)
                .values(
                    id=uuid.uuid4(),
                    tenant_id=tenant.id,
                    agency_id=tenant.agency_id,
                    customer_ref=created,
                )
                .on_conflict_do_nothing(index_elements=["tenant_id"])
            )
        else:
            await session.execute(
                update(GatewayCustomer)
                .where(
                    GatewayCustomer.tenant_id == tenant.id,
                    GatewayCustomer.customer_ref == replacing,
                )
                .values(customer_ref=created)
            )
        winner = await session.scalar(
            select(GatewayCustomer.customer_ref).where(GatewayCustomer.tenant_id == tenant.id)
        )
    return winner or created


async def start_card_setup(
    database: Database, gateway: StripeGateway, tenant: Tenant
) -> SetupSession:
    """A SetupIntent the PWA confirms with Stripe.js (``confirmCardSetup``) to save a card.

    A customer the gateway no longer knows (deleted at Stripe; a restarted local stand-in) is
    replaced by a new one rather than leaving the tenant stuck."""
    customer = await tenant_customer(database, gateway, tenant)
    if not await gateway.customer_exists(customer):
        customer = await _store_new_customer(database, gateway, tenant, replacing=customer)
    return await gateway.create_setup_intent(customer)


async def _own_card(gateway: StripeGateway, payment_method_id: str, customer: str) -> Card:
    """A card confirmed for this customer: attached now if it is not yet (confirming a
    SetupIntent does not attach it everywhere), refused if it is someone else's."""
    try:
        card = await gateway.get_card(payment_method_id)
    except GatewayNotFound:
        raise InvalidInput("payment_method_id", "No such card: set it up again.") from None
    if card.customer == customer:
        return card
    if card.customer is not None:
        raise InvalidInput("payment_method_id", "No such card: set it up again.")
    return await gateway.attach_card(payment_method_id, customer)


async def save_card(
    database: Database, gateway: StripeGateway, tenant: Tenant, payment_method_id: str
) -> Card:
    customer = await tenant_customer(database, gateway, tenant)
    return await _own_card(gateway, payment_method_id, customer)


async def list_cards(database: Database, gateway: StripeGateway, tenant: Tenant) -> list[Card]:
    customer = await _stored_customer(database, tenant.id)
    if customer is None:
        return []
    try:
        return await gateway.list_cards(customer)
    except GatewayNotFound:  # the gateway forgot the customer: no cards
        return []


async def tenant_has_customer(database: Database, tenant: Tenant) -> str:
    customer = await _stored_customer(database, tenant.id)
    if customer is None:
        raise NotFound("No such card.")
    return customer


async def remove_card(gateway: StripeGateway, customer: str, payment_method_id: str) -> None:
    try:
        card = await gateway.get_card(payment_method_id)
    except GatewayNotFound:
        raise NotFound("No such card.") from None
    if card.customer != customer:
        raise NotFound("No such card.")
    await gateway.detach_card(payment_method_id)


# --------------------------------------------------------------------- paying an invoice


@dataclass(frozen=True)
class Payer:
    """Who pays, how their requests are keyed, and the gateway customer holding their card."""

    agency: Agency
    tenant_id: uuid.UUID
    scope: str
    method: PaymentMethod
    customer: str
    payment_link_id: uuid.UUID | None = None


@dataclass(frozen=True)
class ChargeOutcome:
    payment_id: uuid.UUID
    invoice_id: uuid.UUID
    status: str  # succeeded | requires_action | pending
    amount: int
    currency: str
    receipt_number: int | None
    client_secret: str | None


async def pay_invoice(
    database: Database,
    gateway: StripeGateway,
    payer: Payer,
    *,
    invoice_id: uuid.UUID,
    payment_method_id: str,
    request_key: str,
    now: datetime,
) -> ChargeOutcome:
    """Charge the invoice's outstanding amount to a saved card, once per ``request_key``.

    A declined card leaves a failed payment and the invoice open (402); a gateway that cannot
    be reached before the charge leaves a failed payment too (nothing was charged); one that
    stops answering during the charge leaves the payment pending for the webhook or the tick.
    """
    existing = await _attempt_id_for_key(database, payer.scope, request_key)
    if existing is not None:
        return await _resume(database, gateway, existing, now)
    await _own_card(gateway, payment_method_id, payer.customer)
    attempt_id = await _start_attempt(
        database, gateway, payer, invoice_id, payment_method_id, request_key, now
    )
    return await _charge(database, gateway, attempt_id, now)


async def _attempt_id_for_key(database: Database, scope: str, key: str) -> uuid.UUID | None:
    async with database.transaction() as session:
        return await session.scalar(
            select(CardCharge.id).where(
                CardCharge.request_scope == scope, CardCharge.request_key == key
            )
        )


async def _start_attempt(
    database: Database,
    gateway: StripeGateway,
    payer: Payer,
    invoice_id: uuid.UUID,
    payment_method_id: str,
    request_key: str,
    now: datetime,
) -> uuid.UUID:
    for retry in (True, False):
        blocking = await _record_attempt(
            database, payer, invoice_id, payment_method_id, request_key, now
        )
        if isinstance(blocking, uuid.UUID):
            return blocking
        # Another attempt for this invoice is unsettled: ask the gateway how it stands (and
        # drop the payer's own abandoned 3-D Secure prompt) before giving up.
        if retry:
            await sync_attempt(
                database, gateway, blocking.id, now, cancel_waiting=blocking.scope == payer.scope
            )
    raise PaymentInProgress(
        "A payment for this invoice is being processed or waits for 3-D Secure. Complete it, "
        "or try again in a few minutes."
    )


@dataclass(frozen=True)
class BlockingAttempt:
    id: uuid.UUID
    scope: str


async def _record_attempt(
    database: Database,
    payer: Payer,
    invoice_id: uuid.UUID,
    payment_method_id: str,
    request_key: str,
    now: datetime,
) -> uuid.UUID | BlockingAttempt:
    try:
        async with database.transaction() as session:
            return await open_attempt(
                session, payer, invoice_id, payment_method_id, request_key, now
            )
    except IntegrityError:
        # The same key, or another attempt for the invoice, committed a moment earlier.
        raise PaymentInProgress(
            "A payment for this invoice is already being processed. Try again in a moment."
        ) from None


async def open_attempt(
    session: AsyncSession,
    payer: Payer,
    invoice_id: uuid.UUID,
    payment_method_id: str,
    request_key: str,
    now: datetime,
) -> uuid.UUID | BlockingAttempt:
    """Record a pending payment for what the invoice still asks for and the attempt to take
    it by card, unless the invoice has nothing to pay or another attempt is unsettled."""
    invoice = await session.scalar(
        select(Invoice)
        .where(Invoice.id == invoice_id, Invoice.agency_id == payer.agency.id)
        .with_for_update()
    )
    if invoice is None:
        raise NotFound("No such invoice.")
    amounts = (await invoice_amounts(session, [invoice.id]))[invoice.id]
    if invoice.status is not InvoiceStatus.OPEN or amounts.outstanding <= 0:
        state = invoice_state(invoice, amounts)
        raise NothingToPay(f"This invoice is {state.value.replace('_', ' ')}.")
    unsettled = (
        await session.execute(
            select(CardCharge.id, CardCharge.request_scope).where(
                CardCharge.invoice_id == invoice.id, CardCharge.settled_at.is_(None)
            )
        )
    ).first()
    if unsettled is not None:
        return BlockingAttempt(unsettled[0], unsettled[1])
    payment = Payment(
        agency_id=payer.agency.id,
        lease_id=invoice.lease_id,
        tenant_id=payer.tenant_id,
        method=payer.method,
        status=PaymentStatus.PENDING,
        amount=amounts.outstanding,
        currency=invoice.currency,
        reference=f"Invoice {invoice.number}",
    )
    session.add(payment)
    await session.flush()
    attempt = CardCharge(
        payment_id=payment.id,
        agency_id=payer.agency.id,
        invoice_id=invoice.id,
        payment_link_id=payer.payment_link_id,
        request_scope=payer.scope,
        request_key=request_key,
        customer_ref=payer.customer,
        payment_method_ref=payment_method_id,
        started_at=now,
    )
    session.add(attempt)
    await session.flush()
    return attempt.id


async def _charge(
    database: Database, gateway: StripeGateway, attempt_id: uuid.UUID, now: datetime
) -> ChargeOutcome:
    async with database.transaction() as session:
        attempt, payment = await _lock(session, attempt_id)
    try:
        intent = await gateway.create_payment_intent(
            payment_id=payment.id,
            amount=payment.amount,
            currency=payment.currency,
            customer=attempt.customer_ref,
            payment_method=attempt.payment_method_ref,
            metadata={
                "doorstep_payment_id": str(payment.id),
                "doorstep_invoice_id": str(attempt.invoice_id),
            },
        )
    except CardDeclined as exc:
        await _fail(database, attempt_id, exc.reason, now)
        raise
    except GatewayNotFound:
        await _fail(database, attempt_id, "The card is no longer available.", now)
        raise InvalidInput("payment_method_id", "No such card: set it up again.") from None
    except (GatewayUnavailable, GatewayFailure):
        # Not confirmed, so not charged whatever happened at the gateway.
        await _fail(database, attempt_id, "The card processor could not be reached.", now)
        raise
    async with database.transaction() as session:
        attempt, payment = await _lock(session, attempt_id)
        abandoned = payment.status is not PaymentStatus.PENDING
        if not abandoned:
            attempt.intent_ref = intent.id
            attempt.confirmed_at = now
            payment.gateway_reference = intent.id
    if abandoned:  # given up on meanwhile (the tick): never confirm it
        await _cancel_quietly(gateway, intent.id)
        raise PaymentFailed(_not_charged(payment.failure_reason))
    return await _confirm(database, gateway, attempt_id, intent.id, payment.id, now)


async def _cancel_quietly(gateway: StripeGateway, intent_id: str) -> None:
    try:
        await gateway.cancel_payment_intent(intent_id)
    except (GatewayUnavailable, GatewayFailure, GatewayNotFound):
        log.warning("card_intent_not_cancelled", intent=intent_id)


async def _confirm(
    database: Database,
    gateway: StripeGateway,
    attempt_id: uuid.UUID,
    intent_id: str,
    payment_id: uuid.UUID,
    now: datetime,
) -> ChargeOutcome:
    try:
        intent = await gateway.confirm_payment_intent(intent_id, payment_id=payment_id)
    except CardDeclined as exc:
        await _fail(database, attempt_id, exc.reason, now)
        raise
    except (GatewayUnavailable, GatewayFailure, GatewayNotFound):
        log.warning("card_charge_outcome_unknown", payment_id=str(payment_id), intent=intent_id)
        raise PaymentOutcomeUnknown() from None
    return await _apply_and_report(database, attempt_id, intent, now)


async def _apply_and_report(
    database: Database, attempt_id: uuid.UUID, intent: Intent, now: datetime
) -> ChargeOutcome:
    async with database.transaction() as session:
        attempt, payment = await _lock(session, attempt_id)
        await apply_intent(session, attempt, payment, intent, now)
        receipt = await session.scalar(
            select(Receipt.number).where(Receipt.payment_id == payment.id)
        )
    if payment.status is PaymentStatus.FAILED:
        raise PaymentFailed(_not_charged(payment.failure_reason))
    waiting = intent.status is IntentStatus.REQUIRES_ACTION
    status = (
        payment.status.value
        if payment.status is PaymentStatus.SUCCEEDED
        else ("requires_action" if waiting else "pending")
    )
    return ChargeOutcome(
        payment_id=payment.id,
        invoice_id=attempt.invoice_id,
        status=status,
        amount=payment.amount,
        currency=payment.currency,
        receipt_number=receipt,
        client_secret=intent.client_secret if waiting else None,
    )


def _not_charged(reason: str | None) -> str:
    return f"{(reason or 'The payment failed').rstrip('.')}. You have not been charged."


async def _resume(
    database: Database, gateway: StripeGateway, attempt_id: uuid.UUID, now: datetime
) -> ChargeOutcome:
    """A retry with a key that already started an attempt: report it, asking the gateway
    where it stands, and confirm it only if the first request never got that far."""
    async with database.transaction() as session:
        attempt, payment = await _lock(session, attempt_id)
    if payment.status is PaymentStatus.PENDING and attempt.intent_ref is None:
        # The first request stopped before the intent existed: nothing was charged.
        await _fail(database, attempt_id, "The payment was interrupted.", now)
        return await _apply_and_report(database, attempt_id, _nothing(attempt), now)
    if attempt.intent_ref is None:
        return await _apply_and_report(database, attempt_id, _nothing(attempt), now)
    try:
        intent = await gateway.get_payment_intent(attempt.intent_ref)
    except GatewayNotFound:
        await _fail(database, attempt_id, "The card processor has no record of it.", now)
        return await _apply_and_report(database, attempt_id, _nothing(attempt), now)
    if (
        intent.status is IntentStatus.REQUIRES_CONFIRMATION
        and payment.status is PaymentStatus.PENDING
    ):
        return await _confirm(database, gateway, attempt_id, intent.id, payment.id, now)
    return await _apply_and_report(database, attempt_id, intent, now)


def _nothing(attempt: CardCharge) -> Intent:
    # A stand-in for "no intent": applies no change, reports the stored state.
    return Intent(
        id=attempt.intent_ref or "",
        status=IntentStatus.PROCESSING,
        amount=0,
        currency="",
        customer=None,
        payment_method=None,
        client_secret=None,
        charge_id=None,
        failure_code=None,
        failure_message=None,
    )


async def _lock(session: AsyncSession, attempt_id: uuid.UUID) -> tuple[CardCharge, Payment]:
    attempt = await session.scalar(
        select(CardCharge).where(CardCharge.id == attempt_id).with_for_update()
    )
    assert attempt is not None
    payment = await session.scalar(
        select(Payment).where(Payment.id == attempt.payment_id).with_for_update()
    )
    assert payment is not None
    return attempt, payment


async def record_intent(
    session: AsyncSession, attempt_id: uuid.UUID, intent_id: str, now: datetime
) -> None:
    """Record the PaymentIntent of an attempt that was created and confirmed in one call (an
    off-session recurring charge), so the webhook and the reconcile job find it by its id."""
    attempt, payment = await _lock(session, attempt_id)
    if attempt.intent_ref is None:
        attempt.intent_ref = intent_id
        attempt.confirmed_at = now
        payment.gateway_reference = payment.gateway_reference or intent_id
        await session.flush()


async def _fail(database: Database, attempt_id: uuid.UUID, reason: str, now: datetime) -> None:
    async with database.transaction() as session:
        attempt, payment = await _lock(session, attempt_id)
        if payment.status is PaymentStatus.PENDING:
            payment.status = PaymentStatus.FAILED
            payment.failure_reason = reason[:500]
        attempt.settled_at = attempt.settled_at or now


async def apply_intent(
    session: AsyncSession, attempt: CardCharge, payment: Payment, intent: Intent, now: datetime
) -> str:
    """Bring a card payment (rows locked by the caller) in line with what the gateway says.

    Transitions only move forward: pending -> succeeded | failed, and failed -> succeeded when
    the gateway reports the money arrived after all. A succeeded payment never goes back, so
    a late or replayed "failed" changes nothing. On success the money settles the invoice that
    was being paid (seed 003: not the oldest one), any excess stays as the tenant's credit,
    and a receipt is issued.
    """
    if intent.id and attempt.intent_ref and intent.id != attempt.intent_ref:
        return "ignored: another payment intent"
    if intent.status is IntentStatus.SUCCEEDED:
        if payment.status is PaymentStatus.SUCCEEDED:
            return "ignored: already succeeded"
        if intent.amount != payment.amount or intent.currency != payment.currency.upper():
            log.error("card_charge_amount_mismatch", payment_id=str(payment.id), intent=intent.id)
            return "ignored: amount does not match"
        agency = await session.get_one(Agency, payment.agency_id)
        payment.status = PaymentStatus.SUCCEEDED
        payment.succeeded_at = now
        payment.received_on = local_date(now, agency.timezone)
        payment.failure_reason = None
        payment.gateway_reference = intent.id
        attempt.settled_at = attempt.settled_at or now
        await session.flush()
        await _allocate_to_invoice(session, payment, attempt.invoice_id)
        await issue_receipt(session, payment, now)
        return "applied: succeeded"
    if intent.status.failed:
        if payment.status is not PaymentStatus.PENDING:
            return f"ignored: already {payment.status.value}"
        payment.status = PaymentStatus.FAILED
        payment.failure_reason = intent.failure_reason[:500]
        attempt.settled_at = attempt.settled_at or now
        await session.flush()
        return "applied: failed"
    return f"ignored: {intent.status.value}"


async def _allocate_to_invoice(
    session: AsyncSession, payment: Payment, invoice_id: uuid.UUID
) -> None:
    invoice = await session.scalar(
        select(Invoice).where(Invoice.id == invoice_id).with_for_update()
    )
    if invoice is None or invoice.status is not InvoiceStatus.OPEN:
        return  # voided meanwhile: the money is the tenant's credit on the lease
    outstanding = (await invoice_amounts(session, [invoice_id]))[invoice_id].outstanding
    available = (await payment_amounts(session, [payment.id]))[payment.id].unallocated
    portion = min(outstanding, available)
    if portion > 0:
        await allocate(
            session, payment.agency_id, payment.id, [AllocationRequest(invoice_id, portion)]
        )


async def sync_attempt(
    database: Database,
    gateway: StripeGateway,
    attempt_id: uuid.UUID,
    now: datetime,
    *,
    cancel_waiting: bool = False,
) -> str:
    """Ask the gateway about one unsettled attempt and apply the answer. ``cancel_waiting``
    cancels an intent still waiting for 3-D Secure or confirmation (the payer started over)."""
    async with database.transaction() as session:
        attempt, payment = await _lock(session, attempt_id)
        if attempt.settled_at is not None:
            return "settled"
        intent = await _ask_gateway(session, gateway, attempt, payment, now, cancel_waiting)
        if intent is None:
            return "unknown"
        return await apply_intent(session, attempt, payment, intent, now)


async def _ask_gateway(
    session: AsyncSession,
    gateway: StripeGateway,
    attempt: CardCharge,
    payment: Payment,
    now: datetime,
    cancel_waiting: bool,
) -> Intent | None:
    if payment.status is not PaymentStatus.PENDING:
        attempt.settled_at = now
        return None
    if attempt.intent_ref is None:
        if now - attempt.started_at < RECONCILE_AFTER:
            return None  # its request may be creating the intent right now
        # Never confirmed (the intent is committed before confirming): not charged.
        payment.status = PaymentStatus.FAILED
        payment.failure_reason = "The payment was interrupted before the card was charged."
        attempt.settled_at = now
        return None
    try:
        intent = await gateway.get_payment_intent(attempt.intent_ref)
        age = now - attempt.started_at
        if intent.status is IntentStatus.REQUIRES_ACTION and (
            cancel_waiting or age >= ACTION_TIMEOUT
        ):
            intent = await gateway.cancel_payment_intent(intent.id)
            payment.failure_reason = "3-D Secure was not completed"
        elif intent.status is IntentStatus.REQUIRES_CONFIRMATION and age >= RECONCILE_AFTER:
            # Its request stopped between recording the intent and confirming it.
            intent = await gateway.cancel_payment_intent(intent.id)
            payment.failure_reason = "The payment was interrupted before the card was charged"
    except GatewayNotFound:
        payment.status = PaymentStatus.FAILED
        payment.failure_reason = "The card processor has no record of this payment."
        attempt.settled_at = now
        return None
    except (GatewayUnavailable, GatewayFailure, CardDeclined):
        return None  # ask again at the next tick
    if intent.status is IntentStatus.CANCELED and payment.status is PaymentStatus.PENDING:
        payment.status = PaymentStatus.FAILED
        payment.failure_reason = (
            f"{payment.failure_reason or 'Cancelled'}; you were not charged."
        )[:500]
        attempt.settled_at = now
        return None
    return intent


async def reconcile_card_payments(
    session: AsyncSession,
    gateway: StripeGateway | None,
    now: datetime,
    *,
    only_agency: uuid.UUID | None = None,
) -> int:
    """Tick concern: card payments still pending a few minutes after they started (a lost
    webhook, a crash or a timeout after the charge) are settled from what the gateway says.
    It never charges: an attempt is only ever read, or cancelled if still unconfirmed.
    The tick runs it agency by agency (``only_agency``)."""
    if gateway is None:
        return 0
    mine = CardCharge.agency_id == only_agency if only_agency is not None else true()
    attempts = (
        await session.scalars(
            select(CardCharge)
            .where(
                mine,
                CardCharge.settled_at.is_(None),
                CardCharge.started_at <= now - RECONCILE_AFTER,
            )
            .order_by(CardCharge.started_at)
            .limit(RECONCILE_BATCH)
            .with_for_update(skip_locked=True)
        )
    ).all()
    changes = 0
    for attempt in attempts:
        payment = await session.scalar(
            select(Payment).where(Payment.id == attempt.payment_id).with_for_update()
        )
        assert payment is not None
        before = payment.status
        intent = await _ask_gateway(session, gateway, attempt, payment, now, False)
        if intent is not None:
            await apply_intent(session, attempt, payment, intent, now)
        changes += payment.status is not before
    return changes


# --------------------------------------------------------------------- webhooks


PAYMENT_INTENT_EVENTS = frozenset(
    {
        "payment_intent.succeeded",
        "payment_intent.payment_failed",
        "payment_intent.canceled",
    }
)


async def handle_event(
    session: AsyncSession, gateway: StripeGateway | None, event: WebhookEvent, now: datetime
) -> str:
    """Apply a verified webhook event once. Every event id is recorded, so a redelivery finds
    it and changes nothing; state moves only forward (see :func:`apply_intent`), so events
    arriving out of order cannot undo a success."""
    object_ref = str(event.object.get("id") or "")[:200] or None
    recorded = await session.scalar(
        insert(GatewayEvent)
        .values(
            id=uuid.uuid4(),
            event_ref=event.id,
            type=event.type[:100],
            object_ref=object_ref,
            outcome="received",
            received_at=now,
        )
        .on_conflict_do_nothing(index_elements=["event_ref"])
        .returning(GatewayEvent.id)
    )
    if recorded is None:
        return "duplicate"
    if event.type in PAYMENT_INTENT_EVENTS:
        outcome = await _intent_event(session, event, now)
    elif event.type == "payout.paid" and object_ref:
        outcome = await _payout_paid(session, gateway, object_ref)
    elif event.type in ("payout.failed", "payout.canceled") and object_ref:
        result = await session.execute(
            update(Payment)
            .where(Payment.payout_reference == object_ref)
            .values(payout_reference=None)
        )
        outcome = f"applied: {_rowcount(result)} payments no longer paid out"
    else:
        outcome = "ignored: not handled"
    await session.execute(
        update(GatewayEvent).where(GatewayEvent.id == recorded).values(outcome=outcome[:200])
    )
    return outcome


def _rowcount(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


async def _intent_event(session: AsyncSession, event: WebhookEvent, now: datetime) -> str:
    try:
        intent = intent_from_dict(event.object)
    except (GatewayFailure, KeyError, ValueError, TypeError):
        return "ignored: unreadable payment intent"
    attempt = await session.scalar(
        select(CardCharge).where(CardCharge.intent_ref == intent.id).with_for_update()
    )
    if attempt is None:
        return "ignored: not a Doorstep payment"
    payment = await session.scalar(
        select(Payment).where(Payment.id == attempt.payment_id).with_for_update()
    )
    assert payment is not None
    return await apply_intent(session, attempt, payment, intent, now)


async def _payout_paid(
    session: AsyncSession, gateway: StripeGateway | None, payout_ref: str
) -> str:
    """Reconciliation: mark the card payments a payout brought into the trust account."""
    intents = await gateway.payout_payment_intents(payout_ref) if gateway else None
    if intents is None:
        return "recorded: the gateway does not say which charges it holds"
    if not intents:
        return "applied: no charges"
    result = await session.execute(
        update(Payment)
        .where(
            Payment.gateway_reference.in_(intents),
            Payment.status == PaymentStatus.SUCCEEDED,
        )
        .values(payout_reference=payout_ref)
    )
    return f"applied: {_rowcount(result)} payments paid out"


# --------------------------------------------------------------------- payment links


@dataclass(frozen=True)
class IssuedLink:
    link: PaymentLink
    token: str


def link_token(secret: str, scope: str, key: str, invoice_id: uuid.UUID) -> str:
    """The token of a link created with an ``Idempotency-Key``: derived, so a retry gets the
    same link back without the token being stored anywhere."""
    digest = hmac.new(
        secret.encode(), f"payment-link:{scope}:{key}:{invoice_id}".encode(), hashlib.sha256
    ).digest()
    return digest.hex()


async def create_payment_link(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser | None,
    *,
    invoice_id: uuid.UUID,
    token: str | None,
    ttl: timedelta,
    now: datetime,
) -> IssuedLink:
    """A link to pay one open invoice by card, valid until it expires or the invoice is paid.
    Only the token's SHA-256 is stored. ``staff`` is None when Doorstep issues it itself (the
    one-tap link of a recurring charge that could not be taken)."""
    invoice = await get_invoice(session, agency.id, invoice_id, for_update=True)
    require_feature(agency, "payment_links")
    amounts = (await invoice_amounts(session, [invoice.id]))[invoice.id]
    if invoice.status is not InvoiceStatus.OPEN or amounts.outstanding <= 0:
        state = invoice_state(invoice, amounts)
        raise NothingToPay(f"This invoice is {state.value.replace('_', ' ')}: nothing to pay.")
    token = token or new_opaque_token()
    digest = token_digest(token)
    existing = await session.scalar(select(PaymentLink).where(PaymentLink.token_hash == digest))
    if existing is not None:  # the same request again
        return IssuedLink(existing, token)
    link = PaymentLink(
        agency_id=agency.id,
        invoice_id=invoice.id,
        token_hash=digest,
        created_by_id=staff.id if staff is not None else None,
        expires_at=now + ttl,
    )
    session.add(link)
    await session.flush()
    return IssuedLink(link, token)


@dataclass(frozen=True)
class LinkView:
    link: PaymentLink
    agency: Agency
    invoice: Invoice
    state: InvoiceState
    outstanding: int

    @property
    def payable(self) -> bool:
        return self.state in (InvoiceState.OPEN, InvoiceState.PARTIALLY_PAID)


async def find_link(session: AsyncSession, token: str) -> PaymentLink | None:
    return await session.scalar(
        select(PaymentLink).where(PaymentLink.token_hash == token_digest(token))
    )


async def link_view(session: AsyncSession, link: PaymentLink, now: datetime) -> LinkView:
    if link.expires_at <= now:
        raise PaymentLinkExpired("Ask your agency for a new link.")
    agency = await session.get_one(Agency, link.agency_id)
    require_feature(agency, "payment_links")
    invoice = await session.get_one(Invoice, link.invoice_id)
    amounts = (await invoice_amounts(session, [invoice.id]))[invoice.id]
    return LinkView(link, agency, invoice, invoice_state(invoice, amounts), amounts.outstanding)


def require_payable(view: LinkView) -> None:
    if not view.payable:
        raise NothingToPay(f"This invoice is {view.state.value.replace('_', ' ')}.")


async def link_payer_tenant(session: AsyncSession, invoice: Invoice) -> Tenant:
    """Whose payment a link payment is: the lease's first tenant (joint tenants share the
    lease's balance, so the choice does not change what anyone owes)."""
    tenant = await session.scalar(
        select(Tenant)
        .join(LeaseTenant, LeaseTenant.tenant_id == Tenant.id)
        .where(LeaseTenant.lease_id == invoice.lease_id)
        .order_by(Tenant.created_at, Tenant.id)
        .limit(1)
    )
    if tenant is None:
        raise NotFound("No such payment link.")
    return tenant


async def link_customer(
    database: Database, gateway: StripeGateway, link: PaymentLink, invoice: Invoice
) -> str:
    """The link's guest customer at the gateway: whoever pays through a link (a relative, an
    employer) never leaves a card on the tenant's own account."""
    if link.customer_ref:
        return link.customer_ref
    created = await gateway.create_customer(
        name=f"Payment link for invoice {invoice.number}",
        email=None,
        metadata={"doorstep_payment_link_id": str(link.id)},
    )
    async with database.transaction() as session:
        await session.execute(
            update(PaymentLink)
            .where(PaymentLink.id == link.id, PaymentLink.customer_ref.is_(None))
            .values(customer_ref=created)
        )
        stored = await session.scalar(
            select(PaymentLink.customer_ref).where(PaymentLink.id == link.id)
        )
    return stored or created


async def start_link_setup(
    database: Database, gateway: StripeGateway, link: PaymentLink, invoice: Invoice
) -> SetupSession:
    customer = await link_customer(database, gateway, link, invoice)
    return await gateway.create_setup_intent(customer)


# --------------------------------------------------------------------- card refunds


async def process_card_refunds(
    database: Database,
    gateway: StripeGateway | None,
    now: datetime,
    *,
    only_agency: uuid.UUID | None = None,
) -> int:
    """Tick drain: give back decided card refunds through the gateway, one per transaction.

    The refund row stays locked while the gateway is asked, so two ticks never send the same
    refund; the gateway call carries an idempotency key made from the refund's id, so a tick
    that died between the gateway's answer and its commit asks again without refunding twice
    (on Stripe; localstripe ignores the key). An unreachable gateway leaves the rest for the
    next tick; a refused refund is marked failed with the gateway's reason. The tick runs it
    agency by agency (``only_agency``)."""
    if gateway is None:
        return 0
    mine = Refund.agency_id == only_agency if only_agency is not None else true()
    settled = 0
    while True:
        async with database.transaction() as session:
            refund = await session.scalar(
                select(Refund)
                .where(mine, Refund.status == RefundStatus.PROCESSING)
                .order_by(Refund.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            )
            if refund is None:
                return settled
            payment = await session.scalar(
                select(Payment).where(Payment.id == refund.payment_id).with_for_update()
            )
            charge = await session.scalar(
                select(CardCharge).where(CardCharge.payment_id == refund.payment_id)
            )
            assert payment is not None
            if charge is None or charge.intent_ref is None:
                refund.status = RefundStatus.FAILED
                refund.failure_reason = "No card charge is known for this payment."
                refund.completed_at = now
                continue
            try:
                result = await gateway.refund(
                    intent_id=charge.intent_ref, amount=refund.amount, refund_id=refund.id
                )
            except GatewayUnavailable:
                log.warning("card_refund_deferred", refund_id=str(refund.id))
                return settled
            except (CardDeclined, GatewayFailure, GatewayNotFound) as exc:
                refund.status = RefundStatus.FAILED
                refund.failure_reason = (exc.detail or exc.title)[:500]
                refund.completed_at = now
                continue
            await settle_refund(session, payment, refund, now, gateway_reference=result.id)
            settled += 1
