"""The scheduler's cycle: claiming, retries, idempotence, and lease expiry."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from doorstep.billing.models import Invoice
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.leases.models import Lease, LeaseStatus
from doorstep.scheduler.health import (
    FailingWork,
    SchedulerHealth,
    SchedulerStatus,
    scheduler_health,
)
from doorstep.scheduler.models import ScheduledTask, TaskStatus, TickRun
from doorstep.scheduler.registry import TickRegistry
from doorstep.scheduler.service import schedule_task, tick
from tests.conftest import TEST_DATABASE_URL
from tests.factories import Factory
from tests.faults import BROKEN_INVOICES, invoices_refused_for
from tests.live import service_env

INSTANT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def recording_registry(delay: float = 0.0) -> TickRegistry:
    registry = TickRegistry()

    @registry.handler("test.record")
    async def record(session: AsyncSession, task: ScheduledTask, now: datetime) -> None:
        await asyncio.sleep(delay)
        await session.execute(
            text("INSERT INTO tick_effects (task_id, done_at) VALUES (:id, :now)"),
            {"id": task.id, "now": now},
        )

    @registry.handler("test.flaky")
    async def flaky(session: AsyncSession, task: ScheduledTask, now: datetime) -> None:
        await session.execute(
            text("INSERT INTO tick_effects (task_id, done_at) VALUES (:id, :now)"),
            {"id": task.id, "now": now},
        )
        raise RuntimeError("the gateway is down")

    return registry


async def _effects_table(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await connection.execute(text("DROP TABLE IF EXISTS tick_effects"))
        await connection.execute(
            text("CREATE TABLE tick_effects (task_id uuid NOT NULL, done_at timestamptz)")
        )


async def test_two_concurrent_ticks_do_each_task_once(
    engine: AsyncEngine, committed_database: Database
) -> None:
    await _effects_table(engine)
    async with committed_database.transaction() as session:
        for number in range(300):
            await schedule_task(
                session,
                kind="test.record",
                dedupe_key=f"record-{number}",
                due_at=INSTANT - timedelta(minutes=number % 7),
            )
        await schedule_task(
            session, kind="test.record", dedupe_key="later", due_at=INSTANT + timedelta(hours=1)
        )
    registry = recording_registry(delay=0.002)

    reports = await asyncio.gather(
        tick(Database(engine), registry, INSTANT), tick(Database(engine), registry, INSTANT)
    )

    async with engine.connect() as connection:
        per_task = (
            await connection.execute(
                text("SELECT task_id, count(*) FROM tick_effects GROUP BY task_id")
            )
        ).all()
        pending = await connection.scalar(
            select(func.count()).where(ScheduledTask.status == TaskStatus.PENDING)
        )
        await connection.execute(text("DROP TABLE tick_effects"))
        await connection.commit()
    assert len(per_task) == 300
    assert {count for _, count in per_task} == {1}
    assert sum(report.tasks_done for report in reports) == 300
    # Both ticks really took part: the work was shared, not serialised behind one of them.
    assert all(report.tasks_done > 0 for report in reports)
    assert pending == 1  # the task due later waits for its time


async def test_scheduling_the_same_work_twice_is_a_no_op(
    committed_database: Database,
) -> None:
    async with committed_database.transaction() as session:
        first = await schedule_task(session, kind="test.record", dedupe_key="once", due_at=INSTANT)
        second = await schedule_task(
            session, kind="test.record", dedupe_key="once", due_at=INSTANT + timedelta(days=1)
        )
        count = await session.scalar(select(func.count()).select_from(ScheduledTask))
    assert (first, second, count) == (True, False, 1)


async def test_a_failing_task_rolls_back_its_effects_and_is_retried_later(
    engine: AsyncEngine, committed_database: Database
) -> None:
    await _effects_table(engine)
    async with committed_database.transaction() as session:
        await schedule_task(session, kind="test.flaky", dedupe_key="flaky", due_at=INSTANT)
        await schedule_task(session, kind="test.record", dedupe_key="fine", due_at=INSTANT)
    registry = recording_registry()

    report = await tick(committed_database, registry, INSTANT)

    async with committed_database.transaction() as session:
        flaky = await session.scalar(
            select(ScheduledTask).where(ScheduledTask.dedupe_key == "flaky")
        )
        effects = await session.scalar(text("SELECT count(*) FROM tick_effects"))
        assert flaky is not None
        assert flaky.status is TaskStatus.PENDING
        assert flaky.attempts == 1
        assert flaky.due_at > INSTANT
        assert "the gateway is down" in (flaky.last_error or "")
    assert (report.tasks_done, report.tasks_retrying, effects) == (1, 1, 1)

    # Not due again at the same instant; due again after the back-off.
    again = await tick(committed_database, registry, INSTANT)
    assert again.tasks_retrying == 0
    later = await tick(committed_database, registry, INSTANT + timedelta(minutes=5))
    assert later.tasks_retrying == 1
    async with engine.begin() as connection:
        await connection.execute(text("DROP TABLE tick_effects"))


async def test_every_tick_is_recorded(committed_database: Database) -> None:
    await tick(committed_database, TickRegistry(), INSTANT)
    async with committed_database.transaction() as session:
        run = await session.scalar(select(TickRun))
    assert run is not None
    assert run.instant == INSTANT
    assert run.finished_at is not None


async def test_leases_end_after_their_end_date_unless_holding_over(
    session: AsyncSession, factory: Factory, clock: FixedClock
) -> None:
    from doorstep.leases.service import end_expired_leases

    agency = await factory.agency()
    tenant = await factory.tenant(agency)
    ending = await factory.lease(agency, [tenant], start=date(2026, 1, 1), end=date(2026, 11, 30))
    holding = await factory.lease(agency, [tenant], start=date(2026, 1, 1), end=date(2026, 11, 30))
    holding.holding_over = True
    open_ended = await factory.lease(agency, [tenant], start=date(2026, 1, 1))

    # 30 November, 23:30 in Brussels is still the last day of the lease.
    assert await end_expired_leases(session, datetime(2026, 11, 30, 22, 30, tzinfo=UTC)) == 0
    # Midnight in Brussels: the lease has ended, though it is still 30 November in UTC.
    assert await end_expired_leases(session, datetime(2026, 11, 30, 23, 30, tzinfo=UTC)) == 1
    assert await end_expired_leases(session, datetime(2026, 12, 1, 23, 30, tzinfo=UTC)) == 0
    for lease in (ending, holding, open_ended):
        await session.refresh(lease)
    assert ending.status is LeaseStatus.ENDED
    assert holding.status is LeaseStatus.ACTIVE
    assert open_ended.status is LeaseStatus.ACTIVE


async def test_two_tick_commands_at_once_end_each_lease_once(
    committed_database: Database,
) -> None:
    async with committed_database.transaction() as session:
        factory = Factory(session, None, FixedClock(INSTANT))  # type: ignore[arg-type]
        agency = await factory.agency()
        tenant = await factory.tenant(agency)
        prop = await factory.property(agency)
        for number in range(40):
            unit = await factory.unit(agency, prop, name=f"Unit {number}")
            await factory.lease(
                agency, [tenant], unit=unit, start=date(2026, 1, 1), end=date(2026, 11, 15)
            )

    env = os.environ | {"DOORSTEP_DATABASE_URL": TEST_DATABASE_URL, "DOORSTEP_LOG_LEVEL": "ERROR"}
    command = [sys.executable, "-m", "doorstep.cli", "tick", "--at", INSTANT.isoformat()]
    processes = [
        await asyncio.create_subprocess_exec(
            *command, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
        )
        for _ in range(2)
    ]
    outputs = await asyncio.gather(*(process.communicate() for process in processes))
    assert all(process.returncode == 0 for process in processes), outputs

    ended = [json.loads(stdout)["concerns"]["leases.end_expired"] for stdout, _ in outputs]
    assert sum(ended) == 40
    async with committed_database.transaction() as session:
        statuses = (await session.scalars(select(Lease.status))).all()
    assert set(statuses) == {LeaseStatus.ENDED}


# ------------------------------------------------------------------ every piece fails alone


async def _agencies(database: Database, count: int) -> list[uuid.UUID]:
    async with database.transaction() as session:
        factory = Factory(session, None, FixedClock(INSTANT))  # type: ignore[arg-type]
        return [(await factory.agency(f"Agency {n}")).id for n in range(count)]


async def test_a_failing_concern_drain_or_agency_fails_alone(
    engine: AsyncEngine, committed_database: Database
) -> None:
    await _effects_table(engine)
    broken, *others = await _agencies(committed_database, 3)
    async with committed_database.transaction() as session:
        await schedule_task(session, kind="test.record", dedupe_key="still-runs", due_at=INSTANT)
    registry = recording_registry()

    @registry.concern("test.broken")
    async def broken_concern(session: AsyncSession, now: datetime) -> int:
        raise RuntimeError("a bug")

    @registry.agency_concern("test.per_agency")
    async def per_agency(session: AsyncSession, agency_id: uuid.UUID, now: datetime) -> int:
        await session.execute(
            text("INSERT INTO tick_effects (task_id, done_at) VALUES (:id, :now)"),
            {"id": agency_id, "now": now},
        )
        if agency_id == broken:
            raise ValueError("this agency's data sets off a bug")
        return 1

    @registry.drain("test.broken_drain")
    async def broken_drain(database: Database, now: datetime) -> int:
        raise ConnectionError("the outside world is down")

    @registry.drain("test.drain")
    async def drain(database: Database, now: datetime) -> int:
        return 5

    report = await tick(committed_database, registry, INSTANT)

    async with engine.begin() as connection:
        effects = set((await connection.scalars(text("SELECT task_id FROM tick_effects"))).all())
        await connection.execute(text("DROP TABLE tick_effects"))
    async with committed_database.transaction() as session:
        run = await session.scalar(select(TickRun))
    # The broken agency's part rolled back; the other agencies', the drain and the task ran.
    assert broken not in effects
    assert set(others) <= effects
    assert report.concerns == {
        "test.broken": 0,
        "test.per_agency": 2,
        "test.broken_drain": 0,
        "test.drain": 5,
    }
    assert report.tasks_done == 1
    failures = {"error": "RuntimeError", "agencies": {}}
    assert run is not None
    assert run.finished_at is not None
    assert run.summary["failures"] == {
        "test.broken": failures,
        "test.per_agency": {"error": None, "agencies": {str(broken): "ValueError"}},
        "test.broken_drain": {"error": "ConnectionError", "agencies": {}},
    }
    assert not report.ok


def _flaky_registry(failing: dict[str, set[uuid.UUID | None]]) -> TickRegistry:
    """Concerns that fail while ``failing`` names them: as a whole (None) or for agencies."""
    registry = TickRegistry()
    for name in ("test.first", "test.second"):

        async def concern(
            session: AsyncSession, agency_id: uuid.UUID, now: datetime, name: str = name
        ) -> int:
            if agency_id in failing.get(name, set()) or None in failing.get(name, set()):
                raise RuntimeError(f"{name} fails")
            return 0

        registry.agency_concern(name)(concern)
    return registry


async def test_a_tick_that_keeps_failing_shows_in_its_health_for_whom_it_concerns(
    committed_database: Database,
) -> None:
    broken, fine = await _agencies(committed_database, 2)
    failing: dict[str, set[uuid.UUID | None]] = {"test.first": {broken}}
    registry = _flaky_registry(failing)

    async def health(agency_id: uuid.UUID | None) -> SchedulerHealth:
        async with committed_database.transaction() as session:
            return await scheduler_health(session, agency_id=agency_id)

    await tick(committed_database, registry, INSTANT)
    once = await health(broken)
    # A failure or two is an outage the next ticks retry: listed, not yet alarming.
    assert once.status is SchedulerStatus.OK
    assert once.failing == [FailingWork("test.first", 1, INSTANT)]

    for minutes in (1, 2):
        await tick(committed_database, registry, INSTANT + timedelta(minutes=minutes))
    assert (await health(broken)).status is SchedulerStatus.FAILING
    assert (await health(broken)).failing == [FailingWork("test.first", 3, INSTANT)]
    assert (await health(None)).status is SchedulerStatus.FAILING
    other = await health(fine)
    assert (other.status, other.failing) == (SchedulerStatus.OK, [])
    assert other.last_clean_tick_at == INSTANT + timedelta(minutes=2)

    # Different work failing each time: no single streak, but no clean tick either.
    for minutes, name in ((3, "test.second"), (4, "test.first"), (5, "test.second")):
        failing.clear()
        failing[name] = {None}
        await tick(committed_database, registry, INSTANT + timedelta(minutes=minutes))
    mixed = await health(fine)
    assert mixed.status is SchedulerStatus.FAILING
    assert mixed.failing == [FailingWork("test.second", 1, INSTANT + timedelta(minutes=5))]

    failing.clear()
    await tick(committed_database, registry, INSTANT + timedelta(minutes=6))
    recovered = await health(broken)
    assert (recovered.status, recovered.failing) == (SchedulerStatus.OK, [])
    assert recovered.last_tick_at == INSTANT + timedelta(minutes=6)

    # Ticks that start and never finish (killed, hung) stall the scheduler.
    async with committed_database.transaction() as session:
        for minutes in (7, 8, 9):
            session.add(TickRun(instant=INSTANT + timedelta(minutes=minutes)))
            await session.flush()
    assert (await health(fine)).status is SchedulerStatus.STALLED


async def test_the_tick_command_logs_a_failure_with_its_traceback_and_goes_on(
    engine: AsyncEngine, committed_database: Database
) -> None:
    async with committed_database.transaction() as session:
        factory = Factory(session, None, FixedClock(INSTANT))  # type: ignore[arg-type]
        agencies = [await factory.agency(f"Lettings {n}") for n in range(2)]
        for agency in agencies:
            tenant = await factory.tenant(agency)
            await factory.lease(agency, [tenant], start=date(2026, 1, 1), end=date(2026, 11, 20))
            await factory.lease(agency, [tenant], unit=await factory.unit(agency, name="B"))
    broken, healthy = agencies

    async with invoices_refused_for(engine, broken.id):
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "doorstep.cli",
            "tick",
            "--at",
            INSTANT.isoformat(),
            env=service_env(),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=120)

    assert process.returncode == 1, stderr.decode()
    report = json.loads(stdout)
    assert list(report["failures"]) == ["billing.generate_rent_invoices"]
    assert list(report["failures"]["billing.generate_rent_invoices"]["agencies"]) == [
        str(broken.id)
    ]
    # The rest of the cycle ran: both agencies' expired leases ended.
    assert report["concerns"]["leases.end_expired"] == 2
    log = stderr.decode()
    assert "[error" in log
    assert "tick_concern_failed" in log
    assert str(broken.id) in log
    assert "Traceback" in log
    assert BROKEN_INVOICES in log
    async with committed_database.transaction() as session:
        billed = (
            await session.scalars(select(Invoice.agency_id).where(Invoice.source_key.is_not(None)))
        ).all()
    assert set(billed) == {healthy.id}


async def test_the_tick_command_for_one_agency_leaves_the_others_alone(
    committed_database: Database,
) -> None:
    """``doorstep tick --agency`` replays one agency's days (the end-to-end suite walks its
    own agency to a due date): the other agencies' leases are neither ended nor billed."""
    async with committed_database.transaction() as session:
        factory = Factory(session, None, FixedClock(INSTANT))  # type: ignore[arg-type]
        agencies = [await factory.agency(f"Replayed {n}") for n in range(2)]
        for agency in agencies:
            tenant = await factory.tenant(agency)
            await factory.lease(agency, [tenant], start=date(2026, 1, 1), end=date(2026, 11, 20))
            await factory.lease(agency, [tenant], unit=await factory.unit(agency, name="B"))
    replayed, other = agencies

    async def run(*options: str) -> tuple[int | None, str, str]:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "doorstep.cli",
            "tick",
            "--at",
            INSTANT.isoformat(),
            *options,
            env=service_env(),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=120)
        return process.returncode, stdout.decode(), stderr.decode()

    code, stdout, stderr = await run("--agency", replayed.name)
    assert code == 0, stderr
    report = json.loads(stdout)
    assert report["agency"] == str(replayed.id)
    assert report["concerns"]["leases.end_expired"] == 1
    assert report["concerns"]["billing.generate_rent_invoices"] >= 1
    async with committed_database.transaction() as session:
        ended = (
            await session.scalars(select(Lease.agency_id).where(Lease.status == LeaseStatus.ENDED))
        ).all()
        billed = (
            await session.scalars(select(Invoice.agency_id).where(Invoice.source_key.is_not(None)))
        ).all()
    assert ended == [replayed.id]
    assert set(billed) == {replayed.id}

    # By id too; an agency that does not exist is refused before anything runs.
    code, stdout, stderr = await run("--agency", str(other.id))
    assert code == 0, stderr
    assert json.loads(stdout)["concerns"]["leases.end_expired"] == 1
    code, stdout, stderr = await run("--agency", "No Such Lettings")
    assert code != 0
    assert "No single agency matches 'No Such Lettings'" in stderr
    assert stdout == ""


async def test_a_tick_stopped_part_way_still_finishes_its_row(committed_database: Database) -> None:
    registry = TickRegistry()

    @registry.concern("test.cancelled")
    async def cancelled(session: AsyncSession, now: datetime) -> int:
        # What the worker's job time-out does to a tick that runs too long.
        raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        await tick(committed_database, registry, INSTANT)

    async with committed_database.transaction() as session:
        run = await session.scalar(select(TickRun))
    assert run is not None
    assert run.finished_at is not None
    assert run.summary["failures"] == {
        "scheduler.tick": {"error": "CancelledError", "agencies": {}}
    }
