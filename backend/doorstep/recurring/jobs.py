"""Recurring charges as arq jobs: the worker's tick enqueues batches, the worker runs them.

The tick's drain (``scheduler.concerns``) lists an agency's charges with work at its instant
(``charging.due_charge_ids``) and enqueues one job per batch of at most ``charging.BATCH``
(1,000) ids: ``ceil(n / 1000)`` jobs per agency and tick. A job's id is derived from the agency,
the tick's instant and the batch's position, so a tick run twice for the same instant (two
workers, a replay) enqueues each batch once while it is queued, running or its result kept.

Redis is only a queue: the database says what is done. A job run twice, a worker killed
mid-batch or a flushed Redis database cost at most a re-run: each charge is claimed under its
row lock and taken only while it still has work, with its own gateway idempotency key; the
next tick enqueues whatever is still due or unfinished (a charge a dead worker left
*charging* once its claim has expired, ``charging.CLAIM_TTL``).

Whether the tick enqueues or runs the batches itself is the caller's choice, made with
:func:`charges_enqueued_to`: the worker's tick enqueues; ``doorstep tick`` (and the scenario
tests) run them in the same process unless asked to enqueue (``--enqueue-charges``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import TYPE_CHECKING, Any

import structlog

from doorstep.core.db import Database
from doorstep.core.settings import get_settings
from doorstep.recurring.charging import batches, due_charge_ids, run_batch
from doorstep.recurring.common import RecurringConfig
from doorstep.recurring.payments_port import GatewayConfig, StripeGateway

if TYPE_CHECKING:
    from arq.connections import ArqRedis

log = structlog.get_logger(__name__)

JOB = "recurring_charge_batch"
# A batch makes up to 1,000 gateway calls one after the other.
JOB_TIMEOUT_SECONDS = 1_800

_queue: ContextVar[ArqRedis | None] = ContextVar("recurring_charge_queue", default=None)


@contextmanager
def charges_enqueued_to(queue: ArqRedis | None) -> Iterator[None]:
    """Within this block, ticks enqueue charge batches to ``queue`` (None: run them here)."""
    token = _queue.set(queue)
    try:
        yield
    finally:
        _queue.reset(token)


def charge_queue() -> ArqRedis | None:
    return _queue.get()


def batch_job_id(agency_id: uuid.UUID, now: datetime, index: int) -> str:
    return f"recurring-charge:{agency_id}:{now.isoformat()}:{index}"


async def enqueue_charge_batches(
    database: Database, queue: ArqRedis, agency_id: uuid.UUID, now: datetime
) -> int:
    """Enqueue one job per batch of the agency's charges with work at ``now``; returns how
    many jobs arq accepted (0 for a batch already enqueued by this instant's tick)."""
    async with database.transaction() as session:
        charge_ids = await due_charge_ids(session, agency_id, now)
    enqueued = 0
    for index, batch in enumerate(batches(charge_ids)):
        job = await queue.enqueue_job(
            JOB,
            str(agency_id),
            [str(charge_id) for charge_id in batch],
            now.isoformat(),
            _job_id=batch_job_id(agency_id, now, index),
        )
        enqueued += job is not None
    if charge_ids:
        log.info(
            "recurring_charge_batches_enqueued",
            agency_id=str(agency_id),
            charges=len(charge_ids),
            jobs=enqueued,
        )
    return enqueued


async def recurring_charge_batch(
    ctx: dict[str, Any], agency_id: str, charge_ids: list[str], at: str
) -> int:
    """The arq job: one batch of one agency's charges, at the instant of the tick that
    enqueued it. Returns how many charges it moved."""
    settings = ctx.get("settings") or get_settings()
    config = GatewayConfig.from_settings(settings)
    if config is None:
        log.warning("recurring_charge_batch_without_gateway", agency_id=agency_id)
        return 0
    gateway = StripeGateway(config)
    try:
        return await run_batch(
            ctx["db"],
            gateway,
            uuid.UUID(agency_id),
            [uuid.UUID(charge_id) for charge_id in charge_ids],
            datetime.fromisoformat(at),
            RecurringConfig.from_settings(settings),
        )
    finally:
        await gateway.close()
