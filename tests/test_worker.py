"""The arq worker, run for real against Redis and PostgreSQL."""

from __future__ import annotations

import asyncio
import sys

import asyncpg
from arq import create_pool
from arq.connections import RedisSettings
from arq.worker import Worker, func
from redis.asyncio import Redis
from sqlalchemy import select

from doorstep.core.db import Database
from doorstep.scheduler.models import TickRun
from doorstep.worker import WorkerSettings, scheduler_tick, shutdown, startup
from tests.conftest import (
    ADMIN_DSN,
    TEST_DB,
    TEST_REDIS_URL,
    settings_for_tests,
    url_of_database,
)
from tests.live import service_env


async def test_worker_runs_the_tick_job(committed_database: Database, redis: Redis) -> None:
    await redis.flushdb()
    redis_settings = RedisSettings.from_dsn(TEST_REDIS_URL)
    pool = await create_pool(redis_settings)
    job = await pool.enqueue_job("scheduler_tick", _job_id="tick-under-test")
    assert job is not None
    worker = Worker(
        functions=[func(scheduler_tick, name="scheduler_tick")],
        redis_settings=redis_settings,
        on_startup=startup,
        on_shutdown=shutdown,
        ctx={"settings": settings_for_tests()},
        burst=True,
        handle_signals=False,
        poll_delay=0.05,
    )
    try:
        await worker.main()
    finally:
        await worker.close()
        await pool.aclose()

    assert (worker.jobs_complete, worker.jobs_failed) == (1, 0)
    async with committed_database.transaction() as session:
        runs = (await session.scalars(select(TickRun))).all()
    assert len(runs) == 1
    assert runs[0].finished_at is not None


def test_the_cron_tick_runs_every_minute() -> None:
    (job,) = WorkerSettings.cron_jobs
    assert job.coroutine is scheduler_tick
    assert job.second == 0
    assert job.minute is None
    assert job.unique


async def test_worker_refuses_a_database_whose_schema_is_behind() -> None:
    name = f"{TEST_DB}_behind"
    admin = await asyncpg.connect(ADMIN_DSN)
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = url_of_database(name)
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "doorstep.cli",
            "worker",
            env=service_env(DOORSTEP_DATABASE_URL=url),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
        assert process.returncode != 0
        assert b"doorstep migrate" in stderr
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def test_the_worker_runs_recurring_charge_batches() -> None:
    from doorstep.recurring.jobs import JOB, recurring_charge_batch

    (job,) = [f for f in WorkerSettings.functions if getattr(f, "name", None) == JOB]
    assert job.coroutine is recurring_charge_batch
    # arq keeps a job "in progress" for the longest timeout plus 10 s: a batch of 1,000
    # gateway calls must fit.
    assert job.timeout_s is not None
    assert job.timeout_s >= 1_000
