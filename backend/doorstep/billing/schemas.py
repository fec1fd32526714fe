from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import Field

from doorstep.billing.models import CreditNoteKind, CreditNoteStatus, InvoiceKind, InvoiceStatus
from doorstep.core.money import PositiveAmountMinor
from doorstep.core.schemas import CalendarDate, RequestModel, ResponseModel, Text

if TYPE_CHECKING:
    from doorstep.billing.service import InvoiceView


class InvoiceState(StrEnum):
    """What an invoice means to people: the stored status combined with the money on it."""

    DRAFT = "draft"
    OPEN = "open"
    PARTIALLY_PAID = "partially_paid"
    PAID = "paid"
    VOID = "void"


class InvoiceLineIn(RequestModel):
    description: Text
    amount: PositiveAmountMinor


class InvoiceCreate(RequestModel):
    lease_id: uuid.UUID
    kind: InvoiceKind = Field(description="Rent is generated from the lease; add others here.")
    due_date: CalendarDate
    lines: list[InvoiceLineIn] = Field(min_length=1, max_length=50)


class InvoiceVoid(RequestModel):
    reason: Text


class InvoiceLineOut(ResponseModel):
    description: str
    amount: int


class InvoiceOut(ResponseModel):
    id: uuid.UUID
    number: int | None = Field(description="Given when the invoice is approved.")
    lease_id: uuid.UUID
    kind: InvoiceKind
    status: InvoiceStatus
    state: InvoiceState
    currency: str
    issue_date: date
    due_date: date
    period_start: date | None
    period_end: date | None
    lines: list[InvoiceLineOut]
    total: int
    credited: int
    paid: int
    outstanding: int
    overdue: bool
    property_name: str
    unit_name: str
    tenant_names: list[str]
    approved_at: datetime | None
    void_reason: str | None


class CreditNoteCreate(RequestModel):
    amount: PositiveAmountMinor
    reason: Text = Field(description="Required: why the tenant owes less.")
    kind: CreditNoteKind = CreditNoteKind.CREDIT


class CreditNoteOut(ResponseModel):
    id: uuid.UUID
    invoice_id: uuid.UUID
    number: int | None
    kind: CreditNoteKind
    status: CreditNoteStatus
    amount: int
    reason: str
    approval_id: uuid.UUID | None = Field(
        default=None, description="Set when the credit waits for a second person's approval."
    )
    created_at: datetime
    applied_at: datetime | None


def invoice_out(view: InvoiceView) -> InvoiceOut:
    """The response for one invoice, the same for staff and for the tenant portal."""
    amounts = view.amounts
    return InvoiceOut(
        id=view.id,
        number=view.number,
        lease_id=view.lease_id,
        kind=view.kind,
        status=view.status,
        state=view.state,
        currency=view.currency,
        issue_date=view.issue_date,
        due_date=view.due_date,
        period_start=view.period_start,
        period_end=view.period_end,
        lines=[
            InvoiceLineOut(description=description, amount=amount)
            for description, amount in view.lines
        ],
        total=amounts.total,
        credited=amounts.credited,
        paid=amounts.paid,
        outstanding=amounts.outstanding,
        overdue=view.overdue,
        property_name=view.property_name,
        unit_name=view.unit_name,
        tenant_names=view.tenant_names,
        approved_at=view.approved_at,
        void_reason=view.void_reason,
    )


def _iso_date(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def invoice_json(view: InvoiceView) -> dict[str, Any]:
    """``invoice_out(view)`` as the plain values of its JSON, keys in the model's field order,
    for lists sent as ready JSON (``core.pagination.page_json_response``): building and then
    serialising fifty models cost more than the rest of a page's request. The same bytes as
    the model's JSON (the tests compare them). Enum members and dates are given as their text:
    the serialiser recognises those types far more slowly than it writes a string."""
    amounts = view.amounts
    return {
        "id": view.id,
        "number": view.number,
        "lease_id": view.lease_id,
        "kind": view.kind.value,
        "status": view.status.value,
        "state": view.state.value,
        "currency": view.currency,
        "issue_date": view.issue_date.isoformat(),
        "due_date": view.due_date.isoformat(),
        "period_start": _iso_date(view.period_start),
        "period_end": _iso_date(view.period_end),
        "lines": [
            {"description": description, "amount": amount} for description, amount in view.lines
        ],
        "total": amounts.total,
        "credited": amounts.credited,
        "paid": amounts.paid,
        "outstanding": amounts.outstanding,
        "overdue": view.overdue,
        "property_name": view.property_name,
        "unit_name": view.unit_name,
        "tenant_names": view.tenant_names,
        "approved_at": view.approved_at,
        "void_reason": view.void_reason,
    }


class InvoiceTotalsOut(ResponseModel):
    """The sums of every invoice matching a list's filters, in the agency's currency."""

    currency: str
    invoices: int = Field(description="How many invoices match.")
    total: int = Field(description="Their lines, in minor units.")
    credited: int = Field(description="What applied credit notes took off them.")
    paid: int = Field(description="What payments settled on them.")
    outstanding: int = Field(description="What the open ones still ask for.")
