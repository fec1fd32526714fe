"""Jobs are enqueued after the commit, never before, and dropped on rollback (core.jobs) —
shown with the outbox's delivery job, a real arq worker in burst mode and real Redis."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from arq.connections import ArqRedis
from arq.jobs import Job
from redis.asyncio import Redis
from sqlalchemy import func as sql_func
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from doorstep.agencies.models import Agency
from doorstep.app import create_app
from doorstep.core.clock import FixedClock, SystemClock
from doorstep.core.db import Database
from doorstep.core.deps import FUNCTION_EXIT_STACK, SessionDep, get_session
from doorstep.core.jobs import (
    committed_jobs,
    enqueue_after_commit,
    job_transaction,
    pending_jobs,
    send_committed_jobs,
)
from doorstep.notifications.models import OutboxMessage, OutboxStatus
from doorstep.notifications.service import (
    DELIVER_DUE_JOB,
    DELIVER_JOB,
    delivery_job_id,
    queue_email,
    retry_job_id,
)
from doorstep.notifications.smtp import Mailer
from doorstep.notifications.tasks import deliver_due_email, deliver_email
from doorstep.worker import WorkerSettings
from tests.conftest import NOW, settings_for_tests
from tests.notifications.conftest import MAIL_FROM, Sink, free_port, run_worker, start_sink


async def _job_exists(redis: Redis, job_id: str) -> bool:
    return bool(await redis.exists(f"arq:job:{job_id}"))


async def _queued(session: AsyncSession, agency: Agency, **extra: Any) -> uuid.UUID:
    message = await queue_email(
        session,
        agency_id=agency.id,
        to="tara@example.com",
        subject="Hello",
        text="Body",
        kind="test",
        **extra,
    )
    return message.id


async def _outbox_size(database: Database) -> int:
    async with database.transaction() as session:
        return int(await session.scalar(select(sql_func.count(OutboxMessage.id))) or 0)


async def test_a_committed_message_is_sent_by_the_job_enqueued_after_commit(
    committed_database: Database, agency: Agency, job_queue: ArqRedis, smtp_sink: Sink
) -> None:
    async with job_transaction(committed_database, job_queue) as session:
        message_id = await _queued(session, agency)
        # Inside the transaction nothing has reached Redis.
        assert not await _job_exists(job_queue, delivery_job_id(message_id))
        assert [job.job_id for job in pending_jobs(session)] == [delivery_job_id(message_id)]
    assert await _job_exists(job_queue, delivery_job_id(message_id))

    worker = await run_worker(smtp_sink)

    assert (worker.jobs_complete, worker.jobs_failed) == (1, 0)
    (stored,) = smtp_sink.messages()
    assert stored.message["Message-ID"] == f"<{message_id}@doorstep.test>"
    async with committed_database.transaction() as session:
        sent = await session.get_one(OutboxMessage, message_id)
    assert (sent.status, sent.attempts) == (OutboxStatus.SENT, 1)


async def test_every_database_transaction_enqueues_its_jobs_once_it_has_committed(
    committed_database: Database, agency: Agency, job_queue: ArqRedis, smtp_sink: Sink
) -> None:
    # What a request's side steps (card payments), the tick, jobs and the command line use.
    database = Database(committed_database.engine, job_queue=job_queue)
    async with database.transaction() as session:
        message_id = await _queued(session, agency)
        assert not await _job_exists(job_queue, delivery_job_id(message_id))
    assert await _job_exists(job_queue, delivery_job_id(message_id))

    dropped: list[uuid.UUID] = []

    async def rolled_back() -> None:
        async with database.transaction() as session:
            dropped.append(await _queued(session, agency, dedupe_key="never-committed"))
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError, match="rolled back"):
        await rolled_back()
    assert not await _job_exists(job_queue, delivery_job_id(dropped[0]))

    worker = await run_worker(smtp_sink)
    assert (worker.jobs_complete, worker.jobs_failed) == (1, 0)
    assert len(smtp_sink.messages()) == 1


async def test_a_message_the_server_was_down_for_goes_out_the_moment_its_retry_is_due(
    committed_database: Database, agency: Agency, job_queue: ArqRedis, tmp_path: Path
) -> None:
    database = Database(committed_database.engine, job_queue=job_queue)
    async with database.transaction() as session:
        message_id = await _queued(session, agency)
    port = free_port()  # nothing listens there yet: the server is down
    down = {
        "db": database,
        "mailer": Mailer(f"smtp://127.0.0.1:{port}", mail_from=MAIL_FROM, timeout=5),
        "clock": FixedClock(NOW),
    }

    assert await deliver_email(down, message_id=str(message_id)) is False

    due = NOW + timedelta(minutes=1)
    async with database.transaction() as session:
        waiting = await session.get_one(OutboxMessage, message_id)
    assert (waiting.status, waiting.attempts, waiting.next_attempt_at) == (
        OutboxStatus.QUEUED,
        1,
        due,
    )
    # The failed attempt asked for a delivery run at the very moment the retry falls due,
    # not at the tick's next minute.
    retry = await Job(retry_job_id(due), job_queue).info()
    assert retry is not None
    assert retry.function == DELIVER_DUE_JOB
    assert retry.score is not None
    assert retry.score - round(retry.enqueue_time.timestamp() * 1000) == 60_000
    assert any(f.__name__ == DELIVER_DUE_JOB for f in WorkerSettings.functions)

    controller, sink = start_sink(tmp_path / "mailbox", port=port)  # the server is back
    try:
        up = down | {"mailer": Mailer(sink.url, mail_from=MAIL_FROM), "clock": FixedClock(due)}
        assert await deliver_due_email(up, **retry.kwargs) == 1
    finally:
        controller.stop()
    (stored,) = sink.messages()
    assert stored.message["Message-ID"] == f"<{message_id}@doorstep.test>"


async def test_a_message_sent_at_the_first_attempt_asks_for_no_retry(
    committed_database: Database, agency: Agency, job_queue: ArqRedis, smtp_sink: Sink
) -> None:
    database = Database(committed_database.engine, job_queue=job_queue)
    async with database.transaction() as session:
        message_id = await _queued(session, agency)
    ctx = {
        "db": database,
        "mailer": Mailer(smtp_sink.url, mail_from=MAIL_FROM),
        "clock": FixedClock(NOW),
    }

    assert await deliver_email(ctx, message_id=str(message_id)) is True
    assert await job_queue.keys("arq:job:deliver-due-email:*") == []


async def test_the_delivery_job_is_idempotent(
    committed_database: Database, agency: Agency, job_queue: ArqRedis, smtp_sink: Sink
) -> None:
    async with job_transaction(committed_database, job_queue) as session:
        message_id = await _queued(session, agency)
    ctx = {
        "db": committed_database,
        "mailer": Mailer(smtp_sink.url, mail_from=MAIL_FROM),
        "clock": SystemClock(),
    }
    assert await deliver_email(ctx, message_id=str(message_id)) is True
    assert await deliver_email(ctx, message_id=str(message_id)) is False  # already sent
    # arq refuses a second job with the same id while it knows the first.
    assert await job_queue.enqueue_job(DELIVER_JOB, _job_id=delivery_job_id(message_id)) is None
    assert len(smtp_sink.messages()) == 1


async def test_a_rolled_back_transaction_queues_nothing_and_enqueues_no_job(
    committed_database: Database, agency: Agency, job_queue: ArqRedis
) -> None:
    seen: dict[str, Any] = {}

    async def business_operation() -> None:
        async with job_transaction(committed_database, job_queue) as session:
            seen["session"] = session
            seen["message_id"] = await _queued(session, agency, dedupe_key="rolled-back")
            raise RuntimeError("business rule broken")

    with pytest.raises(RuntimeError, match="business rule broken"):
        await business_operation()
    assert await _outbox_size(committed_database) == 0
    assert not await _job_exists(job_queue, delivery_job_id(seen["message_id"]))
    assert await job_queue.zcard("arq:queue") == 0
    assert committed_jobs(seen["session"]) == []
    assert pending_jobs(seen["session"]) == []


async def test_a_rolled_back_savepoint_drops_only_its_own_jobs(
    committed_database: Database, job_queue: ArqRedis
) -> None:
    async def failing_savepoint(session: AsyncSession) -> None:
        async with session.begin_nested():
            enqueue_after_commit(session, "probe", job_id="inner-rolled-back")
            raise RuntimeError("savepoint rolled back")

    async with job_transaction(committed_database, job_queue) as session:
        enqueue_after_commit(session, "probe", job_id="outer")
        with pytest.raises(RuntimeError, match="savepoint rolled back"):
            await failing_savepoint(session)
        async with session.begin_nested():
            enqueue_after_commit(session, "probe", job_id="inner-released")
        # A released savepoint is not a commit: still nothing in Redis.
        assert [job.job_id for job in pending_jobs(session)] == ["outer", "inner-released"]
        assert committed_jobs(session) == []
    assert await _job_exists(job_queue, "outer")
    assert await _job_exists(job_queue, "inner-released")
    assert not await _job_exists(job_queue, "inner-rolled-back")


async def test_the_request_session_enqueues_after_commit_and_drops_on_error(
    committed_database: Database, agency: Agency, job_queue: ArqRedis
) -> None:
    # The dependency as FastAPI drives it (its ``scope="function"`` exit stack ends the
    # session once the handler has returned or raised), around a handler that fails and one
    # that does not.
    state = SimpleNamespace(db=committed_database, job_queue=job_queue)

    @asynccontextmanager
    async def request_session(request: Any) -> AsyncIterator[AsyncSession]:
        async with AsyncExitStack() as stack:
            request.scope[FUNCTION_EXIT_STACK] = stack
            yield await get_session(request)

    def new_request() -> Any:
        return SimpleNamespace(app=SimpleNamespace(state=state), scope={})

    queued: list[uuid.UUID] = []

    async def failing_handler() -> None:
        async with request_session(new_request()) as session:
            queued.append(await _queued(session, agency))
            raise ValueError("handler failed")

    with pytest.raises(ValueError, match="handler failed"):
        await failing_handler()
    assert not await _job_exists(job_queue, delivery_job_id(queued[0]))

    async with request_session(new_request()) as session:
        ok_id = await _queued(session, agency)
        assert not await _job_exists(job_queue, delivery_job_id(ok_id))
    assert await _job_exists(job_queue, delivery_job_id(ok_id))
    assert await _outbox_size(committed_database) == 1


@pytest.fixture
async def probe_table(engine: AsyncEngine) -> AsyncIterator[None]:
    async with engine.begin() as connection:
        await connection.execute(text("DROP TABLE IF EXISTS outbox_commit_probe"))
        await connection.execute(
            text(
                "CREATE TABLE outbox_commit_probe (value int, CONSTRAINT outbox_commit_probe_u "
                "UNIQUE (value) DEFERRABLE INITIALLY DEFERRED)"
            )
        )
    yield
    async with engine.begin() as connection:
        await connection.execute(text("DROP TABLE outbox_commit_probe"))


async def test_a_commit_that_fails_sends_no_mail_and_enqueues_no_job(
    committed_database: Database, agency: Agency, redis: Redis, probe_table: None
) -> None:
    app = create_app(settings_for_tests(), database=committed_database, redis=redis)

    @app.post("/probe")
    async def probe(session: SessionDep) -> dict[str, str]:
        await _queued(session, agency, dedupe_key="doomed")
        # Checked only at COMMIT, after the handler returned.
        await session.execute(text("INSERT INTO outbox_commit_probe VALUES (1), (1)"))
        return {"status": "looks fine"}

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.post("/probe")
    await app.state.claims_db.dispose()

    assert response.status_code == 409
    assert await _outbox_size(committed_database) == 0
    assert await redis.zcard("arq:queue") == 0


async def test_redis_down_after_commit_loses_no_mail(
    committed_database: Database, agency: Agency
) -> None:
    unreachable = ArqRedis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.5)
    async with job_transaction(committed_database, unreachable) as session:
        message_id = await _queued(session, agency)
    await unreachable.aclose()
    # The commit stands and the message waits for the tick.
    async with committed_database.transaction() as session:
        message = await session.get_one(OutboxMessage, message_id)
    assert message.status is OutboxStatus.QUEUED
    assert await send_committed_jobs(session, None) == 0
