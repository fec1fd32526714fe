"""What collections leaves to the tenants' recurring payments: an overdue invoice that a
recurring charge is still to take is not chased (seed 003 lets the charge come after the due
date, and a manual payment meanwhile would only make it skip the invoice).

The recurring package knows when its charges fall, and it builds on collections (the bank
details its e-mails give); collections cannot import it back, so recurring hands its answers
in here when it is loaded (``doorstep.recurring.views``)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, ScalarSelect
from sqlalchemy.ext.asyncio import AsyncSession


@dataclass(frozen=True)
class ChargesAhead:
    # Of these invoices, those a recurring charge is still to take, with its day.
    invoices_left: Callable[
        [AsyncSession, uuid.UUID, Sequence[uuid.UUID], date], Awaitable[dict[uuid.UUID, date]]
    ]
    # In SQL, for a report's lease column: the first day a recurring charge takes one of the
    # lease's open invoices due before a day (null when none will).
    first_charge_day: Callable[
        [uuid.UUID, ColumnElement[uuid.UUID], date, date], ScalarSelect[date]
    ]


_registered: list[ChargesAhead] = []


def register(charges: ChargesAhead) -> None:
    _registered[:] = [charges]


def charges_ahead() -> ChargesAhead:
    if not _registered:
        # Chasing an invoice a charge is about to take would ask the tenant to pay twice:
        # never answer as if there were none.
        raise RuntimeError("doorstep.recurring.views is not loaded: charges ahead are unknown")
    return _registered[0]
