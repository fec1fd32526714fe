"""Tasks staff assign to a tenant who already has a portal account (seed 001: tasks are
reusable, "staff can also assign a task to an existing tenant later")."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin
from doorstep.core.encryption import EncryptedBytes


class TaskAssignment(IdMixin, CreatedAtMixin, Base):
    """One task given to one tenant, with the tenant's answer kept as an invite's step keeps it:
    a form's answers, the accepted text's version (and when), an uploaded file (apart, in
    ``task_assignment_uploads``), or for a payment task the invoice it is paid through.

    Whether it is done is derived like a step's (a payment when its invoice is paid); only a
    cancellation is recorded as such."""

    __tablename__ = "task_assignments"
    __table_args__ = (
        CheckConstraint("amount IS NULL OR amount > 0", name="amount_positive"),
        CheckConstraint(
            "(cancelled_at IS NULL) = (cancelled_by_id IS NULL)", name="cancelled_has_author"
        ),
        Index(
            "ix_task_assignments_open_by_tenant",
            "tenant_id",
            postgresql_where=sql_text("cancelled_at IS NULL"),
        ),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    tenant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    task_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("onboarding_tasks.id"), index=True)
    # A payment task's lease (its invoice is on it), amount and invoice.
    lease_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("leases.id"), index=True)
    amount: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str | None] = mapped_column(String(3))
    invoice_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("invoices.id"), index=True)
    answers: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    accepted_text_version: Mapped[int | None] = mapped_column(Integer)
    completed_at: Mapped[datetime | None]
    assigned_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_users.id"))
    cancelled_at: Mapped[datetime | None]
    cancelled_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))


class TaskAssignmentUpload(Base):
    """The file of an assigned document-upload task, apart so that lists never read it."""

    __tablename__ = "task_assignment_uploads"

    assignment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("task_assignments.id", ondelete="CASCADE"), primary_key=True
    )
    file_name: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes] = mapped_column(EncryptedBytes("task_assignment_uploads.content"))
