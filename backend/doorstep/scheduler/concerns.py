"""The registry the worker and ``doorstep tick`` run, with every module's concerns."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.billing.service import generate_rent_invoices
from doorstep.leases.service import end_expired_leases
from doorstep.scheduler.registry import TickRegistry

registry = TickRegistry()


@registry.concern("leases.end_expired")
async def _end_expired_leases(session: AsyncSession, now: datetime) -> int:
    return await end_expired_leases(session, now)


@registry.concern("billing.generate_rent_invoices")
async def _generate_rent_invoices(session: AsyncSession, now: datetime) -> int:
    return await generate_rent_invoices(session, now)
