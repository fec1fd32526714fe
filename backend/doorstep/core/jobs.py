"""Worker jobs enqueued after the transaction that asked for them has committed.

A service that wants a job run (send this e-mail now) calls :func:`enqueue_after_commit` with
its session. Nothing reaches Redis then: the job waits in ``session.info`` until the session's
transaction commits, and is dropped if it (or the savepoint it was asked in) rolls back. The
owner of the transaction sends the committed jobs once the commit has returned
(:func:`send_committed_jobs`; ``core.deps.get_session`` does it for requests and
``Database.transaction()`` for everything else: a request's side steps, ticks, jobs, the
command line), so a job never runs before its data exists and a rolled-back request leaves
nothing behind.

Jobs must be idempotent with a deterministic id: arq refuses a second job with an id it still
knows, and a job that does run twice finds its work done under a row lock. Losing a job (Redis
down at the wrong moment) must cost only time: whatever a job does is also picked up by the
scheduler's tick.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import structlog
from arq.connections import ArqRedis
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

if TYPE_CHECKING:
    from doorstep.core.db import Database

log = structlog.get_logger(__name__)

_PENDING = "doorstep.jobs.pending"  # asked for in the open transaction: (transaction, job)
_COMMITTED = "doorstep.jobs.committed"  # their transaction committed: ready to send
_LISTENING = "doorstep.jobs.listening"


@dataclass(frozen=True)
class DeferredJob:
    function: str
    job_id: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    defer_by: timedelta | None = None


def enqueue_after_commit(
    session: AsyncSession,
    function: str,
    *,
    job_id: str,
    defer_by: timedelta | None = None,
    **kwargs: Any,
) -> None:
    """Ask for ``function(**kwargs)`` to run on the worker once this transaction commits
    (``defer_by`` later when given: a retry at the moment it falls due).

    ``job_id`` must be deterministic (derived from the data the job works on): asking twice,
    or retrying a request, then enqueues the job once.
    """
    sync_session = session.sync_session
    _listen(sync_session)
    transaction = sync_session.get_nested_transaction() or sync_session.get_transaction()
    if transaction is None:  # no transaction yet: the next statement would begin one
        transaction = sync_session.begin()
    pending: list[tuple[SessionTransaction, DeferredJob]] = sync_session.info.setdefault(
        _PENDING, []
    )
    pending.append((transaction, DeferredJob(function, job_id, dict(kwargs), defer_by)))


def committed_jobs(session: AsyncSession) -> list[DeferredJob]:
    """The jobs whose transaction has committed and that have not been sent yet."""
    return list(session.sync_session.info.get(_COMMITTED, []))


def pending_jobs(session: AsyncSession) -> list[DeferredJob]:
    """The jobs waiting for their transaction to commit."""
    return [job for _, job in session.sync_session.info.get(_PENDING, [])]


async def send_committed_jobs(session: AsyncSession, queue: ArqRedis | None) -> int:
    """Enqueue the jobs of committed transactions; returns how many arq accepted.

    Never raises: the transaction has committed, so the caller's work is done whatever Redis
    says. A job that cannot be enqueued is logged; the tick does its work a little later.
    """
    jobs: list[DeferredJob] = session.sync_session.info.pop(_COMMITTED, [])
    if not jobs:
        return 0
    if queue is None:
        log.info("jobs_not_enqueued", reason="no job queue", count=len(jobs))
        return 0
    accepted = 0
    for job in jobs:
        try:
            enqueued = await queue.enqueue_job(
                job.function, _job_id=job.job_id, _defer_by=job.defer_by, **job.kwargs
            )
        except Exception as exc:  # Redis unreachable: the tick catches up
            log.warning(
                "job_enqueue_failed", function=job.function, job_id=job.job_id, error=repr(exc)
            )
            continue
        accepted += enqueued is not None
    return accepted


@asynccontextmanager
async def job_transaction(
    database: Database, queue: ArqRedis | None
) -> AsyncIterator[AsyncSession]:
    """A transaction of ``database`` whose jobs go to ``queue`` once it has committed."""
    async with database.sessionmaker() as session:
        async with session.begin():
            yield session
        await send_committed_jobs(session, queue)


def _listen(sync_session: Session) -> None:
    if sync_session.info.get(_LISTENING):
        return
    sync_session.info[_LISTENING] = True
    event.listen(sync_session, "after_commit", _after_commit)
    event.listen(sync_session, "after_soft_rollback", _after_soft_rollback)


def _after_commit(sync_session: Session) -> None:
    # Also fired when a savepoint is released: its jobs then wait for the enclosing
    # transaction (they stay linked to the savepoint, whose parents decide their fate).
    if sync_session.get_nested_transaction() is not None:
        return
    pending: list[tuple[SessionTransaction, DeferredJob]] = sync_session.info.pop(_PENDING, [])
    sync_session.info.setdefault(_COMMITTED, []).extend(job for _, job in pending)


def _after_soft_rollback(sync_session: Session, previous: SessionTransaction) -> None:
    # A savepoint rolling back drops the jobs asked for inside it; the outermost transaction
    # rolling back drops them all.
    pending: list[tuple[SessionTransaction, DeferredJob]] = sync_session.info.get(_PENDING, [])
    sync_session.info[_PENDING] = [
        (transaction, job) for transaction, job in pending if not _within(transaction, previous)
    ]


def _within(transaction: SessionTransaction | None, ancestor: SessionTransaction) -> bool:
    while transaction is not None:
        if transaction is ancestor:
            return True
        transaction = transaction.parent
    return False
