"""Crash safety: a billing run over 500 leases with recurring set-ups, taken by a real arq worker
process (production's jobs, without the cron tick: ``crash_worker``) against localstripe,
SIGKILLed at 20 random points (seeded) and restarted, once also with its Redis database flushed.
Afterwards no invoice was charged twice
(at the gateway or in the database) and every due charge is final.

The kill points are numbers of charges done: the test waits on the database until the count
passes the next one, so where the worker dies depends on the seed, not on the machine's speed.
After each restart the next minute's tick enqueues again whatever is still due or unfinished
(instants three minutes apart, past a dead worker's claim): Redis only queues.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from arq import create_pool
from arq.connections import ArqRedis, RedisSettings
from redis.asyncio import Redis
from sqlalchemy import func, select

from doorstep.agencies.models import Agency
from doorstep.billing.ledger import invoice_amounts
from doorstep.billing.service import generate_rent_invoices
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.core.settings import REPO_ROOT
from doorstep.payments.ledger.models import Payment, PaymentStatus
from doorstep.recurring.charging import BATCH
from doorstep.recurring.cycle import run_cycle
from doorstep.recurring.jobs import charges_enqueued_to
from doorstep.recurring.models import ScheduledCharge, SetupMethod
from doorstep.recurring.payments_port import StripeGateway, start_card_setup
from doorstep.recurring.service import AUTHORISATION_VERSION, set_up
from doorstep.recurring.transitions import ChargeStatus
from doorstep.scheduler.concerns import registry as production_registry
from doorstep.scheduler.registry import TickRegistry
from doorstep.scheduler.service import tick
from doorstep.tenants.models import Tenant
from tests.conftest import TEST_REDIS_URL
from tests.factories import Factory
from tests.live import service_env
from tests.notifications.conftest import Sink
from tests.payments_online.conftest import PUBLISHABLE_KEY, SECRET_KEY, LocalStripe
from tests.recurring.conftest import CONFIG, RENT, SETUP_DAY, VISA, morning

LEASES = 500
KILLS = 20
SEED = 20261206
JAN_DUE = date(2027, 1, 1)
# Past a dead worker's claim on a charge (charging.CLAIM_TTL is two minutes).
TICK_EVERY = timedelta(minutes=3)
# No wall-clock assertion: only a bound on waiting for something that never comes.
PATIENCE_SECONDS = 300


def _cycle_registry() -> TickRegistry:
    """Invoicing and the recurring cycle (schedule, remind), without the charges."""
    cycle = TickRegistry()

    @cycle.agency_concern("billing.generate_rent_invoices")
    async def _bill(session: object, agency_id: uuid.UUID, now: datetime) -> int:
        return await generate_rent_invoices(session, now, only_agency=agency_id)  # type: ignore[arg-type]

    @cycle.agency_concern("recurring.cycle")
    async def _cycle(session: object, agency_id: uuid.UUID, now: datetime) -> int:
        return await run_cycle(session, agency_id, now, CONFIG)  # type: ignore[arg-type]

    return cycle


def _charge_registry() -> TickRegistry:
    """The production tick's charge drain alone: with a queue, it enqueues batch jobs."""
    charges = TickRegistry()
    charges.drains["recurring.charge"] = production_registry.drains["recurring.charge"]
    return charges


async def _build(database: Database, gateway: StripeGateway, localstripe: LocalStripe) -> uuid.UUID:
    """500 tenancies with a recurring card set-up each, their January rent invoiced and
    reminded: 500 charges due on 1 January."""
    clock = FixedClock(morning(SETUP_DAY) - timedelta(hours=1))
    async with database.transaction() as session:
        factory = Factory(session, None, clock)  # type: ignore[arg-type]
        agency = await factory.agency(f"Crash Lettings {uuid.uuid4().hex[:6]}")
        agency.settings = {
            **agency.settings,
            "features": {"online_payments": True, "payment_links": True},
            "contact_email": "help@crash.example",
        }
        building = await factory.property(agency, "Residence Crash")
        tenants: list[Tenant] = []
        leases = []
        for n in range(LEASES):
            tenant = await factory.tenant(agency, portal=False)
            unit = await factory.unit(agency, building, name=f"Flat {n}")
            leases.append(
                await factory.lease(agency, [tenant], unit=unit, start=date(2026, 9, 1), rent=RENT)
            )
            tenants.append(tenant)
    cycle = _cycle_registry()
    assert (await tick(database, cycle, morning(SETUP_DAY))).ok
    setup_at = datetime.combine(SETUP_DAY, morning(SETUP_DAY).timetz()) + timedelta(hours=3)
    limit = asyncio.Semaphore(8)

    async def set_up_one(tenant: Tenant, lease_id: uuid.UUID) -> None:
        async with limit:
            started = await start_card_setup(database, gateway, tenant)
            method = await localstripe.confirm_card_setup(started.client_secret, VISA)
            await set_up(
                database,
                gateway,
                agency,
                tenant,
                lease_id=lease_id,
                method=SetupMethod.CARD,
                payment_method_id=method,
                iban=None,
                account_holder=None,
                authorisation_version=AUTHORISATION_VERSION,
                client="pytest",
                now=setup_at,
            )

    await asyncio.gather(
        *(set_up_one(tenant, lease.id) for tenant, lease in zip(tenants, leases, strict=True))
    )
    for day in (date(2026, 12, 18), date(2026, 12, 29)):
        assert (await tick(database, cycle, morning(day))).ok
    return agency.id


