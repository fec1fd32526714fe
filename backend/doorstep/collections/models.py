"""Follow-ups sent to tenants about overdue rent, and imported bank statements.

Nothing here stores what anyone owes: amounts on a follow-up are a snapshot of what the
tenant was told at that moment; balances always come from ``billing.ledger``.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin
from doorstep.core.types import enum_column


class FollowUpChannel(StrEnum):
    EMAIL = "email"


class FollowUpOutcome(StrEnum):
    """What came of a follow-up, as documented by staff (seed 000: "document outcome")."""

    PROMISED_TO_PAY = "promised_to_pay"
    PAYMENT_PLAN = "payment_plan"
    PAID = "paid"
    DISPUTED = "disputed"
    NO_RESPONSE = "no_response"
    UNREACHABLE = "unreachable"
    OTHER = "other"


class FollowUp(IdMixin, CreatedAtMixin, Base):
    """One follow-up about a lease's overdue invoices: who sent what to whom, the amounts at
    that moment, what came of it and whether a responsible role was asked to review it."""

    __tablename__ = "collection_follow_ups"
    __table_args__ = (
        Index("ix_collection_follow_ups_lease_id_sent_at", "lease_id", "sent_at"),
        CheckConstraint(
            "(reviewed_at IS NULL) OR (escalated_at IS NOT NULL)", name="reviewed_when_escalated"
        ),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    lease_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("leases.id"))
    channel: Mapped[FollowUpChannel] = mapped_column(
        enum_column(FollowUpChannel, "follow_up_channel")
    )
    # [{tenant_id, name, email, message_id}] — one message per tenant addressed.
    recipients: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    currency: Mapped[str] = mapped_column(String(3))
    overdue_total: Mapped[int] = mapped_column(BigInteger)
    # Money received on the lease and not yet allocated, at the time (it may settle the debt).
    credit: Mapped[int] = mapped_column(BigInteger)
    # [{invoice_id, number, due_date, outstanding, days_overdue}] as told to the tenant.
    invoices: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    note: Mapped[str | None] = mapped_column(String(2000))
    sent_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_users.id"))
    sent_at: Mapped[datetime]
    outcome: Mapped[FollowUpOutcome | None] = mapped_column(
        enum_column(FollowUpOutcome, "follow_up_outcome")
    )
    outcome_note: Mapped[str | None] = mapped_column(String(2000))
    outcome_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))
    outcome_at: Mapped[datetime | None]
    escalated_at: Mapped[datetime | None]
    escalated_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))
    reviewed_at: Mapped[datetime | None]
    reviewed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))
    review_note: Mapped[str | None] = mapped_column(String(2000))


class BankStatement(IdMixin, CreatedAtMixin, Base):
    """An imported bank statement of the trust account. The same file is imported once."""

    __tablename__ = "bank_statements"
    __table_args__ = (UniqueConstraint("agency_id", "file_sha256"),)

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3))
    first_date: Mapped[date]
    last_date: Mapped[date]
    imported_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_users.id"))
    imported_at: Mapped[datetime]


class LineDirection(StrEnum):
    CREDIT = "credit"
    DEBIT = "debit"


class LineStatus(StrEnum):
    UNMATCHED = "unmatched"
    MATCHED = "matched"
    IGNORED = "ignored"


class MatchKind(StrEnum):
    PAYMENT = "payment"  # a payment already recorded in Doorstep
    INVOICE = "invoice"  # a bank transfer recorded from this line, allocated to an invoice
    PAYOUT = "payout"  # the gateway paying card payments out to the trust account


class StatementLine(IdMixin, Base):
    __tablename__ = "bank_statement_lines"
    __table_args__ = (
        UniqueConstraint("payment_id"),
        UniqueConstraint("agency_id", "payout_reference"),
        Index("ix_bank_statement_lines_agency_id_status", "agency_id", "status"),
        CheckConstraint("amount <> 0", name="amount_not_zero"),
        CheckConstraint("(status = 'matched') = (match_kind IS NOT NULL)", name="matched_has_kind"),
        CheckConstraint(
            "direction = 'credit' OR status = 'ignored'", name="debits_are_not_matched"
        ),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    statement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("bank_statements.id", ondelete="CASCADE"), index=True
    )
    # The line of the file it came from (what a person sees in a spreadsheet, header = 1).
    line_number: Mapped[int] = mapped_column(Integer)
    booked_on: Mapped[date]
    # Signed minor units: negative for money leaving the account.
    amount: Mapped[int] = mapped_column(BigInteger)
    direction: Mapped[LineDirection] = mapped_column(enum_column(LineDirection, "line_direction"))
    reference: Mapped[str] = mapped_column(String(500))
    counterparty: Mapped[str] = mapped_column(String(300))
    status: Mapped[LineStatus] = mapped_column(enum_column(LineStatus, "statement_line_status"))
    match_kind: Mapped[MatchKind | None] = mapped_column(enum_column(MatchKind, "match_kind"))
    matched_automatically: Mapped[bool] = mapped_column(server_default=text("false"))
    payment_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("payments.id"))
    invoice_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("invoices.id"))
    payout_reference: Mapped[str | None] = mapped_column(String(200))
    ignore_reason: Mapped[str | None] = mapped_column(String(500))
    resolved_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))
    resolved_at: Mapped[datetime | None]


class PaymentLinkEmail(IdMixin, CreatedAtMixin, Base):
    """A payment link a staff member e-mailed to the tenants of an invoice's lease: who sent
    it, when, to whom, and until when the link works (issue 11: staff no longer copy links by
    hand). Each send makes a new link, because a link's secret is never stored."""

    __tablename__ = "payment_link_emails"
    __table_args__ = (Index("ix_payment_link_emails_invoice_id_sent_at", "invoice_id", "sent_at"),)

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id"))
    payment_link_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("payment_links.id"), unique=True)
    # [{tenant_id, name, email, message_id}] — one message per tenant of the lease.
    recipients: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    sent_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_users.id"))
    sent_at: Mapped[datetime]
    expires_at: Mapped[datetime]
