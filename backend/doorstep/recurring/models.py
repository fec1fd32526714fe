"""Recurring set-ups, the charges scheduled under them and the reminders sent to tenants."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, ForeignKey, Index, SmallInteger, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin
from doorstep.core.types import enum_column
from doorstep.recurring.transitions import ChargeStatus, FailureKind


class SetupMethod(StrEnum):
    CARD = "card"
    SEPA_DEBIT = "sepa_debit"


class SetupStatus(StrEnum):
    ACTIVE = "active"
    # The tenancy ended (vacated, cancelled, expired without holding over).
    ENDED = "ended"
    # The tenant or the agency stopped it.
    CANCELLED = "cancelled"


class RecurringSetup(IdMixin, CreatedAtMixin, Base):
    """A tenant's authorisation to take a lease's rent invoices from a saved card or a SEPA
    mandate without them being there. Only invoices issued and approved from the day after
    ``started_on`` are paid this way (seed 003)."""

    __tablename__ = "recurring_setups"
    __table_args__ = (
        Index(
            "uq_recurring_setups_lease_id_active",
            "lease_id",
            unique=True,
            postgresql_where=text("status = 'active'"),
        ),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    lease_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("leases.id"), index=True)
    tenant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), index=True
    )
    method: Mapped[SetupMethod] = mapped_column(enum_column(SetupMethod, "recurring_method"))
    status: Mapped[SetupStatus] = mapped_column(enum_column(SetupStatus, "recurring_status"))
    customer_ref: Mapped[str] = mapped_column(String(200))
    payment_method_ref: Mapped[str] = mapped_column(String(200))
    # What the tenant sees of the card or account ("visa •••• 4242").
    payment_method_label: Mapped[str] = mapped_column(String(100))
    # The rent the tenant agreed to at set-up: a reminder for another amount highlights it.
    agreed_amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    # The authorisation the tenant accepted: which text, when, from which client.
    authorisation_version: Mapped[str] = mapped_column(String(40))
    authorised_at: Mapped[datetime]
    authorised_client: Mapped[str] = mapped_column(String(300))
    # The set-up day in the agency's timezone.
    started_on: Mapped[date]
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(100))


class ScheduledCharge(IdMixin, CreatedAtMixin, Base):
    """One invoice to be taken under a set-up. The reminder freezes ``reminded_amount``; the
    charge happens on or after ``charge_not_before`` (the due date, but never sooner than three
    days after the reminder) and only for exactly that amount. Its status moves only through
    ``recurring.transitions``."""

    __tablename__ = "scheduled_charges"
    __table_args__ = (
        UniqueConstraint("setup_id", "invoice_id"),
        # The database, not the code, guarantees one charge under way per invoice.
        Index(
            "uq_scheduled_charges_invoice_id_in_flight",
            "invoice_id",
            unique=True,
            postgresql_where=text("status IN ('charging', 'processing', 'unknown')"),
        ),
        Index("ix_scheduled_charges_status_charge_not_before", "status", "charge_not_before"),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    setup_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("recurring_setups.id", ondelete="CASCADE"), index=True
    )
    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id"), index=True)
    status: Mapped[ChargeStatus] = mapped_column(enum_column(ChargeStatus, "charge_status"))
    due_date: Mapped[date]
    currency: Mapped[str] = mapped_column(String(3))
    reminded_at: Mapped[datetime | None]
    reminded_amount: Mapped[int | None] = mapped_column(BigInteger)
    charge_not_before: Mapped[date | None]
    # Derived from the charge's id: every retry sends the same key to the gateway.
    gateway_key: Mapped[str] = mapped_column(String(200), unique=True)
    # The pending payment recorded (through the payments module) before the gateway is asked.
    payment_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("payments.id"), unique=True)
    intent_ref: Mapped[str | None] = mapped_column(String(200), unique=True)
    attempts: Mapped[int] = mapped_column(SmallInteger, server_default=text("0"))
    next_attempt_at: Mapped[datetime | None]
    failure_kind: Mapped[FailureKind | None] = mapped_column(
        enum_column(FailureKind, "charge_failure_kind")
    )
    failure_reason: Mapped[str | None] = mapped_column(String(500))
    settled_at: Mapped[datetime | None]


class ReminderKind(StrEnum):
    # Everyone with an open invoice, whatever way they pay.
    DUE_SOON = "due_soon"
    # Recurring tenants instead: the exact amount that will be taken, and when.
    PRE_CHARGE = "pre_charge"
    # A recurring charge did not happen or was refused: pay by hand.
    PAYMENT_UNSUCCESSFUL = "payment_unsuccessful"


class PaymentReminder(IdMixin, CreatedAtMixin, Base):
    """A reminder sent about an invoice: never twice for the same invoice and kind. The
    tenant's payment history lists them."""

    __tablename__ = "payment_reminders"
    __table_args__ = (UniqueConstraint("invoice_id", "kind"),)

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    lease_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("leases.id"), index=True)
    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id"))
    kind: Mapped[ReminderKind] = mapped_column(enum_column(ReminderKind, "reminder_kind"))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    # The set-up amount differed: the e-mail said so.
    amount_changed: Mapped[bool] = mapped_column(server_default=text("false"))
    sent_at: Mapped[datetime]
