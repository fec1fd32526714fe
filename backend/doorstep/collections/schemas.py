from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from doorstep.collections.models import (
    FollowUpChannel,
    FollowUpOutcome,
    LineDirection,
    LineStatus,
    MatchKind,
)
from doorstep.collections.service import Interval
from doorstep.core.schemas import RequestModel, ResponseModel, Text
from doorstep.readiness.schemas import ReadinessOverrideIn

Note = Annotated[
    str,
    StringConstraints(
        min_length=1, max_length=2000, pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
    ),
]


class FiguresOut(ResponseModel):
    expected: int = Field(
        description="What the open invoices due in the period ask for: their lines less the "
        "credit notes applied to them (minor units)."
    )
    collected: int = Field(description="What has been allocated to those invoices so far.")
    outstanding: int = Field(description="expected - collected: what they still ask for.")
    invoices: int = Field(description="How many invoices fall due in the period.")


class TenantRef(ResponseModel):
    id: uuid.UUID
    name: str


class LeasePlaceOut(ResponseModel):
    lease_id: uuid.UUID
    lease_status: str
    property_id: uuid.UUID
    property_name: str
    unit_id: uuid.UUID
    unit_name: str
    tenants: list[TenantRef]


class PropertyFiguresOut(ResponseModel):
    property_id: uuid.UUID
    property_name: str
    leases: int
    figures: FiguresOut


class SeriesPointOut(ResponseModel):
    start: date
    end: date
    expected: int
    collected: int
    outstanding: int


class CollectionsSummaryOut(ResponseModel):
    currency: str
    period_start: date = Field(description="The first due date covered (`from`).")
    period_end: date = Field(description="The last due date covered (`to`).")
    totals: FiguresOut
    properties: list[PropertyFiguresOut]
    interval: Interval
    series: list[SeriesPointOut] = Field(
        description="Expected vs collected per calendar week (Monday-Sunday) or month of due "
        "date, clipped to the period; every bucket is present, empty ones with zeros."
    )


class LeaseFiguresOut(LeasePlaceOut):
    figures: FiguresOut


class CollectionsLeasesOut(ResponseModel):
    currency: str
    period_start: date = Field(description="The first due date covered (`from`).")
    period_end: date = Field(description="The last due date covered (`to`).")
    totals: FiguresOut
    leases: list[LeaseFiguresOut]


class AgeingOut(ResponseModel):
    days_1_30: int = Field(description="Outstanding on invoices 1 to 30 days past due.")
    days_31_60: int
    days_61_90: int
    over_90: int = Field(description="Outstanding on invoices more than 90 days past due.")
    total: int
    invoices: int


class LeaseAgeingOut(LeasePlaceOut):
    ageing: AgeingOut
    oldest_due_date: date
    credit: int = Field(
        description="Money received on the lease and not yet allocated to an invoice; it may "
        "settle part of the overdue balance."
    )
    recurring_charge_on: date | None = Field(
        default=None,
        description="The first day the tenant's recurring payment takes one of these invoices: "
        "they are being collected, not to be chased (seed 003: the charge may come after the "
        "due date).",
    )


class OverdueOut(ResponseModel):
    currency: str
    at: date = Field(description="The date days past due are counted to.")
    totals: AgeingOut
    leases: list[LeaseAgeingOut]


# ----------------------------------------------------------------------------- follow-ups


class FollowUpCreate(RequestModel):
    lease_id: uuid.UUID = Field(description="The lease the overdue invoices belong to.")
    tenant_id: uuid.UUID | None = Field(
        default=None, description="Write to this tenant only; by default to every tenant."
    )
    channel: FollowUpChannel = FollowUpChannel.EMAIL
    note: Note | None = Field(default=None, description="For the team; not sent.")
    message: Note | None = Field(
        default=None, description="A personal paragraph added to the e-mail."
    )


class FollowUpPreviewIn(RequestModel):
    """What a follow-up would be about, to see its message before sending it."""

    lease_id: uuid.UUID = Field(description="The lease the overdue invoices belong to.")
    tenant_id: uuid.UUID | None = Field(
        default=None, description="Write to this tenant only; by default to every tenant."
    )
    message: Note | None = Field(
        default=None, description="A personal paragraph added to the e-mail."
    )


class FollowUpUpdate(RequestModel):
    """Fields left out stay as they are."""

    outcome: FollowUpOutcome | None = None
    outcome_note: Note | None = None
    escalate: bool = Field(
        default=False,
        strict=True,
        description="Ask an accountant or owner to review it (a payment plan, a dispute, a "
        "next step with consequences for the tenant).",
    )


class FollowUpReview(RequestModel):
    note: Note = Field(description="What the reviewer decided or advised.")


