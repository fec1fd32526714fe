"""The tick's card-refund drain: decided card refunds given back through the gateway."""

from __future__ import annotations

import uuid
from datetime import datetime

import structlog
from sqlalchemy import select, true

from doorstep.core.db import Database
from doorstep.payments.cards.gateway import (
    CardDeclined,
    GatewayFailure,
    GatewayNotFound,
    GatewayUnavailable,
    StripeGateway,
)
from doorstep.payments.cards.models import CardCharge
from doorstep.payments.ledger.models import (
    Refund,
    RefundStatus,
)
from doorstep.payments.ledger.service import lock_with_lease_payments, settle_refund
from doorstep.payments.states.refund import RefundEvent, move_refund

log = structlog.get_logger(__name__)


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
            payment, locked = await lock_with_lease_payments(
                session, refund.agency_id, refund.payment_id
            )
            charge = await session.scalar(
                select(CardCharge).where(CardCharge.payment_id == refund.payment_id)
            )
            if charge is None or charge.intent_ref is None:
                move_refund(refund, RefundEvent.GATEWAY_REFUSED)
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
                move_refund(refund, RefundEvent.GATEWAY_REFUSED)
                refund.failure_reason = (exc.detail or exc.title)[:500]
                refund.completed_at = now
                continue
            await settle_refund(
                session, payment, refund, now, gateway_reference=result.id, locked=locked
            )
            settled += 1
