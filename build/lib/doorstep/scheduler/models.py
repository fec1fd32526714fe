"""Due work for the scheduler's tick, and a record of each tick."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin
from doorstep.core.types import enum_column


class TaskStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


class ScheduledTask(IdMixin, CreatedAtMixin, Base):
    """A unit of work that falls due at an instant (a reminder, a charge, an expiry).

    ``dedupe_key`` makes scheduling idempotent: scheduling the same work twice is a no-op.
    A tick claims due rows with ``FOR UPDATE SKIP LOCKED``, so concurrent ticks share the work
    and never do one task twice.
    """

    __tablename__ = "scheduled_tasks"
    __table_args__ = (
        Index(
            "ix_scheduled_tasks_due",
            "due_at",
            postgresql_where=text("status = 'pending'"),
        ),
    )

    agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    kind: Mapped[str] = mapped_column(String(64))
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    due_at: Mapped[datetime]
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    status: Mapped[TaskStatus] = mapped_column(
        enum_column(TaskStatus, "task_status"), server_default=TaskStatus.PENDING.value
    )
    attempts: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    last_error: Mapped[str | None] = mapped_column(String(2000))
    completed_at: Mapped[datetime | None]


class TickRun(IdMixin, CreatedAtMixin, Base):
    """One run of the scheduler's cycle for an instant: when, and what it did."""

    __tablename__ = "tick_runs"

    instant: Mapped[datetime] = mapped_column(index=True)
    finished_at: Mapped[datetime | None]
    tasks_done: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    tasks_failed: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    summary: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
