"""The gateway's webhook events: each applied once, payment state only moving forward, and
payouts marking the card payments they brought into the trust account."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.payments.cards.charges import apply_intent
from doorstep.payments.cards.gateway import (
    GatewayFailure,
    StripeGateway,
    WebhookEvent,
    intent_from_dict,
)
from doorstep.payments.cards.models import CardCharge, GatewayEvent
from doorstep.payments.ledger.models import (
    Payment,
    PaymentStatus,
)

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