class Worker:
    """The arq worker with production's jobs (``doorstep worker`` without its cron tick, see
    ``crash_worker``), with the test's gateway and mail sink."""

    def __init__(self, localstripe: LocalStripe, sink: Sink, log: Path) -> None:
        self.log = log
        self.env = service_env(
            DOORSTEP_STRIPE_SECRET_KEY=SECRET_KEY,
            DOORSTEP_STRIPE_PUBLISHABLE_KEY=PUBLISHABLE_KEY,
            DOORSTEP_STRIPE_API_BASE=localstripe.base,
            DOORSTEP_SMTP_URL=sink.url,
            DOORSTEP_MAIL_FROM="Doorstep <no-reply@doorstep.test>",
            DOORSTEP_PUBLIC_BASE_URL="https://doorstep.example",
        )
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        with self.log.open("ab") as said:  # the child keeps its own copy of the descriptor
            self.process = subprocess.Popen(
                [sys.executable, "-m", "arq", "tests.recurring.crash_worker.CrashWorkerSettings"],
                cwd=REPO_ROOT,
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=said,
                start_new_session=True,
            )
        self.starts += 1

    def kill(self) -> None:
        """SIGKILL: no shutdown hook, no cleanup, a job left half done."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process = None


@pytest.fixture
async def queue() -> AsyncIterator[ArqRedis]:
    pool = await create_pool(RedisSettings.from_dsn(TEST_REDIS_URL))
    yield pool
    await pool.aclose()


async def _counts(database: Database, agency_id: uuid.UUID) -> Counter[ChargeStatus]:
    async with database.transaction() as session:
        rows = await session.execute(
            select(ScheduledCharge.status, func.count())
            .where(ScheduledCharge.agency_id == agency_id)
            .group_by(ScheduledCharge.status)
        )
        return Counter({status: count for status, count in rows.all()})


async def _all_intents(localstripe: LocalStripe) -> list[dict[str, Any]]:
    """Every PaymentIntent at localstripe (500 of them: more patience than the shared helper's
    default 5 s on a loaded machine)."""
    async with httpx.AsyncClient(timeout=120) as client:
        response = await client.get(
            f"{localstripe.base}/v1/payment_intents",
            params={"limit": 10_000},
            headers={"Authorization": f"Bearer {SECRET_KEY}"},
        )
    response.raise_for_status()
    intents: list[dict[str, Any]] = response.json()["data"]
    return intents


async def _stuck(database: Database, agency_id: uuid.UUID, worker: Worker) -> str:
    """What is unfinished, and what the worker said: the message of a failed wait."""
    async with database.transaction() as session:
        rows = (
            await session.execute(
                select(
                    ScheduledCharge.status,
                    ScheduledCharge.attempts,
                    ScheduledCharge.next_attempt_at,
                    ScheduledCharge.failure_reason,
                ).where(
                    ScheduledCharge.agency_id == agency_id,
                    ScheduledCharge.status != ChargeStatus.SUCCEEDED,
                )
            )
        ).all()
    said = worker.log.read_text(errors="replace")[-4000:] if worker.log.exists() else ""
    return f"unfinished {[tuple(row) for row in rows][:20]}; worker said: {said}"


async def test_killed_worker_charges_every_invoice_once(
    committed_database: Database,
    gateway: StripeGateway,
    localstripe: LocalStripe,
    smtp_sink: Sink,
    redis: Redis,
    queue: ArqRedis,
    tmp_path: Path,
) -> None:
    database = committed_database
    await redis.flushdb()
    agency_id = await _build(database, gateway, localstripe)
    counts = await _counts(database, agency_id)
    assert counts == {ChargeStatus.REMINDED: LEASES}

    charges = _charge_registry()
    instant = morning(JAN_DUE)
    jobs_enqueued: list[int] = []

    async def tick_enqueues() -> None:
        nonlocal instant
        with charges_enqueued_to(queue):
            report = await tick(database, charges, instant)
        assert report.ok, report.summary()
        jobs_enqueued.append(report.concerns["recurring.charge"])
        instant += TICK_EVERY

    async def succeeded() -> int:
        return (await _counts(database, agency_id))[ChargeStatus.SUCCEEDED]

    rng = random.Random(SEED)
    kill_points = sorted(rng.sample(range(1, LEASES), KILLS))
    flush_after = rng.randrange(KILLS)
    worker = Worker(localstripe, smtp_sink, tmp_path / "worker.log")
    worker.start()
    await tick_enqueues()
    # The same instant again (a second worker, a replay): nothing is enqueued twice.
    instant -= TICK_EVERY
    await tick_enqueues()
    assert jobs_enqueued == [1, 0]
    try:
        for index, point in enumerate(kill_points):
            deadline = time.monotonic() + PATIENCE_SECONDS
            while (done := await succeeded()) < point:
                assert time.monotonic() < deadline, (
                    f"{done} done before kill {index} at {point}: "
                    + await _stuck(database, agency_id, worker)
                )
                await asyncio.sleep(0.02)
            worker.kill()
            if index == flush_after:
                await redis.flushdb()  # every queued job and arq's bookkeeping: gone
            worker.start()
            await tick_enqueues()
        # Run until every charge is final, with a later minute's tick now and then (what the
        # worker's cron does): a tick beside a running job enqueues charges that job holds,
        # which the charge's lock makes the new job skip.
        deadline = time.monotonic() + PATIENCE_SECONDS
        polls = 0
        while True:
            counts = await _counts(database, agency_id)
            unfinished = sum(n for status, n in counts.items() if not status.final)
            if not unfinished:
                break
            assert time.monotonic() < deadline, await _stuck(database, agency_id, worker)
            polls += 1
            if polls % 20 == 0:
                await tick_enqueues()
            await asyncio.sleep(0.05)
    finally:
        if worker.process is not None:
            worker.kill()

    assert worker.starts == KILLS + 1
    # At most one job per 1,000 due charges (plus nothing) per tick.
    assert all(jobs <= -(-LEASES // BATCH) for jobs in jobs_enqueued)
    assert counts == {ChargeStatus.SUCCEEDED: LEASES}

    # The gateway: one PaymentIntent per scheduled charge and per invoice, each succeeded.
    intents = [
        intent
        for intent in await _all_intents(localstripe)
        if intent["metadata"].get("doorstep_scheduled_charge_id")
    ]
    per_charge = Counter(i["metadata"]["doorstep_scheduled_charge_id"] for i in intents)
    per_invoice = Counter(i["metadata"]["doorstep_invoice_id"] for i in intents)
    assert len(per_charge) == LEASES
    assert max(per_charge.values()) == 1
    assert len(per_invoice) == LEASES
    assert max(per_invoice.values()) == 1
    assert {i["status"] for i in intents} == {"succeeded"}
    assert {i["amount"] for i in intents} == {RENT}

    # The database: one succeeded payment per invoice, nothing left owed.
    async with database.transaction() as session:
        rows = (
            await session.execute(
                select(ScheduledCharge.invoice_id, Payment.status, Payment.amount).join(
                    Payment, Payment.id == ScheduledCharge.payment_id
                )
            )
        ).all()
        agency = await session.get_one(Agency, agency_id)
        amounts = await invoice_amounts(session, [row.invoice_id for row in rows])
        payments_per_invoice = Counter(
            await session.scalars(
                select(ScheduledCharge.invoice_id)
                .join(Payment, Payment.id == ScheduledCharge.payment_id)
                .where(Payment.status == PaymentStatus.SUCCEEDED)
            )
        )
    assert agency.id == agency_id
    assert len(rows) == LEASES
    assert {(row.status, row.amount) for row in rows} == {(PaymentStatus.SUCCEEDED, RENT)}
    assert set(payments_per_invoice.values()) == {1}
    assert {amount.outstanding for amount in amounts.values()} == {0}
