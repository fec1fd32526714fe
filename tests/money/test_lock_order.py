"""One lock order for money (docs/architecture.md): a lease's payments, then its invoices.
Approving a draft invoice settles it from the lease's credit, so it locks the lease's payments
before the invoice; locking the invoice first could wait in a circle with a payment being
recorded on the same lease (payment, then invoices)."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from doorstep.agencies.models import StaffRole
from doorstep.billing.models import Invoice, InvoiceStatus
from doorstep.billing.service import approve_invoice
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.core.security import AccessTokens
from tests.collections.builders import invoice, pay
from tests.factories import Factory

# How long the test lets the approval take to reach its first lock wait before it fails (only
# a bound on a wait for a condition; nothing is timed).
WAIT_BOUND_SECONDS = 60


async def _waiting_for_a_lock(engine: AsyncEngine, application_name: str) -> None:
    deadline = time.monotonic() + WAIT_BOUND_SECONDS
    async with engine.connect() as probe:
        while time.monotonic() < deadline:
            waiting = await probe.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE application_name = :name AND wait_event_type = 'Lock'"
                ),
                {"name": application_name},
            )
            await probe.rollback()
            if waiting:
                return
            await asyncio.sleep(0.01)
    raise AssertionError("the approval never waited for the payment's lock")


async def test_approving_a_draft_locks_the_lease_payments_before_the_invoice(
    engine: AsyncEngine, committed_database: Database
) -> None:
    clock = FixedClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    tokens = AccessTokens("lock-order-test-secret-0123456789abcdef", timedelta(minutes=5))
    async with committed_database.transaction() as session:
        factory = Factory(session, tokens, clock)
        agency = await factory.agency()
        manager = await factory.staff(agency, StaffRole.MANAGER)
        tenant = await factory.tenant(agency)
        lease = await factory.lease(agency, [tenant])
        payment = await pay(
            factory, agency, manager, lease, tenant, amount=40_000, allocations=None
        )
        draft = await invoice(
            factory, agency, lease, manager, due=date(2026, 12, 1), amount=25_000, draft=True
        )

    async def approve() -> None:
        async with committed_database.transaction() as session:
            await session.execute(text("SET LOCAL application_name = 'lock-order-approval'"))
            await approve_invoice(session, agency, manager, draft.id, clock.now())

    async with engine.connect() as recording:
        # A payment being recorded on the lease holds its payment row.
        await recording.execute(
            text("SELECT id FROM payments WHERE id = :id FOR UPDATE"), {"id": payment.id}
        )
        approval = asyncio.create_task(approve())
        await _waiting_for_a_lock(engine, "lock-order-approval")
        # The approval waits for the payment and holds no lock on the invoice meanwhile: the
        # payment's transaction can still lock it, as allocating to it would.
        async with engine.connect() as other:
            locked = await other.scalar(
                text("SELECT id FROM invoices WHERE id = :id FOR UPDATE NOWAIT"), {"id": draft.id}
            )
            await other.rollback()
        assert locked == draft.id
        await recording.rollback()
    await approval

    async with committed_database.transaction() as session:
        approved = await session.get_one(Invoice, draft.id)
        assert approved.status is InvoiceStatus.OPEN
