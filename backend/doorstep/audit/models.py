"""Approvals: financial decisions above an agency's threshold need a second person."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin
from doorstep.core.types import enum_column


class ApprovalKind(StrEnum):
    CREDIT_NOTE = "credit_note"
    REFUND = "refund"
    THRESHOLD_CHANGE = "threshold_change"


class ApprovalStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Approval(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "approvals"

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    kind: Mapped[ApprovalKind] = mapped_column(enum_column(ApprovalKind, "approval_kind"))
    subject_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    # Where the decision is about, so the inbox can open it: the invoice a credit note reduces,
    # the payment a refund gives back. Set once, when the approval is requested.
    # (neither for a change of the approval threshold).
    invoice_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("invoices.id"))
    payment_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("payments.id"))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    summary: Mapped[str] = mapped_column(String(500))
    status: Mapped[ApprovalStatus] = mapped_column(enum_column(ApprovalStatus, "approval_status"))
    requested_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_users.id"))
    requested_at: Mapped[datetime]
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str | None] = mapped_column(String(500))


class ThresholdChangeStatus(StrEnum):
    PENDING = "pending"
    APPLIED = "applied"
    REJECTED = "rejected"


class ThresholdChange(IdMixin, CreatedAtMixin, Base):
    """Every change of an agency's approval threshold: who asked, when, from what to what, and
    whether it applied (at once, or when a second owner approved it) or was turned down."""

    __tablename__ = "approval_threshold_changes"

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    # The threshold the change replaced (or, while pending, the one it would replace).
    old_threshold: Mapped[int] = mapped_column(BigInteger)
    new_threshold: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[ThresholdChangeStatus] = mapped_column(
        enum_column(ThresholdChangeStatus, "threshold_change_status")
    )
    requested_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_users.id"))
    requested_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]


class AuditEvent(IdMixin, CreatedAtMixin, Base):
    """Who did what to which record, and when: one row per recorded action.

    Only ids and a stable action name, never people's names or addresses, so the log can be
    kept for as long as the agency must while personal data goes when its person does."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_subject", "agency_id", "subject_type", "subject_id"),)

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    action: Mapped[str] = mapped_column(String(80))
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[uuid.UUID]
    actor_staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))
    occurred_at: Mapped[datetime]
