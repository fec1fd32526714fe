"""One lock order for money (docs/architecture.md): a lease's payments, in id order, then its
invoices. Approving a draft invoice settles it from the lease's credit, so it locks the lease's
payments before the invoice; locking the invoice first could wait in a circle with a payment
being recorded on the same lease (payment, then invoices). A payment that settles invoices and
a refund that takes money back from them keep that order too."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from doorstep.agencies.models import StaffRole
from doorstep.agencies.service import get_trust_account
from doorstep.billing.models import Invoice, InvoiceStatus
from doorstep.billing.service import approve_invoice
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.core.security import AccessTokens
from tests.collections.builders import invoice, pay
from tests.factories import Factory
from tests.faults import backend_waiting_for_a_lock
from tests.money.conftest import LiveBook, transfer_body

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


async def test_a_payment_locks_the_leases_payments_before_its_invoices(
    live_client: LiveBook, engine: AsyncEngine, committed_database: Database
) -> None:
    """Every writer of a lease's money locks its payments before its invoices (what a credit
    note or a new invoice does, ``billing``). A payment receipting the oldest invoice first
    takes them in that order too: taken the other way round, it would deadlock with such a
    writer, and one of the two would fail."""
    book = live_client
    client, lease, tenant = book.staff_client, book.lease, book.tenant
    async with committed_database.transaction() as session:
        (await get_trust_account(session, book.agency.id)).receipt_oldest_invoice_first = True
        factory = Factory(session, book.app.state.access_tokens, book.app.state.clock)
        invoice = await factory.invoice(book.agency, lease, book.manager, amount=40_000)
    first = await client.post("/api/v1/payments", json=transfer_body(lease, tenant, 10_000))
    assert first.status_code == 201, first.text

    async with engine.connect() as writer:
        # Another writer of the lease: its payments first, as billing locks them.
        await writer.execute(
            text("SELECT id FROM payments WHERE lease_id = :lease ORDER BY id FOR UPDATE"),
            {"lease": lease.id},
        )
        second = asyncio.create_task(
            client.post("/api/v1/payments", json=transfer_body(lease, tenant, 5_000))
        )
        await backend_waiting_for_a_lock(engine)
        # Then its invoices: free, since the payment waits for the payments without them.
        await writer.execute(
            text("SELECT id FROM invoices WHERE lease_id = :lease ORDER BY id FOR UPDATE"),
            {"lease": lease.id},
        )
        await writer.commit()
        recorded = await second

    assert recorded.status_code == 201, recorded.text
    assert [a["invoice_id"] for a in recorded.json()["allocations"]] == [str(invoice.id)]
    paid = await client.get(f"/api/v1/invoices/{invoice.id}")
    assert (paid.json()["paid"], paid.json()["outstanding"]) == (15_000, 25_000)


async def test_a_refund_locks_the_leases_payments_before_its_own(
    live_client: LiveBook, engine: AsyncEngine, committed_database: Database
) -> None:
    """A refund that takes money back from invoices goes on to use the lease's credit, which
    locks all the lease's payments in id order. It takes them first, in that order, with its
    own among them: had it locked its own first, a writer locking the lease's payments in order
    and holding an older one would wait for it while it waited for that one."""
    book = live_client
    client, lease, tenant = book.staff_client, book.lease, book.tenant
    async with committed_database.transaction() as session:
        factory = Factory(session, book.app.state.access_tokens, book.app.state.clock)
        invoice = await factory.invoice(book.agency, lease, book.manager, amount=40_000)
    older = await client.post("/api/v1/payments", json=transfer_body(lease, tenant, 10_000))
    newer = await client.post("/api/v1/payments", json=transfer_body(lease, tenant, 5_000))
    assert (older.status_code, newer.status_code) == (201, 201), (older.text, newer.text)
    lock = text("SELECT id FROM payments WHERE id = :payment FOR UPDATE")

    async with engine.connect() as writer:
        # A writer locking the lease's payments in id order, holding the older one so far.
        await writer.execute(lock, {"payment": older.json()["id"]})
        refund = asyncio.create_task(
            client.post(
                f"/api/v1/payments/{newer.json()['id']}/refunds",
                json={"amount": 5_000, "reason": "Paid twice"},
            )
        )
        await backend_waiting_for_a_lock(engine)
        # Then the newer one: free, since the refund waits for the older without it.
        await writer.execute(lock, {"payment": newer.json()["id"]})
        await writer.commit()
        refunded = await refund

    assert refunded.status_code == 201, refunded.text
    assert refunded.json()["status"] == "succeeded"
    after = await client.get(f"/api/v1/invoices/{invoice.id}")
    assert (after.json()["paid"], after.json()["outstanding"]) == (10_000, 30_000)
