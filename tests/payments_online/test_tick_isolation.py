"""One failing piece of the tick fails alone. With one agency's rent billing broken (the
database refuses its invoices), the other agencies are billed and card reconciliation, mail
delivery, card refunds and the scheduled tasks all run; the tick's row is finished with the
failure recorded, and that agency's staff see it once it repeats."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from doorstep.agencies.models import Agency
from doorstep.billing.models import Invoice
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.core.settings import get_settings
from doorstep.payments.cards.gateway import StripeGateway
from doorstep.payments.ledger.models import Payment, PaymentStatus, Refund, RefundStatus
from doorstep.scheduler.concerns import registry as production
from doorstep.scheduler.models import ScheduledTask, TaskStatus, TickRun
from doorstep.scheduler.registry import TickRegistry
from doorstep.scheduler.service import schedule_task, tick
from tests.faults import invoices_refused_for
from tests.notifications.conftest import Sink, start_sink
from tests.payments_online.conftest import (
    PUBLISHABLE_KEY,
    SECRET_KEY,
    LocalStripe,
    World,
    build_world,
    key_headers,
    save_card,
)
from tests.payments_online.test_reconcile import TimesOutAfterCharging

VISA = "4242424242424242"


@pytest.fixture
def gateway_and_mail_settings(
    localstripe: LocalStripe, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Sink]:
    """The production concerns read the settings: point them at localstripe and a sink."""
    controller, sink = start_sink(tmp_path / "mailbox")
    monkeypatch.setenv("DOORSTEP_SMTP_URL", sink.url)
    monkeypatch.setenv("DOORSTEP_MAIL_FROM", "Doorstep <no-reply@doorstep.test>")
    monkeypatch.setenv("DOORSTEP_STRIPE_SECRET_KEY", SECRET_KEY)
    monkeypatch.setenv("DOORSTEP_STRIPE_PUBLISHABLE_KEY", PUBLISHABLE_KEY)
    monkeypatch.setenv("DOORSTEP_STRIPE_API_BASE", localstripe.base)
    get_settings.cache_clear()
    try:
        yield sink
    finally:
        controller.stop()
        get_settings.cache_clear()


def _registry_with_a_task_handler() -> TickRegistry:
    registry = TickRegistry(concerns=dict(production.concerns), drains=dict(production.drains))

    @registry.handler("test.mark")
    async def mark(session: AsyncSession, task: ScheduledTask, now: datetime) -> None:
        task.payload = {**task.payload, "ran_at": now.isoformat()}

    return registry


async def _rent_invoices(session: AsyncSession, world: World) -> int:
    return int(
        await session.scalar(
            select(func.count())
            .select_from(Invoice)
            .where(Invoice.agency_id == world.agency.id, Invoice.source_key.is_not(None))
        )
        or 0
    )


async def test_billing_failing_for_one_agency_stops_nothing_else(
    api: httpx.AsyncClient,
    pay_app: FastAPI,
    gateway: StripeGateway,
    localstripe: LocalStripe,
    world: World,
    committed_database: Database,
    clock: FixedClock,
    engine: AsyncEngine,
    gateway_and_mail_settings: Sink,
) -> None:
    broken = world  # its billing will fail
    healthy = await build_world(committed_database, pay_app, clock)
    async with committed_database.transaction() as session:
        # Its tenants get the due-soon reminder (seed 000: automated messages are a switch).
        agency = await session.get_one(Agency, healthy.agency.id)
        features = agency.settings.get("features", {}) | {"automated_messages": True}
        agency.settings = agency.settings | {"features": features}
    method = await save_card(api, localstripe, broken.tenant_headers, VISA)
    paid = await api.post(
        f"/api/v1/portal/invoices/{broken.invoice.id}/payments",
        json={"payment_method_id": method},
        headers=key_headers(broken.tenant_headers),
    )
    assert paid.status_code == 201, paid.text
    refund = await api.post(
        f"/api/v1/payments/{paid.json()['payment_id']}/refunds",
        json={"amount": 30_000, "reason": "Charged twice"},
        headers=key_headers(broken.staff_headers),
    )
    assert refund.json()["status"] == "processing"
    # A charge whose answer is lost: pending until the tick asks the gateway.
    flaky = TimesOutAfterCharging(gateway.config)
    pay_app.state.payment_gateway = flaky
    try:
        lost = await api.post(
            f"/api/v1/portal/invoices/{broken.older.id}/payments",
            json={"payment_method_id": method},
            headers=key_headers(broken.tenant_headers),
        )
    finally:
        await flaky.close()
        pay_app.state.payment_gateway = gateway
    assert lost.status_code == 503
    instant = clock.now() + timedelta(minutes=10)
    async with committed_database.transaction() as session:
        await schedule_task(session, kind="test.mark", dedupe_key="isolation", due_at=instant)
    registry = _registry_with_a_task_handler()

    async with invoices_refused_for(engine, broken.agency.id):
        report = await tick(committed_database, registry, instant)

        assert set(report.failures) == {"billing.generate_rent_invoices"}
        failure = report.failures["billing.generate_rent_invoices"]
        assert (failure.error, list(failure.agencies)) == (None, [str(broken.agency.id)])
        async with committed_database.transaction() as session:
            assert await _rent_invoices(session, broken) == 0
            assert await _rent_invoices(session, healthy) >= 1  # the other agency was billed
            payments = {
                p.reference: p.status
                for p in (
                    await session.scalars(
                        select(Payment).where(Payment.agency_id == broken.agency.id)
                    )
                ).all()
            }
            refunded = await session.scalar(select(Refund.status))
            task = await session.scalar(
                select(ScheduledTask).where(ScheduledTask.dedupe_key == "isolation")
            )
            run = await session.scalar(select(TickRun))
        # Card reconciliation settled the lost answer, in the very agency whose billing fails.
        assert payments == {
            f"Invoice {broken.invoice.number}": PaymentStatus.SUCCEEDED,
            f"Invoice {broken.older.number}": PaymentStatus.SUCCEEDED,
        }
        assert report.concerns["payments.reconcile_card_payments"] == 1
        assert refunded is RefundStatus.SUCCEEDED
        assert report.concerns["payments.process_card_refunds"] == 1
        # Everything queued went out by the tick's mail delivery: both receipts, the reminder
        # of the healthy agency's invoice due today (recurring.cycle) and that agency's invoice
        # e-mails (its automated messages are on).
        sent = gateway_and_mail_settings.messages()
        assert report.concerns["notifications.deliver_outbox"] == len(sent)
        receipts = [m.to for m in sent if m.subject.startswith("Your receipt")]
        assert receipts == [broken.tenant.email] * 2
        assert [m.to for m in sent if m.subject.startswith("Rent of ")] == [healthy.tenant.email]
        others = [m.subject for m in sent if not m.subject.startswith("Your receipt")]
        assert len(others) > 1
        assert all(healthy.agency.name in subject for subject in others)
        assert task is not None
        assert (task.status, task.payload["ran_at"]) == (TaskStatus.DONE, instant.isoformat())
        assert run is not None
        assert run.finished_at is not None
        assert run.summary["failures"] == {
            "billing.generate_rent_invoices": {
                "error": None,
                "agencies": {str(broken.agency.id): failure.agencies[str(broken.agency.id)]},
            }
        }

        # It keeps failing: after three ticks in a row the agency's staff are told.
        for minutes in (1, 2):
            await tick(committed_database, registry, instant + timedelta(minutes=minutes))
        broken_view = await api.get("/api/v1/scheduler/health", headers=broken.staff_headers)
        healthy_view = await api.get("/api/v1/scheduler/health", headers=healthy.staff_headers)

    assert broken_view.status_code == 200, broken_view.text
    assert broken_view.json() == {
        "status": "failing",
        "last_tick_at": (instant + timedelta(minutes=2)).isoformat().replace("+00:00", "Z"),
        "last_clean_tick_at": None,
        "failing": [
            {
                "name": "billing.generate_rent_invoices",
                "consecutive_ticks": 3,
                "since": instant.isoformat().replace("+00:00", "Z"),
            }
        ],
    }
    # Another agency's failure is not theirs to see: their work ran.
    assert healthy_view.json()["status"] == "ok"
    assert healthy_view.json()["failing"] == []

    # Once the fault is gone, the next tick bills the agency and the banner clears.
    await tick(committed_database, registry, instant + timedelta(minutes=3))
    async with committed_database.transaction() as session:
        assert await _rent_invoices(session, broken) >= 1
        runs = await session.scalar(select(func.count()).select_from(TickRun))
        assert (
            await session.scalar(text("SELECT count(*) FROM tick_runs WHERE finished_at IS NULL"))
            == 0
        )
    assert runs == 4
    cleared = await api.get("/api/v1/scheduler/health", headers=broken.staff_headers)
    assert cleared.json()["status"] == "ok"
    assert cleared.json()["failing"] == []
