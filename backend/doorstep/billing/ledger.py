"""What each invoice asks for, what reduced it and what settled it — derived from lines,
applied credit notes and allocations, never stored."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, SQLColumnExpression, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import Label

from doorstep.billing.models import CreditNote, CreditNoteStatus, Invoice, InvoiceLine
from doorstep.payments.models import Allocation


@dataclass(frozen=True)
class InvoiceAmounts:
    total: int
    credited: int
    paid: int

    @property
    def outstanding(self) -> int:
        return self.total - self.credited - self.paid


ZERO = InvoiceAmounts(0, 0, 0)


def total_of(invoice_id: SQLColumnExpression[uuid.UUID]) -> Label[int]:
    return (
        select(func.coalesce(func.sum(InvoiceLine.amount), 0))
        .where(InvoiceLine.invoice_id == invoice_id)
        .scalar_subquery()
        .label("total")
    )


def credited_of(invoice_id: SQLColumnExpression[uuid.UUID]) -> Label[int]:
    return (
        select(func.coalesce(func.sum(CreditNote.amount), 0))
        .where(CreditNote.invoice_id == invoice_id, CreditNote.status == CreditNoteStatus.APPLIED)
        .scalar_subquery()
        .label("credited")
    )


def paid_of(invoice_id: SQLColumnExpression[uuid.UUID]) -> Label[int]:
    return (
        select(func.coalesce(func.sum(Allocation.amount), 0))
        .where(Allocation.invoice_id == invoice_id)
        .scalar_subquery()
        .label("paid")
    )


def outstanding_of(invoice_id: SQLColumnExpression[uuid.UUID]) -> ColumnElement[int]:
    return total_of(invoice_id) - credited_of(invoice_id) - paid_of(invoice_id)


async def invoice_amounts(
    session: AsyncSession, invoice_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, InvoiceAmounts]:
    ids = list(invoice_ids)
    if not ids:
        return {}
    rows = await session.execute(
        select(
            Invoice.id, total_of(Invoice.id), credited_of(Invoice.id), paid_of(Invoice.id)
        ).where(Invoice.id.in_(ids))
    )
    return {
        invoice_id: InvoiceAmounts(int(total), int(credited), int(paid))
        for invoice_id, total, credited, paid in rows
    }
