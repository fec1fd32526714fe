"""Documents staff publish on a lease for its tenants: the signed lease, condition reports,
expense statements, certificates. Receipts and annual account statements are generated from
the ledger on request and stored nowhere."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin
from doorstep.core.encryption import EncryptedBytes
from doorstep.core.types import enum_column


class DocumentKind(StrEnum):
    SIGNED_LEASE = "signed_lease"
    CONDITION_REPORT_MOVE_IN = "condition_report_move_in"
    CONDITION_REPORT_MOVE_OUT = "condition_report_move_out"
    EXPENSE_STATEMENT = "expense_statement"
    CERTIFICATE = "certificate"
    OTHER = "other"


class LeaseDocument(IdMixin, CreatedAtMixin, Base):
    """A file staff published on a lease; every tenant of the lease sees it until it is
    withdrawn. A withdrawn document stays as the record of who withdrew it and when."""

    __tablename__ = "lease_documents"
    __table_args__ = (
        CheckConstraint(
            "kind <> 'expense_statement' OR year IS NOT NULL", name="expense_statement_has_year"
        ),
        CheckConstraint("year IS NULL OR year BETWEEN 1900 AND 2999", name="year_in_range"),
        CheckConstraint(
            "(withdrawn_at IS NULL) = (withdrawn_by_id IS NULL)", name="withdrawn_by_someone"
        ),
        # A lease's documents, newest first (the lease page, the tenant's list).
        Index("ix_lease_documents_lease_id_id", "lease_id", "id"),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    lease_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("leases.id"))
    kind: Mapped[DocumentKind] = mapped_column(enum_column(DocumentKind, "document_kind"))
    title: Mapped[str] = mapped_column(String(200))
    year: Mapped[int | None] = mapped_column(SmallInteger)
    file_name: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    file_size: Mapped[int]
    file_sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(EncryptedBytes("lease_documents.content"), deferred=True)
    published_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_users.id"))
    published_at: Mapped[datetime]
    withdrawn_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))
    withdrawn_at: Mapped[datetime | None]
