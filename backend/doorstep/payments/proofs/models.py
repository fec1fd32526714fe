"""Proofs of bank transfers that tenants upload, waiting for staff to confirm or reject them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin
from doorstep.core.encryption import EncryptedBytes
from doorstep.core.types import enum_column


class ProofStatus(StrEnum):
    SUBMITTED = "submitted"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class TransferProof(IdMixin, CreatedAtMixin, Base):
    """What the tenant says they paid by transfer, with their evidence. It is not money: only
    a staff member who saw the money arrive confirms it, which records the payment."""

    __tablename__ = "transfer_proofs"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint(
            "(status = 'confirmed') = (payment_id IS NOT NULL)", name="confirmed_has_payment"
        ),
        # The same file twice from one tenant is a mistake, unless the first was turned down
        # or withdrawn.
        Index(
            "uq_transfer_proofs_tenant_id_file_sha256_live",
            "tenant_id",
            "file_sha256",
            unique=True,
            postgresql_where=text("status IN ('submitted', 'confirmed')"),
        ),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    lease_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("leases.id"), index=True)
    tenant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), index=True
    )
    invoice_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("invoices.id"), index=True)
    status: Mapped[ProofStatus] = mapped_column(enum_column(ProofStatus, "transfer_proof_status"))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    paid_on: Mapped[date]
    reference: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(String(1000))
    file_name: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    file_size: Mapped[int]
    file_sha256: Mapped[str] = mapped_column(String(64))
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))
    decided_at: Mapped[datetime | None]
    rejection_reason: Mapped[str | None] = mapped_column(String(500))
    payment_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("payments.id"), unique=True)


class TransferProofFile(Base):
    """The uploaded file itself, apart from the proof so that lists never read it."""

    __tablename__ = "transfer_proof_files"

    proof_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("transfer_proofs.id", ondelete="CASCADE"), primary_key=True
    )
    content: Mapped[bytes] = mapped_column(EncryptedBytes("transfer_proof_files.content"))
