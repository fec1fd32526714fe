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


class ScheduledChargeState(StrEnum):
    """Where an invoice's recurring charge stands, as the tenant and staff need to know it."""

    # Not yet announced: the amount is what the invoice asks for now.
    SCHEDULED = "scheduled"
    # The reminder told the tenant the amount and the day: only that amount will be taken.
    REMINDED = "reminded"
    # With the card's bank or the SEPA scheme: its answer is awaited.
    CHARGING = "charging"


class InvoiceScheduledChargeOut(ResponseModel):
    """A recurring charge that is still to take (or is taking) the invoice: a manual payment
    meanwhile makes it skip the invoice (seed 003), so nobody should chase or pay it twice."""

    charge_on: date = Field(
        description="The day the charge is taken: the due date, never sooner than three days "
        "after the reminder (foreseen from the agency's reminder lead until it is sent)."
    )
    amount: int = Field(description="What will be taken, in minor units.")
    currency: str
    status: ScheduledChargeState
    method: str = Field(description="`card` or `sepa_debit`.")
    last4: str | None = Field(description="The card's or account's last four digits.")


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
    scheduled_charge: InvoiceScheduledChargeOut | None = Field(
        default=None,
        description="The tenant's recurring payment will take this invoice: null when none is "
        "scheduled (or the invoice is settled).",
    )


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


def invoice_out(
    view: InvoiceView, scheduled_charge: InvoiceScheduledChargeOut | None = None
) -> InvoiceOut:
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
        scheduled_charge=scheduled_charge,
    )


def _iso_date(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def invoice_json(
    view: InvoiceView, scheduled_charge: InvoiceScheduledChargeOut | None = None
) -> dict[str, Any]:
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
        "scheduled_charge": (
            None if scheduled_charge is None else scheduled_charge.model_dump(mode="json")
        ),
    }


class InvoiceTotalsOut(ResponseModel):
    """The sums of every invoice matching a list's filters, in the agency's currency."""

    currency: str
    invoices: int = Field(description="How many invoices match.")
    total: int = Field(description="Their lines, in minor units.")
    credited: int = Field(description="What applied credit notes took off them.")
    paid: int = Field(description="What payments settled on them.")
    outstanding: int = Field(description="What the open ones still ask for.")
