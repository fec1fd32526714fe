"""The scheduler's cycle: ``tick(now)`` runs every time-driven rule for one instant.

The worker calls it every minute with the real time; ``doorstep tick --at`` calls it with any
instant. Running it twice for the same instant, or from two workers at once, does each piece of
work once: concerns are idempotent, and due tasks are claimed under row locks with
``SKIP LOCKED`` and marked done in the same transaction as their effects.

Every piece fails alone: each concern and drain (and, for work declared per agency, each
agency's part of it) and the scheduled tasks run in their own transactions, and a failure is
logged with its traceback, recorded in the tick's row and skipped over, so one bad lease or one
broken module never stops rent, mail, refunds or card checks for everyone else.
"""

from __future__ import annotations

import traceback
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

import structlog
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency
from doorstep.core.db import Database
from doorstep.scheduler.models import ScheduledTask, TaskStatus, TickRun
from doorstep.scheduler.registry import (
    AgencyConcern,
    AgencyDrain,
    AgencySelector,
    PerAgency,
    TickRegistry,
)

log = structlog.get_logger(__name__)

CLAIM_BATCH = 100
MAX_ATTEMPTS = 8


# The name the scheduled tasks' failures are recorded under (when claiming itself fails; a
# failing task is retried on its own, see ``_claim_and_run``).
TASKS = "scheduler.tasks"
# ... and a tick's that stopped part-way (cancelled by the worker's job time-out, shut down).
INTERRUPTED = "scheduler.tick"


@dataclass
class Failure:
    """What failed in one concern: the whole of it (``error``), or some agencies' parts.
    Only exception class names are kept: messages can hold people's data; the log has the
    traceback."""

    error: str | None = None
    agencies: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"error": self.error, "agencies": self.agencies}


@dataclass
class TickReport:
    instant: datetime
    concerns: dict[str, int] = field(default_factory=dict)
    failures: dict[str, Failure] = field(default_factory=dict)
    tasks_done: int = 0
    tasks_failed: int = 0
    tasks_retrying: int = 0

    @property
    def ok(self) -> bool:
        return not self.failures

    def failed(self, name: str, exc: BaseException, agency_id: uuid.UUID | None = None) -> None:
        failure = self.failures.setdefault(name, Failure())
        if agency_id is None:
            failure.error = type(exc).__name__
        else:
            failure.agencies[str(agency_id)] = type(exc).__name__

    def summary(self) -> dict[str, Any]:
        return {
            "concerns": self.concerns,
            "failures": {name: failure.as_json() for name, failure in self.failures.items()},
            "retrying": self.tasks_retrying,
        }


async def schedule_task(
    session: AsyncSession,
    *,
    kind: str,
    dedupe_key: str,
    due_at: datetime,
    payload: dict[str, Any] | None = None,
    agency_id: uuid.UUID | None = None,
) -> bool:
    """Schedule work once: a second call with the same ``dedupe_key`` changes nothing.

    Returns whether the task was new.
    """
    result = await session.execute(
        insert(ScheduledTask)
        .values(
            kind=kind,
            dedupe_key=dedupe_key,
            due_at=due_at,
            payload=payload or {},
            agency_id=agency_id,
        )
        .on_conflict_do_nothing(index_elements=[ScheduledTask.dedupe_key])
        .returning(ScheduledTask.id)
    )
    return result.first() is not None


def _retry_delay(attempts: int) -> timedelta:
    return timedelta(minutes=min(2**attempts, 24 * 60))


async def _claim_and_run(
    database: Database, registry: TickRegistry, now: datetime, report: TickReport
) -> int:
    """Claim one batch of due tasks and run them; returns how many were claimed."""
    async with database.transaction() as session:
        tasks = list(
            (
                await session.scalars(
                    select(ScheduledTask)
                    .where(
                        ScheduledTask.status == TaskStatus.PENDING,
                        ScheduledTask.due_at <= now,
                    )
                    .order_by(ScheduledTask.due_at, ScheduledTask.id)
                    .limit(CLAIM_BATCH)
                    .with_for_update(skip_locked=True)
                )
            ).all()
        )
        for task in tasks:
            handler = registry.handlers.get(task.kind)
            task.attempts += 1
            try:
                if handler is None:
                    raise LookupError(f"no handler registered for task kind {task.kind!r}")
                async with session.begin_nested():
                    await handler(session, task, now)
            except Exception as exc:
                task.last_error = "".join(traceback.format_exception_only(exc))[-2000:]
                if task.attempts >= MAX_ATTEMPTS:
                    task.status = TaskStatus.FAILED
                    report.tasks_failed += 1
                else:
                    # Retried by a later tick, not this one: it is no longer due at ``now``.
                    task.due_at = now + _retry_delay(task.attempts)
                    report.tasks_retrying += 1
                log.warning("task_failed", kind=task.kind, task_id=str(task.id), error=str(exc))
            else:
                task.status = TaskStatus.DONE
                task.completed_at = now
                report.tasks_done += 1
        return len(tasks)


