"""The scheduler's cycle: claiming, retries, idempotence, and lease expiry."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.leases.models import Lease, LeaseStatus
from doorstep.scheduler.models import ScheduledTask, TaskStatus, TickRun
from doorstep.scheduler.registry import TickRegistry
from doorstep.scheduler.service import schedule_task, tick
from tests.conftest import TEST_DATABASE_URL
from tests.factories import Factory

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
