"""Paying an invoice by card (portal or payment link), and the tick that settles charges whose
answer was lost. Saved cards are in ``customers``, webhooks in ``webhooks``, payment links in
``links`` and the card-refund drain in ``refunds``.

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

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import structlog
from sqlalchemy import select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency
from doorstep.billing.allocations import AllocationRequest
from doorstep.billing.ledger import invoice_amounts
from doorstep.billing.models import Invoice, InvoiceStatus
from doorstep.billing.service import invoice_state
from doorstep.core.clock import local_date
from doorstep.core.db import Database
from doorstep.core.errors import InvalidInput, NotFound
from doorstep.payments.cards.customers import own_card
from doorstep.payments.cards.errors import (
    NothingToPay,
    PaymentFailed,
    PaymentInProgress,
    PaymentOutcomeUnknown,
)
from doorstep.payments.cards.gateway import (
    CardDeclined,
    GatewayFailure,
    GatewayNotFound,
    GatewayUnavailable,
    Intent,
    IntentStatus,
    StripeGateway,
)
from doorstep.payments.cards.models import CardCharge
from doorstep.payments.ledger.models import (
    Payment,
    PaymentMethod,
    PaymentStatus,
    Receipt,
)
from doorstep.payments.ledger.service import (
    allocate,
    apply_lease_credit,
    issue_receipt,
    lock_lease_payments,
    payment_amounts,
)
from doorstep.payments.states.payment import PAYMENT_LIFECYCLE, PaymentEvent, move_payment

log = structlog.get_logger(__name__)

# A pending charge younger than this may still be in its request; older ones are asked about.
RECONCILE_AFTER = timedelta(minutes=5)
# A 3-D Secure prompt left unanswered this long is cancelled, freeing the invoice.
ACTION_TIMEOUT = timedelta(minutes=30)
RECONCILE_BATCH = 50


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
    keep_card: bool | None = None,
) -> ChargeOutcome:
    """Charge the invoice's outstanding amount to a card, once per ``request_key``.

    ``keep_card`` is None for a card the tenant saved before; for a card just typed in it says
    whether they asked to keep it. Such a card is kept only when asked and the payment
    succeeded: a declined one, or one not asked for, is detached once the payment is settled
    (at once here, or by :func:`release_entered_cards` after 3-D Secure).

    A declined card leaves a failed payment and the invoice open (402); a gateway that cannot
    be reached before the charge leaves a failed payment too (nothing was charged); one that
    stops answering during the charge leaves the payment pending for the webhook or the tick.
    """
    existing = await _attempt_id_for_key(database, payer.scope, request_key)
    if existing is not None:
        try:
            return await _resume(database, gateway, existing, now)
        finally:
            await release_entered_card(database, gateway, existing, now)
    entered = keep_card is not None
    try:
        await own_card(gateway, payment_method_id, payer.customer)
    except CardDeclined:
        if entered:  # refused when attached: make sure it does not stay on the customer
            await _detach_quietly(gateway, payment_method_id, payer.customer)
        raise
    attempt_id = await _start_attempt(
        database,
        gateway,
        payer,
        invoice_id,
        payment_method_id,
        request_key,
        now,
        card=EnteredCard(keep=bool(keep_card)) if entered else None,
    )
    try:
        return await _charge(database, gateway, attempt_id, now)
    finally:
        await release_entered_card(database, gateway, attempt_id, now)


@dataclass(frozen=True)
class EnteredCard:
    """A card typed in for this payment, and whether the tenant asked to keep it."""

    keep: bool


async def release_entered_card(
    database: Database, gateway: StripeGateway, attempt_id: uuid.UUID, now: datetime
) -> bool:
    """Detach the card typed in for a settled attempt unless the tenant asked to keep it and
    the payment succeeded. Never raises: what cannot be done now the tick does later.
    Detaching twice is harmless, so no transaction is held while the gateway is called."""
    async with database.transaction() as session:
        attempt = await session.get(CardCharge, attempt_id)
        if attempt is None:
            return False
        payment = await session.get_one(Payment, attempt.payment_id)
        if not _card_to_release(attempt, payment):
            return False
        method, customer = attempt.payment_method_ref, attempt.customer_ref
    if not await _detach_quietly(gateway, method, customer):
        return False
    async with database.transaction() as session:
        attempt = await session.get_one(CardCharge, attempt_id)
        attempt.card_released_at = attempt.card_released_at or now
    return True


def _card_to_release(attempt: CardCharge, payment: Payment) -> bool:
    if not attempt.entered_card or attempt.card_released_at is not None:
        return False
    if payment.status is PaymentStatus.FAILED:
        return True
    return payment.status is not PaymentStatus.PENDING and not attempt.keep_card


async def _detach_quietly(gateway: StripeGateway, payment_method_id: str, customer: str) -> bool:
    """Take the card off the customer at the gateway; True once it is not on it."""
    try:
        card = await gateway.get_card(payment_method_id)
        if card.customer == customer:
            await gateway.detach_card(payment_method_id)
    except GatewayNotFound:
        return True
    except (GatewayUnavailable, GatewayFailure, CardDeclined):
        log.warning("entered_card_not_released", payment_method=payment_method_id)
        return False
    return True


async def release_entered_cards(
    session: AsyncSession,
    gateway: StripeGateway | None,
    now: datetime,
    *,
    only_agency: uuid.UUID | None = None,
) -> int:
    """Tick concern: cards typed in for payments settled since (3-D Secure finished through the
    webhook, a lost answer settled by the reconcile) that are not to be kept are detached."""
    if gateway is None:
        return 0
    mine = CardCharge.agency_id == only_agency if only_agency is not None else true()
    rows = (
        await session.execute(
            select(CardCharge, Payment)
            .join(Payment, Payment.id == CardCharge.payment_id)
            .where(
                mine,
                CardCharge.entered_card.is_(True),
                CardCharge.card_released_at.is_(None),
                Payment.status != PaymentStatus.PENDING,
            )
            .order_by(CardCharge.started_at)
            .limit(RECONCILE_BATCH)
            .with_for_update(of=CardCharge, skip_locked=True)
        )
    ).all()
    released = 0
    for attempt, payment in rows:
        if not _card_to_release(attempt, payment):
            continue
        if await _detach_quietly(gateway, attempt.payment_method_ref, attempt.customer_ref):
            attempt.card_released_at = now
            released += 1
    return released


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
    *,
    card: EnteredCard | None,
) -> uuid.UUID:
    for retry in (True, False):
        blocking = await _record_attempt(
            database, payer, invoice_id, payment_method_id, request_key, now, card
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
    card: EnteredCard | None,
) -> uuid.UUID | BlockingAttempt:
    try:
        async with database.transaction() as session:
            return await open_attempt(
                session, payer, invoice_id, payment_method_id, request_key, now, card=card
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
    *,
    card: EnteredCard | None = None,
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
        status=PAYMENT_LIFECYCLE.start(PaymentEvent.CARD_ATTEMPT_OPENED),
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
        entered_card=card is not None,
        keep_card=card is not None and card.keep,
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
        raise PaymentFailed(
            _not_charged(payment.failure_reason),
            code=intent.error_code,
            decline_code=intent.decline_code,
        )
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
        if PAYMENT_LIFECYCLE.allows(payment.status, PaymentEvent.CHARGE_FAILED):
            move_payment(payment, PaymentEvent.CHARGE_FAILED)
            payment.failure_reason = reason[:500]
        attempt.settled_at = attempt.settled_at or now


async def apply_intent(
    session: AsyncSession, attempt: CardCharge, payment: Payment, intent: Intent, now: datetime
) -> str:
    """Bring a card payment (rows locked by the caller) in line with what the gateway says.

    Transitions only move forward: pending -> succeeded | failed, and failed -> succeeded when
    the gateway reports the money arrived after all. A succeeded payment never goes back, so
    a late or replayed "failed" changes nothing. On success the money settles the invoice that
    was being paid (seed 003: not the oldest one), any excess is the tenant's credit, used on
    the lease's other open invoices, and a receipt is issued.
    """
    if intent.id and attempt.intent_ref and intent.id != attempt.intent_ref:
        return "ignored: another payment intent"
    if intent.status is IntentStatus.SUCCEEDED:
        if not PAYMENT_LIFECYCLE.allows(payment.status, PaymentEvent.MONEY_ARRIVED):
            return f"ignored: already {payment.status.value}"
        if intent.amount != payment.amount or intent.currency != payment.currency.upper():
            log.error("card_charge_amount_mismatch", payment_id=str(payment.id), intent=intent.id)
            return "ignored: amount does not match"
        agency = await session.get_one(Agency, payment.agency_id)
        move_payment(payment, PaymentEvent.MONEY_ARRIVED)
        payment.succeeded_at = now
        payment.received_on = local_date(now, agency.timezone)
        payment.failure_reason = None
        payment.gateway_reference = intent.id
        attempt.settled_at = attempt.settled_at or now
        await session.flush()
        # The lease's payments (this one among them now) before its invoices: the lock order
        # of every writer of a lease's money (``lock_lease_payments``).
        locked = await lock_lease_payments(session, payment.lease_id)
        await _allocate_to_invoice(session, payment, attempt.invoice_id)
        await issue_receipt(session, payment, now)
        # Any excess is credit: it settles the lease's other open invoices (issue 11).
        await apply_lease_credit(session, payment.lease_id, locked)
        return "applied: succeeded"
    if intent.status.failed:
        if not PAYMENT_LIFECYCLE.allows(payment.status, PaymentEvent.CHARGE_FAILED):
            return f"ignored: already {payment.status.value}"
        move_payment(payment, PaymentEvent.CHARGE_FAILED)
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
        move_payment(payment, PaymentEvent.CHARGE_FAILED)
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
        move_payment(payment, PaymentEvent.CHARGE_FAILED)
        payment.failure_reason = "The card processor has no record of this payment."
        attempt.settled_at = now
        return None
    except (GatewayUnavailable, GatewayFailure, CardDeclined):
        return None  # ask again at the next tick
    if intent.status is IntentStatus.CANCELED and PAYMENT_LIFECYCLE.allows(
        payment.status, PaymentEvent.CHARGE_FAILED
    ):
        move_payment(payment, PaymentEvent.CHARGE_FAILED)
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
