"""Whether the tick is doing its work, read from the records of the last ticks.

A tick never stops for one failure (see ``service.tick``), so a failure that repeats — the
same work failing tick after tick, no tick finishing cleanly, ticks that start and never
finish — would go unnoticed but for the logs. This reads it back for the people it affects:
counted in ticks, not minutes, so it means the same for the worker's minute ticks and for
``doorstep tick --at`` replays, and it needs no clock.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.scheduler.models import TickRun

# The same work failing in this many finished ticks in a row (or no clean tick among this
# many) is a fault to show; a failure or two is a passing outage the next ticks retry.
FAILING_AFTER = 3
# This many ticks started since the last one that finished: ticks die or hang part-way.
STALLED_AFTER = 3
RECENT_TICKS = 10

# Newest first: ids are UUIDv7, ordered as the ticks started (whatever instant they ran for).
_RECENT = (
    select(TickRun.instant, TickRun.finished_at, TickRun.summary["failures"])
    .order_by(TickRun.id.desc())
    .limit(RECENT_TICKS)
)


class SchedulerStatus(StrEnum):
    OK = "ok"
    FAILING = "failing"
    STALLED = "stalled"


@dataclass(frozen=True)
class FailingWork:
    name: str  # the concern or drain, e.g. "billing.generate_rent_invoices"
    consecutive_ticks: int
    since: datetime  # the instant of the first tick of this run of failures


@dataclass(frozen=True)
class SchedulerHealth:
    status: SchedulerStatus
    last_tick_at: datetime | None  # the instant of the newest finished tick
    last_clean_tick_at: datetime | None  # ... of the newest one where nothing failed
    failing: list[FailingWork]


def _failed_names(failures: Any, agency_id: uuid.UUID | None) -> frozenset[str]:
    """What failed in one tick that concerns this agency (or anyone, without one): work that
    failed as a whole, or this agency's part of it. Other agencies' parts are not theirs to
    see."""
    if not isinstance(failures, dict):
        return frozenset()
    names = set()
    for name, failure in failures.items():
        agencies = failure.get("agencies") or {}
        if failure.get("error") or (str(agency_id) in agencies if agency_id else agencies):
            names.add(name)
    return frozenset(names)


async def scheduler_health(
    session: AsyncSession, *, agency_id: uuid.UUID | None = None
) -> SchedulerHealth:
    rows = (await session.execute(_RECENT)).all()
    unfinished = 0
    for _, finished_at, _ in rows:
        if finished_at is not None:
            break
        unfinished += 1
    finished = [
        (instant, _failed_names(failures, agency_id))
        for instant, finished_at, failures in rows
        if finished_at is not None
    ]
    failing = []
    if finished:
        for name in sorted(finished[0][1]):
            streak = 0
            while streak < len(finished) and name in finished[streak][1]:
                streak += 1
            failing.append(FailingWork(name, streak, finished[streak - 1][0]))
    recent = finished[:FAILING_AFTER]
    if unfinished >= STALLED_AFTER:
        status = SchedulerStatus.STALLED
    elif any(work.consecutive_ticks >= FAILING_AFTER for work in failing) or (
        len(recent) == FAILING_AFTER and all(names for _, names in recent)
    ):
        status = SchedulerStatus.FAILING
    else:
        status = SchedulerStatus.OK
    return SchedulerHealth(
        status=status,
        last_tick_at=finished[0][0] if finished else None,
        last_clean_tick_at=next((instant for instant, names in finished if not names), None),
        failing=failing,
    )
