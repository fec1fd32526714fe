"""The registry the worker and ``doorstep tick`` run, with every module's concerns.

Work about one agency's book is declared per agency, so the tick runs it agency by agency,
each in its own transaction: one agency's failure is recorded and the others' work goes on.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.accounts.service import forget_dead_links
from doorstep.auth.two_factor import forget_expired_challenges
from doorstep.billing.service import generate_rent_invoices
from doorstep.collections.emails import queue_invoice_emails
from doorstep.core.db import Database
from doorstep.core.idempotency import forget_old_responses
from doorstep.core.settings import get_settings
from doorstep.documents import registered  # noqa: F401 - the outbox's messages and PDFs
from doorstep.incidents import work_orders  # noqa: F401 - the work order's photo attachments
from doorstep.leases.service import end_expired_leases
from doorstep.notifications.push import PushSender, deliver_due_pushes
from doorstep.notifications.service import deliver_due
from doorstep.notifications.smtp import Mailer
from doorstep.onboarding.models import InviteStatus, OnboardingInvite
from doorstep.onboarding.service import FIRST_REMINDER_AFTER, remind_and_expire
from doorstep.payments.cards.charges import (
    RECONCILE_AFTER,
    reconcile_card_payments,
    release_entered_cards,
)
from doorstep.payments.cards.gateway import GatewayConfig, StripeGateway
from doorstep.payments.cards.models import CardCharge
from doorstep.payments.cards.refunds import process_card_refunds
from doorstep.payments.ledger.models import Refund, RefundStatus
from doorstep.recurring.charging import agencies_with_charges, run_charges
from doorstep.recurring.common import RecurringConfig
from doorstep.recurring.cycle import run_cycle
from doorstep.recurring.jobs import charge_queue, enqueue_charge_batches
from doorstep.scheduler.registry import TickRegistry

registry = TickRegistry()


@registry.agency_concern("leases.end_expired")
async def _end_expired_leases(session: AsyncSession, agency_id: uuid.UUID, now: datetime) -> int:
    return await end_expired_leases(session, now, only_agency=agency_id)


@registry.agency_concern("billing.generate_rent_invoices")
async def _generate_rent_invoices(
    session: AsyncSession, agency_id: uuid.UUID, now: datetime
) -> int:
    return await generate_rent_invoices(session, now, only_agency=agency_id)


# After invoicing and before the outbox drain: a rent invoice opened by this tick is announced
# by it (importing the module also registers the e-mails about transfer proofs).
@registry.agency_concern("collections.invoice_emails")
async def _queue_invoice_emails(session: AsyncSession, agency_id: uuid.UUID, now: datetime) -> int:
    return await queue_invoice_emails(session, agency_id, now)


async def _agencies_with_charges_to_reconcile(
    session: AsyncSession, now: datetime
) -> Sequence[uuid.UUID]:
    return (
        await session.scalars(
            select(CardCharge.agency_id)
            .where(CardCharge.settled_at.is_(None), CardCharge.started_at <= now - RECONCILE_AFTER)
            .distinct()
        )
    ).all()


@registry.agency_concern(
    "payments.reconcile_card_payments", agencies=_agencies_with_charges_to_reconcile
)
async def _reconcile_card_payments(
    session: AsyncSession, agency_id: uuid.UUID, now: datetime
) -> int:
    # Card charges whose answer was lost (crash, timeout, missed webhook) are settled from
    # what the gateway says; without a configured gateway there is nothing to ask.
    config = GatewayConfig.from_settings(get_settings())
    if config is None:
        return 0
    gateway = StripeGateway(config)
    try:
        return await reconcile_card_payments(session, gateway, now, only_agency=agency_id)
    finally:
        await gateway.close()


async def _agencies_with_entered_cards_to_release(
    session: AsyncSession, now: datetime
) -> Sequence[uuid.UUID]:
    return (
        await session.scalars(
            select(CardCharge.agency_id)
            .where(
                CardCharge.entered_card.is_(True),
                CardCharge.card_released_at.is_(None),
                CardCharge.settled_at.is_not(None),
            )
            .distinct()
        )
    ).all()


@registry.agency_concern(
    "payments.release_entered_cards", agencies=_agencies_with_entered_cards_to_release
)
async def _release_entered_cards(session: AsyncSession, agency_id: uuid.UUID, now: datetime) -> int:
    # A card typed in for one payment is detached once that payment is settled, unless the
    # tenant asked to keep it and it succeeded (issue 11: a declined card is never kept).
    config = GatewayConfig.from_settings(get_settings())
    if config is None:
        return 0
    gateway = StripeGateway(config)
    try:
        return await release_entered_cards(session, gateway, now, only_agency=agency_id)
    finally:
        await gateway.close()


async def _agencies_with_invites_to_follow(
    session: AsyncSession, now: datetime
) -> Sequence[uuid.UUID]:
    return (
        await session.scalars(
            select(OnboardingInvite.agency_id)
            .where(
                OnboardingInvite.status == InviteStatus.PENDING,
                OnboardingInvite.sent_at <= now - FIRST_REMINDER_AFTER,
            )
            .distinct()
        )
    ).all()


# Before the outbox drain, so a reminder queued by this tick is delivered by it.
@registry.agency_concern("onboarding.remind_and_expire", agencies=_agencies_with_invites_to_follow)
async def _remind_and_expire_invites(
    session: AsyncSession, agency_id: uuid.UUID, now: datetime
) -> int:
    settings = get_settings()
    return await remind_and_expire(
        session,
        agency_id,
        now,
        base_url=settings.public_base_url,
        secret=settings.secret_key.get_secret_value(),
    )


@registry.agency_concern("recurring.cycle")
async def _recurring_cycle(session: AsyncSession, agency_id: uuid.UUID, now: datetime) -> int:
    # After invoicing, so an invoice generated this tick is scheduled and reminded at once.
    return await run_cycle(session, agency_id, now, RecurringConfig.from_settings(get_settings()))


@registry.agency_drain("recurring.charge", agencies=agencies_with_charges)
async def _recurring_charges(database: Database, agency_id: uuid.UUID, now: datetime) -> int:
    # The worker's tick enqueues the due charges as arq jobs, a batch of at most 1,000 each,
    # and says how many jobs; otherwise (``doorstep tick``) they run here, before the outbox
    # drain, so a charge's e-mails leave in the same tick.
    queue = charge_queue()
    if queue is not None:
        return await enqueue_charge_batches(database, queue, agency_id, now)
    config = GatewayConfig.from_settings(get_settings())
    if config is None:
        return 0
    gateway = StripeGateway(config)
    try:
        return await run_charges(
            database, gateway, agency_id, now, RecurringConfig.from_settings(get_settings())
        )
    finally:
        await gateway.close()


# Housekeeping of sign-in secrets: expired two-step challenges and month-old dead links.
@registry.concern("auth.forget_expired_challenges")
async def _forget_expired_challenges(session: AsyncSession, now: datetime) -> int:
    return await forget_expired_challenges(session, now)


@registry.concern("accounts.forget_dead_links")
async def _forget_dead_links(session: AsyncSession, now: datetime) -> int:
    return await forget_dead_links(session, now)


# Stored responses of Idempotency-Keys, a week after their request.
@registry.concern("core.forget_old_responses")
async def _forget_old_responses(session: AsyncSession, now: datetime) -> int:
    return await forget_old_responses(session, now)


@registry.drain("notifications.deliver_outbox")
async def _deliver_outbox(database: Database, now: datetime) -> int:
    # Whatever the after-commit jobs did not send (Redis down, retries due). One SMTP server
    # serves every agency, and each message is claimed and recorded on its own.
    report = await deliver_due(database, Mailer.from_settings(get_settings()), now)
    return report.sent


@registry.drain("notifications.deliver_push")
async def _deliver_push(database: Database, now: datetime) -> int:
    # Push notifications the after-commit jobs did not send (Redis down, retries due).
    report = await deliver_due_pushes(database, PushSender.from_settings(get_settings()), now)
    return report.sent


async def _agencies_with_refunds_to_send(
    session: AsyncSession, now: datetime
) -> Sequence[uuid.UUID]:
    return (
        await session.scalars(
            select(Refund.agency_id).where(Refund.status == RefundStatus.PROCESSING).distinct()
        )
    ).all()


@registry.agency_drain("payments.process_card_refunds", agencies=_agencies_with_refunds_to_send)
async def _process_card_refunds(database: Database, agency_id: uuid.UUID, now: datetime) -> int:
    config = GatewayConfig.from_settings(get_settings())
    if config is None:
        return 0
    gateway = StripeGateway(config)
    try:
        return await process_card_refunds(database, gateway, now, only_agency=agency_id)
    finally:
        await gateway.close()
