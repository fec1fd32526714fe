"""What staff read about the tick."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from doorstep.scheduler.health import SchedulerStatus


class FailingWorkOut(BaseModel):
    name: str = Field(
        description="The time-driven work that fails, e.g. `billing.generate_rent_invoices`."
    )
    consecutive_ticks: int = Field(description="How many ticks in a row it has failed.")
    since: datetime = Field(description="The instant of the first tick of those failures.")


class SchedulerHealthOut(BaseModel):
    status: SchedulerStatus = Field(
        description="`ok`; `failing`: the same work failed in each of the last 3 ticks, or "
        "none of them finished cleanly; `stalled`: the last 3 ticks never finished."
    )
    last_tick_at: datetime | None
    last_clean_tick_at: datetime | None
    failing: list[FailingWorkOut]
