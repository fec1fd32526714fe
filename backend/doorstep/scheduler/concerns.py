"""The registry the worker and ``doorstep tick`` run, with every module's concerns."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.billing.service import generate_rent_invoices
from doorstep.core.db import Database
from doorstep.core.settings import get_settings
from doorstep.documents import receipts  # noqa: F401 - registers the outbox's receipt PDFs
from doorstep.leases.service import end_expired_leases
from doorstep.notifications.service import deliver_due
from doorstep.notifications.smtp import Mailer
from doorstep.payments.gateway import GatewayConfig, StripeGateway
from doorstep.payments.online import process_card_refunds, reconcile_card_payments
from doorstep.scheduler.registry import TickRegistry

registry = TickRegistry()


@registry.concern("leases.end_expired")
async def _end_expired_leases(session: AsyncSession, now: datetime) -> int:
    return await end_expired_leases(session, now)


@registry.concern("billing.generate_rent_invoices")
async def _generate_rent_invoices(session: AsyncSession, now: datetime) -> int:
    return await generate_rent_invoices(session, now)


@registry.drain("notifications.deliver_outbox")
async def _deliver_outbox(database: Database, now: datetime) -> int:
    # Whatever the after-commit jobs did not send (Redis down, SMTP unreachable, retries due).
    report = await deliver_due(database, Mailer.from_settings(get_settings()), now)
    return report.sent


@registry.concern("payments.reconcile_card_payments")
async def _reconcile_card_payments(session: AsyncSession, now: datetime) -> int:
    # Card charges whose answer was lost (crash, timeout, missed webhook) are settled from
    # what the gateway says; without a configured gateway there is nothing to ask.
    config = GatewayConfig.from_settings(get_settings())
    if config is None:
        return 0
    gateway = StripeGateway(config)
    try:
        return await reconcile_card_payments(session, gateway, now)
    finally:
        await gateway.close()


@registry.drain("payments.process_card_refunds")
async def _process_card_refunds(database: Database, now: datetime) -> int:
    config = GatewayConfig.from_settings(get_settings())
    if config is None:
        return 0
    gateway = StripeGateway(config)
    try:
        return await process_card_refunds(database, gateway, now)
    finally:
        await gateway.close()
