"""The arq worker: a cron tick every minute, plus the job functions later issues add.

Jobs are thin: they open their own transaction and call services.
"""

from __future__ import annotations

from typing import Any, ClassVar

import structlog
from arq import cron
from arq.connections import RedisSettings
from arq.worker import func

from doorstep.core.clock import SystemClock
from doorstep.core.db import Database
from doorstep.core.logging import configure_logging
from doorstep.core.migrations import head_revision, schema_is_current
from doorstep.core.settings import get_settings
from doorstep.notifications.push import PushSender
from doorstep.notifications.smtp import Mailer
from doorstep.notifications.tasks import (
    deliver_due_email,
    deliver_due_push,
    deliver_email,
    deliver_push,
)
from doorstep.recurring.jobs import (
    JOB as RECURRING_CHARGE_BATCH,
)
from doorstep.recurring.jobs import (
    JOB_TIMEOUT_SECONDS as RECURRING_CHARGE_TIMEOUT,
)
from doorstep.recurring.jobs import (
    charges_enqueued_to,
    recurring_charge_batch,
)
from doorstep.scheduler.concerns import registry
from doorstep.scheduler.service import tick

log = structlog.get_logger(__name__)


class SchemaBehind(RuntimeError):
    pass


async def startup(ctx: dict[str, Any]) -> None:
    """Refuse to start on a database whose schema is behind this code."""
    settings = ctx.get("settings") or get_settings()
    configure_logging(settings.log_level, settings.log_json)
    # Committed transactions of the tick and of jobs enqueue their own jobs (a receipt's
    # e-mail, a delivery retry) on the worker's own Redis connection.
    database = Database.from_url(settings.database_url, pool_size=5, job_queue=ctx["redis"])
    async with database.engine.connect() as connection:
        if not await schema_is_current(connection):
            await database.dispose()
            raise SchemaBehind(
                f"The database schema is not at {head_revision()}: run `doorstep migrate` first."
            )
    ctx["db"] = database
    ctx["clock"] = SystemClock()
    ctx["mailer"] = Mailer.from_settings(settings)
    ctx["pusher"] = PushSender.from_settings(settings)  # None: push is off
    log.info("worker_started")


async def shutdown(ctx: dict[str, Any]) -> None:
    database: Database | None = ctx.get("db")
    if database is not None:
        await database.dispose()


async def scheduler_tick(ctx: dict[str, Any]) -> dict[str, Any]:
    """Run the scheduler's cycle for the current minute; due recurring charges are enqueued
    as batch jobs (``recurring.jobs``) rather than taken inside the tick."""
    with charges_enqueued_to(ctx["redis"]):
        report = await tick(ctx["db"], registry, ctx["clock"].now())
    return {
        "instant": report.instant.isoformat(),
        "concerns": report.concerns,
        "failures": report.summary()["failures"],
        "tasks_done": report.tasks_done,
        "tasks_failed": report.tasks_failed,
    }


class WorkerSettings:
    functions: ClassVar[list[Any]] = [
        deliver_email,
        deliver_due_email,
        deliver_push,
        deliver_due_push,
        func(
            recurring_charge_batch,
            name=RECURRING_CHARGE_BATCH,
            timeout=RECURRING_CHARGE_TIMEOUT,
        ),
    ]
    # unique: with several workers, one minute's tick is enqueued once (the claiming in tick()
    # would make a duplicate harmless anyway).
    cron_jobs: ClassVar[list[Any]] = [
        cron(scheduler_tick, second=0, unique=True, run_at_startup=False, timeout=300)
    ]
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = RedisSettings.from_dsn(get_settings().redis_url)
    max_jobs = 10
    health_check_interval = 30
