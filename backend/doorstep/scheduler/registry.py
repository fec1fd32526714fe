"""What a tick does: recurring concerns, drains and handlers for due tasks, registered by name.

Work that is done for each agency is declared per agency: the tick then runs it once per
agency in a transaction of its own, so one agency's failure (bad data, a bug its data
triggers) neither rolls back nor stops the others'.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.core.db import Database
from doorstep.scheduler.models import ScheduledTask

# A concern brings the world up to date for an instant (idempotently) and says how many
# changes it made. It runs in its own transaction.
Concern = Callable[[AsyncSession, datetime], Awaitable[int]]
# The same for one agency's part of the world, in a transaction of its own per agency.
AgencyConcern = Callable[[AsyncSession, uuid.UUID, datetime], Awaitable[int]]
# A task handler does one claimed task inside the claiming transaction.
TaskHandler = Callable[[AsyncSession, ScheduledTask, datetime], Awaitable[None]]
# A drain hands due items to the outside world (the mail outbox) and commits item by item, so
# a crash never repeats finished deliveries: it gets the database, not one transaction.
# It says how many items it delivered.
Drain = Callable[[Database, datetime], Awaitable[int]]
# The same for one agency's items.
AgencyDrain = Callable[[Database, uuid.UUID, datetime], Awaitable[int]]
# The agencies that may have work for a per-agency concern or drain at an instant; without
# one, every agency is visited.
AgencySelector = Callable[[AsyncSession, datetime], Awaitable[Sequence[uuid.UUID]]]

Work = TypeVar("Work", AgencyConcern, AgencyDrain)


@dataclass(frozen=True)
class PerAgency(Generic[Work]):
    """Work the tick runs once per agency (those ``agencies`` names, or all of them)."""

    function: Work
    agencies: AgencySelector | None = None


@dataclass
class TickRegistry:
    concerns: dict[str, Concern | PerAgency[AgencyConcern]] = field(default_factory=dict)
    handlers: dict[str, TaskHandler] = field(default_factory=dict)
    drains: dict[str, Drain | PerAgency[AgencyDrain]] = field(default_factory=dict)

    def concern(self, name: str) -> Callable[[Concern], Concern]:
        def register(function: Concern) -> Concern:
            self.concerns[name] = function
            return function

        return register

    def agency_concern(
        self, name: str, *, agencies: AgencySelector | None = None
    ) -> Callable[[AgencyConcern], AgencyConcern]:
        def register(function: AgencyConcern) -> AgencyConcern:
            self.concerns[name] = PerAgency(function, agencies)
            return function

        return register

    def drain(self, name: str) -> Callable[[Drain], Drain]:
        def register(function: Drain) -> Drain:
            self.drains[name] = function
            return function

        return register

    def agency_drain(
        self, name: str, *, agencies: AgencySelector | None = None
    ) -> Callable[[AgencyDrain], AgencyDrain]:
        def register(function: AgencyDrain) -> AgencyDrain:
            self.drains[name] = PerAgency(function, agencies)
            return function

        return register

    def handler(self, kind: str) -> Callable[[TaskHandler], TaskHandler]:
        def register(function: TaskHandler) -> TaskHandler:
            self.handlers[kind] = function
            return function

        return register
