"""Whether the time-driven work runs, for staff (the agency app shows it as a banner)."""

from __future__ import annotations

from fastapi import APIRouter

from doorstep.auth.dependencies import StaffDep
from doorstep.core.deps import SessionDep
from doorstep.core.errors import problem_responses
from doorstep.scheduler.health import scheduler_health
from doorstep.scheduler.schemas import FailingWorkOut, SchedulerHealthOut

router = APIRouter(prefix="/scheduler", tags=["scheduler"], responses=problem_responses(401))


@router.get("/health")
async def read_scheduler_health(principal: StaffDep, session: SessionDep) -> SchedulerHealthOut:
    """Whether rent invoices, lease ends, e-mail, card checks and refunds run: the work that
    has failed tick after tick, for this agency (a failure of another agency's part of the
    work is not shown), or ticks that stop part-way."""
    health = await scheduler_health(session, agency_id=principal.agency_id)
    return SchedulerHealthOut(
        status=health.status,
        last_tick_at=health.last_tick_at,
        last_clean_tick_at=health.last_clean_tick_at,
        failing=[
            FailingWorkOut(
                name=work.name, consecutive_ticks=work.consecutive_ticks, since=work.since
            )
            for work in health.failing
        ],
    )