class FollowUpInvoiceOut(ResponseModel):
    invoice_id: uuid.UUID
    number: int
    due_date: date
    outstanding: int
    days_overdue: int


class FollowUpRecipientOut(ResponseModel):
    tenant_id: uuid.UUID
    name: str
    email: str
    message_id: uuid.UUID


class FollowUpPreviewMessageOut(ResponseModel):
    tenant_id: uuid.UUID
    name: str
    email: str
    subject: str
    body: str = Field(description="The plain-text e-mail this tenant would receive.")


class FollowUpPreviewOut(ResponseModel):
    """The follow-up as it would be sent now; nothing is recorded or sent."""

    lease_id: uuid.UUID
    currency: str
    overdue_total: int = Field(description="What the tenant would be told is overdue.")
    credit: int = Field(description="Unallocated money on the lease now.")
    invoices: list[FollowUpInvoiceOut]
    messages: list[FollowUpPreviewMessageOut] = Field(description="One per recipient.")


class FollowUpOut(ResponseModel):
    id: uuid.UUID
    lease_id: uuid.UUID
    channel: FollowUpChannel
    recipients: list[FollowUpRecipientOut]
    subject: str
    body: str = Field(description="The text sent (to the last recipient, when several).")
    currency: str
    overdue_total: int = Field(description="What the tenant was told is overdue.")
    credit: int = Field(description="Unallocated money on the lease at that moment.")
    invoices: list[FollowUpInvoiceOut]
    note: str | None
    sent_by_name: str
    sent_at: datetime
    outcome: FollowUpOutcome | None
    outcome_note: str | None
    outcome_by_name: str | None
    outcome_at: datetime | None
    escalated_at: datetime | None
    escalated_by_name: str | None
    awaiting_review: bool
    reviewed_at: datetime | None
    reviewed_by_name: str | None
    review_note: str | None


# --------------------------------------------------------------------------- reconciliation


class StatementCountsOut(ResponseModel):
    lines: int
    credits: int
    debits: int
    credit_total: int
    debit_total: int = Field(description="Money paid out, as a positive amount.")
    matched: int
    matched_automatically: int
    unmatched: int = Field(description="Credits waiting in the review queue.")
    ignored: int


class StatementOut(ResponseModel):
    id: uuid.UUID
    file_name: str
    file_sha256: str
    currency: str
    first_date: date
    last_date: date
    imported_by_name: str
    imported_at: datetime
    counts: StatementCountsOut


class StatementLineOut(ResponseModel):
    id: uuid.UUID
    statement_id: uuid.UUID
    line_number: int = Field(description="The line of the file (the header is line 1).")
    booked_on: date
    amount: int = Field(description="Minor units; negative for money leaving the account.")
    currency: str
    direction: LineDirection
    reference: str
    counterparty: str
    status: LineStatus
    match_kind: MatchKind | None
    matched_automatically: bool
    payment_id: uuid.UUID | None
    invoice_id: uuid.UUID | None
    invoice_number: int | None
    lease_id: uuid.UUID | None
    payout_reference: str | None
    ignore_reason: str | None
    resolved_by_name: str | None
    resolved_at: datetime | None


class LineMatchInvoice(RequestModel):
    invoice_id: uuid.UUID
    tenant_id: uuid.UUID | None = Field(
        default=None,
        description="Who paid; by default the tenant the bank names, else the lease's first.",
    )


class LineMatchPayment(RequestModel):
    payment_id: uuid.UUID


class LineIgnore(RequestModel):
    reason: Text


class UnpaidOutItem(ResponseModel):
    payment_id: uuid.UUID
    lease_id: uuid.UUID
    tenant_id: uuid.UUID
    tenant_name: str
    method: str
    amount: int
    currency: str
    gateway_reference: str | None
    succeeded_at: datetime | None
    days_waiting: int


class UnpaidOutOut(ResponseModel):
    count: int = Field(description="All such payments, not only this page.")
    total: int = Field(description="What they add up to (minor units).")
    currency: str
    items: list[UnpaidOutItem]
    next_cursor: str | None


class PaymentLinkEmailCreate(RequestModel):
    readiness_override: ReadinessOverrideIn | None = Field(
        default=None,
        description="Send although the readiness review (seed 000) finds blocking items for a "
        "tenant of the lease or the invoice's lease: the reason is recorded with who and when.",
    )


class PaymentLinkEmailOut(ResponseModel):
    """A payment link e-mailed to the tenants of an invoice's lease: who sent it and when."""

    id: uuid.UUID
    invoice_id: uuid.UUID
    sent_at: datetime
    sent_by_name: str
    expires_at: datetime
    recipients: list[FollowUpRecipientOut]
