"""The scheduler's cycle: ``tick(now)`` runs every time-driven rule for one instant.

The worker calls it every minute with the real time; ``doorstep tick --at`` calls it with any
instant. Running it twice for the same instant, or from two workers at once, does each piece of
work once: concerns are idempotent, and due tasks are claimed under row locks with
``SKIP LOCKED`` and marked done in the same transaction as their effects.
"""

from __future__ import annotations

import traceback
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.core.db import Database
from doorstep.scheduler.models import ScheduledTask, TaskStatus, TickRun
from doorstep.scheduler.registry import TickRegistry

log = structlog.get_logger(__name__)

CLAIM_BATCH = 100
MAX_ATTEMPTS = 8


@dataclass
class TickReport:
    instant: datetime
    concerns: dict[str, int] = field(default_factory=dict)
    tasks_done: int = 0
    tasks_failed: int = 0
    tasks_retrying: int = 0


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


async def tick(database: Database, registry: TickRegistry, now: datetime) -> TickReport:
    """Run every concern, then every task due at ``now``."""
    report = TickReport(instant=now)
    async with database.transaction() as session:
        run = TickRun(instant=now)
        session.add(run)
        await session.flush()
        run_id = run.id
    for name, concern in registry.concerns.items():
        async with database.transaction() as session:
            report.concerns[name] = await concern(session, now)
    for name, drain in registry.drains.items():
        report.concerns[name] = await drain(database, now)
    while await _claim_and_run(database, registry, now, report):
        pass
    async with database.transaction() as session:
        await session.execute(
            update(TickRun)
            .where(TickRun.id == run_id)
            .values(
                finished_at=func.now(),
                tasks_done=report.tasks_done,
                tasks_failed=report.tasks_failed,
                summary={"concerns": report.concerns, "retrying": report.tasks_retrying},
            )
        )
    log.info(
        "tick_finished",
        instant=now.isoformat(),
        concerns=report.concerns,
        tasks_done=report.tasks_done,
        tasks_failed=report.tasks_failed,
    )
    return report
