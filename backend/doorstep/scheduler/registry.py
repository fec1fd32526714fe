"""What a tick does: recurring concerns and handlers for due tasks, registered by name."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.core.db import Database
from doorstep.scheduler.models import ScheduledTask

# A concern brings the world up to date for an instant (idempotently) and says how many
# changes it made. It runs in its own transaction.
Concern = Callable[[AsyncSession, datetime], Awaitable[int]]
# A task handler does one claimed task inside the claiming transaction.
TaskHandler = Callable[[AsyncSession, ScheduledTask, datetime], Awaitable[None]]
# A drain hands due items to the outside world (the mail outbox) and commits item by item, so
# a crash never repeats finished deliveries: it gets the database, not one transaction.
# It says how many items it delivered.
Drain = Callable[[Database, datetime], Awaitable[int]]


@dataclass
class TickRegistry:
    concerns: dict[str, Concern] = field(default_factory=dict)
    handlers: dict[str, TaskHandler] = field(default_factory=dict)
    drains: dict[str, Drain] = field(default_factory=dict)

    def concern(self, name: str) -> Callable[[Concern], Concern]:
        def register(function: Concern) -> Concern:
            self.concerns[name] = function
            return function

        return register

    def drain(self, name: str) -> Callable[[Drain], Drain]:
        def register(function: Drain) -> Drain:
            self.drains[name] = function
            return function

        return register

    def handler(self, kind: str) -> Callable[[TaskHandler], TaskHandler]:
        def register(function: TaskHandler) -> TaskHandler:
            self.handlers[kind] = function
            return function

        return register
