"""A lifecycle as a table: (state, event) -> next state. What the table does not list is
refused with a domain error, so no code path can put a record in a state the rules do not
allow — a reader checks the rules by reading the table, not by finding every assignment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from doorstep.core.errors import Conflict


class TransitionRefused(Conflict):
    """The record's state does not allow what was asked (409, the ``conflict`` problem type
    that state checks have always answered with)."""


S = TypeVar("S", bound=StrEnum)
E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class Lifecycle(Generic[S, E]):
    """``starts``: the events that create a record, and the state it is created in;
    ``moves``: every allowed transition. Events are what happened (the gateway said the money
    arrived), not what to set."""

    noun: str
    starts: Mapping[E, S]
    moves: Mapping[tuple[S, E], S]

    def start(self, event: E) -> S:
        """The state a record created by ``event`` begins in."""
        try:
            return self.starts[event]
        except KeyError:
            raise TransitionRefused(f"A {self.noun} is not created by {event.value}.") from None

    def allows(self, state: S, event: E) -> bool:
        return (state, event) in self.moves

    def next(self, state: S, event: E) -> S:
        """The state after ``event``; refused (409) when the table has no such transition."""
        try:
            return self.moves[(state, event)]
        except KeyError:
            raise TransitionRefused(f"This {self.noun} is already {state.value}.") from None

    def require(self, state: S, event: E) -> None:
        """Refuse (409) now what ``event`` could not do, before any other work."""
        self.next(state, event)

    def states(self) -> frozenset[S]:
        return frozenset({*self.starts.values(), *(s for s, _ in self.moves), *self.moves.values()})

    def final(self) -> frozenset[S]:
        """States no event leaves."""
        return self.states() - {state for state, _ in self.moves}
