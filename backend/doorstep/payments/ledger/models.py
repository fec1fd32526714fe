"""Payments, their allocation to invoices, refunds and receipts."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin
from doorstep.core.types import enum_column


class PaymentMethod(StrEnum):
    CARD = "card"
    PAYMENT_LINK = "payment_link"
    # Taken from a tenant's SEPA mandate through the card gateway (recurring payments).
    SEPA_DEBIT = "sepa_debit"
    BANK_TRANSFER = "bank_transfer"
    CASH = "cash"
    CHEQUE = "cheque"

    @property
    def off_platform(self) -> bool:
        return self in OFF_PLATFORM_METHODS


OFF_PLATFORM_METHODS = frozenset(
    {PaymentMethod.BANK_TRANSFER, PaymentMethod.CASH, PaymentMethod.CHEQUE}
)


class PaymentStatus(StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class Payment(IdMixin, CreatedAtMixin, Base):
    """Money from a tenant towards one lease. Off-platform payments are recorded by the staff
    member who confirmed them; card payments are confirmed by the gateway."""

    __tablename__ = "payments"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    lease_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("leases.id"), index=True)
    tenant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tenants.id"), index=True)
    method: Mapped[PaymentMethod] = mapped_column(enum_column(PaymentMethod, "payment_method"))
    status: Mapped[PaymentStatus] = mapped_column(enum_column(PaymentStatus, "payment_status"))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    received_on: Mapped[date | None]
    reference: Mapped[str | None] = mapped_column(String(200))
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))
    gateway_reference: Mapped[str | None] = mapped_column(String(200), unique=True)
    # The gateway payout that brought a card payment into the trust account (reconciliation).
    payout_reference: Mapped[str | None] = mapped_column(String(200), index=True)
    failure_reason: Mapped[str | None] = mapped_column(String(500))
    succeeded_at: Mapped[datetime | None]


class RefundStatus(StrEnum):
    PENDING_APPROVAL = "pending_approval"
    # Decided; a card refund waits for the gateway (the tick's refund drain sends it).
    PROCESSING = "processing"
    SUCCEEDED = "succeeded"
    REJECTED = "rejected"
    FAILED = "failed"


class Refund(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "refunds"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    payment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("payments.id"), index=True)
    status: Mapped[RefundStatus] = mapped_column(enum_column(RefundStatus, "refund_status"))
    amount: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(500))
    requested_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_users.id"))
    gateway_reference: Mapped[str | None] = mapped_column(String(200))
    failure_reason: Mapped[str | None] = mapped_column(String(500))
    completed_at: Mapped[datetime | None]


class Receipt(IdMixin, CreatedAtMixin, Base):
    """Every succeeded payment gets one, numbered per trust account without gaps."""

    __tablename__ = "receipts"
    __table_args__ = (UniqueConstraint("trust_account_id", "number"),)

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    trust_account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trust_accounts.id"))
    payment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("payments.id"), unique=True)
    number: Mapped[int] = mapped_column(BigInteger)
    issued_at: Mapped[datetime]
