"""What each invoice asks for, what reduced it and what settled it — derived from lines,
applied credit notes and allocations, never stored."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    SQLColumnExpression,
    Uuid,
    any_,
    bindparam,
    case,
    cast,
    func,
    literal,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import Label
from sqlalchemy.sql.selectable import LateralFromClause

from doorstep.billing.models import (
    Allocation,
    CreditNote,
    CreditNoteStatus,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
)
from doorstep.billing.schemas import InvoiceState
from doorstep.core.db import fetch_flushed_rows, table_of

_invoices = table_of(Invoice)
_invoice_lines = table_of(InvoiceLine)
_credit_notes = table_of(CreditNote)
_allocations = table_of(Allocation)


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


def sum_of_amounts(amount: ColumnElement[int]) -> ColumnElement[int]:
    """A sum of amounts, 0 for none, as bigint: PostgreSQL sums bigints as numeric, which
    the driver would hand over as Decimal."""
    return cast(func.coalesce(func.sum(amount), 0), BigInteger)


def credited_lateral(invoice_id: SQLColumnExpression[uuid.UUID]) -> LateralFromClause:
    """``credited``: what applied credit notes took off the invoice, as a LATERAL sub-select
    (evaluated once per invoice row however many conditions read it)."""
    return (
        select(sum_of_amounts(_credit_notes.c.amount).label("credited"))
        .where(
            _credit_notes.c.invoice_id == invoice_id,
            _credit_notes.c.status == CreditNoteStatus.APPLIED.value,
        )
        .lateral("credited")
    )


def paid_lateral(invoice_id: SQLColumnExpression[uuid.UUID]) -> LateralFromClause:
    """``paid``: what allocations settled on the invoice (refund reversals included)."""
    return (
        select(sum_of_amounts(_allocations.c.amount).label("paid"))
        .where(_allocations.c.invoice_id == invoice_id)
        .lateral("paid")
    )


def invoice_state_sql(
    status: ColumnElement[InvoiceStatus],
    outstanding: ColumnElement[int],
    paid: ColumnElement[int],
) -> ColumnElement[str]:
    """The invoice's state (``billing.schemas.InvoiceState``) in SQL, the same rule as
    ``billing.service.invoice_state``: draft and void are stored; an open invoice is paid when
    nothing is outstanding, partly paid when some money is allocated, else open."""
    return case(
        (status == InvoiceStatus.DRAFT.value, literal(InvoiceState.DRAFT.value)),
        (status == InvoiceStatus.VOID.value, literal(InvoiceState.VOID.value)),
        (outstanding == 0, literal(InvoiceState.PAID.value)),
        (paid > 0, literal(InvoiceState.PARTIALLY_PAID.value)),
        else_=literal(InvoiceState.OPEN.value),
    )


def outstanding_of(invoice_id: SQLColumnExpression[uuid.UUID]) -> ColumnElement[int]:
    return total_of(invoice_id) - credited_of(invoice_id) - paid_of(invoice_id)


def _summed(amount: ColumnElement[int], *conditions: ColumnElement[bool]) -> ColumnElement[int]:
    return select(sum_of_amounts(amount)).where(*conditions).scalar_subquery()


# Built once: every money write reads the amounts of the invoices it settles, and building
# the statement cost more than running it.
_INVOICE_AMOUNTS = select(
    _invoices.c.id,
    _summed(_invoice_lines.c.amount, _invoice_lines.c.invoice_id == _invoices.c.id).label("total"),
    _summed(
        _credit_notes.c.amount,
        _credit_notes.c.invoice_id == _invoices.c.id,
        _credit_notes.c.status == CreditNoteStatus.APPLIED.value,
    ).label("credited"),
    _summed(_allocations.c.amount, _allocations.c.invoice_id == _invoices.c.id).label("paid"),
).where(_invoices.c.id == any_(bindparam("ids", type_=ARRAY(Uuid()))))


async def invoice_amounts(
    session: AsyncSession, invoice_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, InvoiceAmounts]:
    ids = list(invoice_ids)
    if not ids:
        return {}
    # What this transaction changed (an allocation, a credit note, a line) is counted.
    rows = await fetch_flushed_rows(session, _INVOICE_AMOUNTS, {"ids": ids})
    return {
        row["id"]: InvoiceAmounts(int(row["total"]), int(row["credited"]), int(row["paid"]))
        for row in rows
    }