async def every_agency(session: AsyncSession, now: datetime) -> Sequence[uuid.UUID]:
    """The default for work declared per agency: every agency, in a stable order."""
    return (await session.scalars(select(Agency.id).order_by(Agency.id))).all()


async def tick(
    database: Database,
    registry: TickRegistry,
    now: datetime,
    *,
    only_agency: uuid.UUID | None = None,
) -> TickReport:
    """Run every concern, then every drain, then every task due at ``now``; each fails alone.

    The tick's row is finished whatever happened, with what each concern did and what failed.

    ``only_agency``: the work declared per agency runs for that agency alone (``doorstep tick
    --agency``), so replaying one agency's days leaves every other agency's book where the
    real clock has it. Work that is no agency's own (the outbox, scheduled tasks) runs as
    always: it only does what is due by ``now``, one message or task at a time.
    """
    report = TickReport(instant=now)
    async with database.transaction() as session:
        run = TickRun(instant=now)
        session.add(run)
        await session.flush()
        run_id = run.id
    try:
        for name, concern in registry.concerns.items():
            if isinstance(concern, PerAgency):
                await _per_agency(
                    database,
                    report,
                    name,
                    concern.agencies,
                    partial(_agency_concern, concern),
                    only_agency,
                )
            else:
                report.concerns[name] = await _alone(
                    report, name, partial(_whole_concern, database, concern, now)
                )
        for name, drain in registry.drains.items():
            if isinstance(drain, PerAgency):
                await _per_agency(
                    database,
                    report,
                    name,
                    drain.agencies,
                    partial(_agency_drain, drain),
                    only_agency,
                )
            else:
                report.concerns[name] = await _alone(report, name, partial(drain, database, now))
        await _alone(report, TASKS, partial(_run_due_tasks, database, registry, now, report))
    except BaseException as exc:  # cancelled (the worker's job time-out) or shutting down
        report.failed(INTERRUPTED, exc)
        raise
    finally:
        await _finish(database, run_id, report)
    log.info(
        "tick_finished",
        instant=now.isoformat(),
        concerns=report.concerns,
        failed=sorted(report.failures),
        tasks_done=report.tasks_done,
        tasks_failed=report.tasks_failed,
    )
    return report


async def _alone(
    report: TickReport,
    name: str,
    work: Callable[[], Awaitable[int]],
    agency_id: uuid.UUID | None = None,
) -> int:
    """Run one piece of the tick; a failure is logged and recorded, and the tick goes on."""
    try:
        return await work()
    except Exception as exc:
        log.exception(
            "tick_concern_failed",
            concern=name,
            agency_id=str(agency_id) if agency_id else None,
            instant=report.instant.isoformat(),
        )
        report.failed(name, exc, agency_id)
        return 0


async def _whole_concern(
    database: Database,
    concern: Callable[[AsyncSession, datetime], Awaitable[int]],
    now: datetime,
) -> int:
    async with database.transaction() as session:
        return await concern(session, now)


async def _agency_concern(
    concern: PerAgency[AgencyConcern], database: Database, agency_id: uuid.UUID, now: datetime
) -> int:
    async with database.transaction() as session:
        return await concern.function(session, agency_id, now)


async def _agency_drain(
    drain: PerAgency[AgencyDrain], database: Database, agency_id: uuid.UUID, now: datetime
) -> int:
    return await drain.function(database, agency_id, now)


async def _per_agency(
    database: Database,
    report: TickReport,
    name: str,
    selector: AgencySelector | None,
    run_for: Callable[[Database, uuid.UUID, datetime], Awaitable[int]],
    only_agency: uuid.UUID | None = None,
) -> None:
    """Run work declared per agency once for each agency that may have some (of them, only
    ``only_agency`` when given), each in its own transaction(s): one agency's failure is
    recorded and the next agency goes on."""
    now = report.instant

    async def agencies() -> Sequence[uuid.UUID]:
        async with database.transaction() as session:
            return await (selector or every_agency)(session, now)

    try:
        agency_ids = await agencies()
    except Exception as exc:
        log.exception("tick_concern_failed", concern=name, instant=now.isoformat())
        report.failed(name, exc)
        report.concerns[name] = 0
        return
    if only_agency is not None:
        agency_ids = [agency_id for agency_id in agency_ids if agency_id == only_agency]
    changes = 0
    for agency_id in agency_ids:
        changes += await _alone(
            report, name, partial(run_for, database, agency_id, now), agency_id=agency_id
        )
    report.concerns[name] = changes


async def _run_due_tasks(
    database: Database, registry: TickRegistry, now: datetime, report: TickReport
) -> int:
    while await _claim_and_run(database, registry, now, report):
        pass
    return report.tasks_done


async def _finish(database: Database, run_id: uuid.UUID, report: TickReport) -> None:
    try:
        async with database.transaction() as session:
            await session.execute(
                update(TickRun)
                .where(TickRun.id == run_id)
                .values(
                    finished_at=func.now(),
                    tasks_done=report.tasks_done,
                    tasks_failed=report.tasks_failed,
                    summary=report.summary(),
                )
            )
    except Exception:
        # The database itself is failing: nothing to record it in; the log has it.
        log.exception("tick_not_recorded", instant=report.instant.isoformat())
