"""The only source of "now" for business rules.

Business code receives a :class:`Clock` and never calls ``datetime.now()`` itself, so the
scheduler can run any instant (``doorstep tick --at``) and tests can walk simulated weeks.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock stopped at one instant; ``advance_to`` moves it (scenario tests, replays)."""

    def __init__(self, instant: datetime) -> None:
        self._instant = ensure_aware(instant)

    def now(self) -> datetime:
        return self._instant

    def advance_to(self, instant: datetime) -> None:
        self._instant = ensure_aware(instant)


def ensure_aware(instant: datetime) -> datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("instants must carry a timezone")
    return instant.astimezone(UTC)


def local_date(instant: datetime, timezone: str) -> date:
    """The calendar date at ``instant`` in an agency's timezone (due dates are local dates)."""
    return instant.astimezone(ZoneInfo(timezone)).date()
