"""Allocations: which invoices a payment settles, and taking that back for a refund.

Billing owns them with the ledger that derives what each invoice still asks for from them.
The payment side (``payments.ledger``) locks the payment and says how much of it is left;
these rules then lock the lease's open invoices (in id order, after the payment: the one lock
order every writer uses) and keep an invoice's allocations within what it still asks for.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import String, Uuid, any_, bindparam, cast, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.billing.ledger import invoice_amounts
from doorstep.billing.models import Allocation, Invoice, InvoiceStatus
from doorstep.core.db import fetch_flushed_rows, table_of
from doorstep.core.errors import Conflict, InvalidInput
from doorstep.core.ids import new_id


class AllocationRefused(Conflict):
    slug = "allocation-refused"
    title = "This allocation is not possible"


@dataclass(frozen=True)
class AllocationRequest:
    invoice_id: uuid.UUID
    amount: int


# An allocation just written, with the number of the invoice it settles: what showing the
# payment needs, known without reading it back.
Settled = tuple[Allocation, int | None]


@dataclass(frozen=True)
class OpenInvoice:
    id: uuid.UUID
    number: int | None
    due_date: date


_invoices = table_of(Invoice)
# Built once, read as rows: every payment recorded locks its lease's open invoices.
_OPEN_INVOICES = (
    select(_invoices.c.id, _invoices.c.number, _invoices.c.due_date)
    .where(
        _invoices.c.lease_id == bindparam("lease_id"),
        _invoices.c.status == InvoiceStatus.OPEN.value,
    )
    .order_by(_invoices.c.id)
    .with_for_update()
)
_CHOSEN_OPEN_INVOICES = _OPEN_INVOICES.where(
    _invoices.c.id == any_(bindparam("ids", type_=ARRAY(Uuid())))
)


async def lock_open_invoices(
    session: AsyncSession, lease_id: uuid.UUID, invoice_ids: Sequence[uuid.UUID] | None
) -> list[OpenInvoice]:
    """The lease's open invoices (those of ``invoice_ids`` only, when given), locked in id
    order. The caller's transaction has begun (it has locked the payment first)."""
    if invoice_ids is None:
        rows = await fetch_flushed_rows(session, _OPEN_INVOICES, {"lease_id": lease_id})
    else:
        rows = await fetch_flushed_rows(
            session, _CHOSEN_OPEN_INVOICES, {"lease_id": lease_id, "ids": list(invoice_ids)}
        )
    return [OpenInvoice(row["id"], row["number"], row["due_date"]) for row in rows]


async def settle_chosen_invoices(
    session: AsyncSession,
    *,
    payment_id: uuid.UUID,
    lease_id: uuid.UUID,
    available: int,
    requests: Sequence[AllocationRequest],
) -> list[Settled]:
    """Settle chosen open invoices of the payment's lease, at most ``available`` in all and at
    most what each invoice still asks for (the payment is locked by the caller)."""
    wanted: dict[uuid.UUID, int] = {}
    for request in requests:
        wanted[request.invoice_id] = wanted.get(request.invoice_id, 0) + request.amount
    invoices = {i.id: i for i in await lock_open_invoices(session, lease_id, list(wanted))}
    unknown = set(wanted) - set(invoices)
    if unknown:
        raise InvalidInput("allocations", "Allocate only to open invoices of the payment's lease.")
    if sum(wanted.values()) > available:
        raise AllocationRefused(f"Only {available} of this payment is left to allocate.")
    amounts = await invoice_amounts(session, list(wanted))
    created: list[Settled] = []
    for invoice_id, amount in wanted.items():
        if amount > amounts[invoice_id].outstanding:
            raise AllocationRefused(
                f"Invoice {invoices[invoice_id].number} asks for only "
                f"{amounts[invoice_id].outstanding}."
            )
        created.append(
            (
                Allocation(payment_id=payment_id, invoice_id=invoice_id, amount=amount),
                invoices[invoice_id].number,
            )
        )
    session.add_all(allocation for allocation, _ in created)
    await session.flush()
    return created


async def settle_oldest_first(
    session: AsyncSession, *, payment_id: uuid.UUID, lease_id: uuid.UUID, available: int
) -> list[Settled]:
    """Settle the lease's open invoices in due-date order with up to ``available`` (the
    payment is locked by the caller)."""
    invoices = await lock_open_invoices(session, lease_id, None)
    amounts = await invoice_amounts(session, [i.id for i in invoices])
    created: list[Settled] = []
    for invoice in sorted(invoices, key=lambda i: (i.due_date, i.number or 0)):
        if available <= 0:
            break
        portion = min(available, amounts[invoice.id].outstanding)
        if portion > 0:
            created.append(
                (
                    Allocation(payment_id=payment_id, invoice_id=invoice.id, amount=portion),
                    invoice.number,
                )
            )
            available -= portion
    session.add_all(allocation for allocation, _ in created)
    await session.flush()
    return created


