"""Invoices, their lines and credit notes. What is owed is derived from these, never stored."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin
from doorstep.core.types import enum_column


class InvoiceKind(StrEnum):
    RENT = "rent"
    DEPOSIT = "deposit"
    FEE = "fee"
    OTHER = "other"


class InvoiceStatus(StrEnum):
    """The stored lifecycle. Whether an open invoice is paid or partly paid is derived."""

    DRAFT = "draft"
    OPEN = "open"
    VOID = "void"


class Invoice(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "invoices"
    __table_args__ = (
        UniqueConstraint("agency_id", "number"),
        CheckConstraint("period_end IS NULL OR period_end >= period_start", name="period_order"),
        # A draft voided before approval was never sent: it stays out of the numbering.
        CheckConstraint(
            "(status <> 'draft' OR number IS NULL) AND (status <> 'open' OR number IS NOT NULL)",
            name="numbered_once_approved",
        ),
        Index("ix_invoices_lease_id_due_date", "lease_id", "due_date"),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    lease_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("leases.id"))
    # Numbered per agency, without gaps, when the invoice is approved.
    number: Mapped[int | None] = mapped_column(BigInteger)
    kind: Mapped[InvoiceKind] = mapped_column(enum_column(InvoiceKind, "invoice_kind"))
    status: Mapped[InvoiceStatus] = mapped_column(enum_column(InvoiceStatus, "invoice_status"))
    currency: Mapped[str] = mapped_column(String(3))
    issue_date: Mapped[date]
    due_date: Mapped[date]
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    # Generated rent invoices carry "rent:<lease>:<period start>", so a period is billed once.
    source_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))
    approved_at: Mapped[datetime | None]
    approved_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))
    voided_at: Mapped[datetime | None]
    voided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))
    void_reason: Mapped[str | None] = mapped_column(String(500))


class InvoiceLine(IdMixin, Base):
    __tablename__ = "invoice_lines"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    invoice_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(200))
    amount: Mapped[int] = mapped_column(BigInteger)


class CreditNoteKind(StrEnum):
    CREDIT = "credit"
    WRITE_OFF = "write_off"


class CreditNoteStatus(StrEnum):
    PENDING_APPROVAL = "pending_approval"
    APPLIED = "applied"
    REJECTED = "rejected"


class CreditNote(IdMixin, CreatedAtMixin, Base):
    """Reduces what an invoice asks for. Above the agency's threshold it waits for a second
    person's approval before it counts."""

    __tablename__ = "credit_notes"
    __table_args__ = (
        UniqueConstraint("agency_id", "number"),
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint(
            "(status = 'applied') = (number IS NOT NULL)", name="numbered_when_applied"
        ),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id"), index=True)
    number: Mapped[int | None] = mapped_column(BigInteger)
    kind: Mapped[CreditNoteKind] = mapped_column(enum_column(CreditNoteKind, "credit_note_kind"))
    status: Mapped[CreditNoteStatus] = mapped_column(
        enum_column(CreditNoteStatus, "credit_note_status")
    )
    amount: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(500))
    requested_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_users.id"))
    applied_at: Mapped[datetime | None]


class Allocation(IdMixin, CreatedAtMixin, Base):
    """Part of a payment settling part of an invoice. A negative row reverses an earlier one
    (a refund taking money back, or staff moving money to another invoice or back to credit),
    so the history stays readable. Billing owns it with the ledger that reads it
    (``billing.ledger``): what settled an invoice is part of what the invoice still asks for."""

    __tablename__ = "allocations"
    __table_args__ = (
        CheckConstraint("amount <> 0", name="amount_not_zero"),
        CheckConstraint(
            "(move_id IS NULL) = (moved_by_id IS NULL) "
            "AND (move_id IS NULL) = (move_reason IS NULL)",
            name="move_recorded_whole",
        ),
    )

    payment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("payments.id"), index=True)
    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id"), index=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    # A move by hand writes a reversal on the invoice the money leaves and, unless it goes back
    # to credit, a row on the invoice it settles instead: both carry the move's id, who made it
    # and why (the row's created_at says when).
    move_id: Mapped[uuid.UUID | None]
    moved_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))
    move_reason: Mapped[str | None] = mapped_column(String(500))
