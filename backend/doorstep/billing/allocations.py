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

from sqlalchemy import String, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.billing.ledger import invoice_amounts
from doorstep.billing.models import Allocation, Invoice, InvoiceStatus
from doorstep.core.errors import Conflict, InvalidInput


class AllocationRefused(Conflict):
    slug = "allocation-refused"
    title = "This allocation is not possible"


@dataclass(frozen=True)
class AllocationRequest:
    invoice_id: uuid.UUID
    amount: int


async def lock_open_invoices(
    session: AsyncSession, lease_id: uuid.UUID, invoice_ids: Sequence[uuid.UUID] | None
) -> list[Invoice]:
    statement = (
        select(Invoice)
        .where(Invoice.lease_id == lease_id, Invoice.status == InvoiceStatus.OPEN)
        .order_by(Invoice.id)
        .with_for_update()
    )
    if invoice_ids is not None:
        statement = statement.where(Invoice.id.in_(invoice_ids))
    return list((await session.scalars(statement)).all())


async def settle_chosen_invoices(
    session: AsyncSession,
    *,
    payment_id: uuid.UUID,
    lease_id: uuid.UUID,
    available: int,
    requests: Sequence[AllocationRequest],
) -> list[Allocation]:
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
    created = []
    for invoice_id, amount in wanted.items():
        if amount > amounts[invoice_id].outstanding:
            raise AllocationRefused(
                f"Invoice {invoices[invoice_id].number} asks for only "
                f"{amounts[invoice_id].outstanding}."
            )
        created.append(Allocation(payment_id=payment_id, invoice_id=invoice_id, amount=amount))
    session.add_all(created)
    await session.flush()
    return created


async def settle_oldest_first(
    session: AsyncSession, *, payment_id: uuid.UUID, lease_id: uuid.UUID, available: int
) -> list[Allocation]:
    """Settle the lease's open invoices in due-date order with up to ``available`` (the
    payment is locked by the caller)."""
    invoices = await lock_open_invoices(session, lease_id, None)
    amounts = await invoice_amounts(session, [i.id for i in invoices])
    created = []
    for invoice in sorted(invoices, key=lambda i: (i.due_date, i.number or 0)):
        if available <= 0:
            break
        portion = min(available, amounts[invoice.id].outstanding)
        if portion > 0:
            created.append(Allocation(payment_id=payment_id, invoice_id=invoice.id, amount=portion))
            available -= portion
    session.add_all(created)
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