async def take_back_latest(session: AsyncSession, payment_id: uuid.UUID, shortfall: int) -> None:
    """Reverse ``shortfall`` of the payment's allocations, the most recent first, with
    negative rows, so the invoices they settled ask for it again."""
    # UUIDv7 ids sort by creation, also as text: the latest allocation is taken back first.
    latest = func.max(cast(Allocation.id, String))
    net = (
        await session.execute(
            select(Allocation.invoice_id, func.sum(Allocation.amount))
            .where(Allocation.payment_id == payment_id)
            .group_by(Allocation.invoice_id)
            .having(func.sum(Allocation.amount) > 0)
            .order_by(latest.desc())
        )
    ).all()
    for invoice_id, allocated in net:
        if shortfall <= 0:
            break
        back = min(int(allocated), shortfall)
        session.add(Allocation(payment_id=payment_id, invoice_id=invoice_id, amount=-back))
        shortfall -= back
    await session.flush()


@dataclass(frozen=True)
class AllocationMove:
    """Staff moving part of a payment's allocation: ``to_invoice_id`` None sends it back to
    the tenant's unallocated credit."""

    from_invoice_id: uuid.UUID
    to_invoice_id: uuid.UUID | None
    amount: int
    reason: str


async def move_allocation(
    session: AsyncSession,
    *,
    payment_id: uuid.UUID,
    lease_id: uuid.UUID,
    move: AllocationMove,
    moved_by_id: uuid.UUID,
) -> list[Allocation]:
    """Issue 11, "staff can still move an allocation by hand": at most what the payment has
    settled on the source invoice leaves it (a reversal row), and goes to another open invoice
    of the same lease, at most what that one still asks for, or back to credit. The payment's
    total allocated never grows, so it is never over-allocated; the invoices' states follow
    from the ledger. The payment is locked by the caller; the invoices are locked here, in id
    order, after it (the one lock order every writer uses)."""
    if move.to_invoice_id == move.from_invoice_id:
        raise InvalidInput("to_invoice_id", "Choose another invoice than the one the money is on.")
    wanted = sorted(
        {move.from_invoice_id} | ({move.to_invoice_id} if move.to_invoice_id else set())
    )
    locked = {
        invoice.id: invoice
        for invoice in (
            await session.scalars(
                select(Invoice)
                .where(Invoice.id.in_(wanted), Invoice.lease_id == lease_id)
                .order_by(Invoice.id)
                .with_for_update()
            )
        ).all()
    }
    source = locked.get(move.from_invoice_id)
    on_source = 0
    if source is not None:
        on_source = int(
            await session.scalar(
                select(func.coalesce(func.sum(Allocation.amount), 0)).where(
                    Allocation.payment_id == payment_id,
                    Allocation.invoice_id == source.id,
                )
            )
            or 0
        )
    if source is None or on_source <= 0:
        raise InvalidInput("from_invoice_id", "This payment has settled nothing on that invoice.")
    if move.amount > on_source:
        raise AllocationRefused(
            f"This payment settled only {on_source} on invoice {source.number}: "
            "no more can be moved from it."
        )
    move_id = new_id()
    rows = [
        Allocation(
            payment_id=payment_id,
            invoice_id=source.id,
            amount=-move.amount,
            move_id=move_id,
            moved_by_id=moved_by_id,
            move_reason=move.reason,
        )
    ]
    if move.to_invoice_id is not None:
        target = locked.get(move.to_invoice_id)
        if target is None or target.status is not InvoiceStatus.OPEN:
            raise InvalidInput(
                "to_invoice_id", "Move money only to an open invoice of the payment's lease."
            )
        outstanding = (await invoice_amounts(session, [target.id]))[target.id].outstanding
        if move.amount > outstanding:
            raise AllocationRefused(
                f"Invoice {target.number} asks for only {outstanding}: "
                "moving more would pay it twice."
            )
        rows.append(
            Allocation(
                payment_id=payment_id,
                invoice_id=target.id,
                amount=move.amount,
                move_id=move_id,
                moved_by_id=moved_by_id,
                move_reason=move.reason,
            )
        )
    session.add_all(rows)
    await session.flush()
    return rows
