"""Online (card) payments: gateway customers, charge attempts, payment links, webhook events."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin


class GatewayCustomer(IdMixin, CreatedAtMixin, Base):
    """The gateway's customer for a tenant: where their saved cards live."""

    __tablename__ = "gateway_customers"

    tenant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), unique=True
    )
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    customer_ref: Mapped[str] = mapped_column(String(200))


class CardCharge(IdMixin, CreatedAtMixin, Base):
    """One attempt to take an invoice's money by card: the pending payment it created, the
    request that asked for it and the gateway's PaymentIntent.

    The PaymentIntent's id is recorded (committed) before the card is charged, so an attempt
    whose answer was lost (a crash, a timeout) is always found again; an attempt without one
    never reached the charge. At most one attempt per invoice is unsettled at a time.
    """

    __tablename__ = "card_charges"
    __table_args__ = (
        UniqueConstraint("request_scope", "request_key"),
        Index(
            "uq_card_charges_invoice_id_unsettled",
            "invoice_id",
            unique=True,
            postgresql_where=text("settled_at IS NULL"),
        ),
    )

    payment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("payments.id"), unique=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id"), index=True)
    payment_link_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("payment_links.id"), index=True
    )
    # Who asked (tenant or payment link) and their Idempotency-Key: the same key never
    # starts a second attempt, even if the idempotency record is gone.
    request_scope: Mapped[str] = mapped_column(String(100))
    request_key: Mapped[str] = mapped_column(String(200))
    customer_ref: Mapped[str] = mapped_column(String(200))
    payment_method_ref: Mapped[str] = mapped_column(String(200))
    intent_ref: Mapped[str | None] = mapped_column(String(200), unique=True)
    started_at: Mapped[datetime]
    confirmed_at: Mapped[datetime | None]
    settled_at: Mapped[datetime | None]
    # A card typed in for this payment (not one saved before): it stays on the tenant's
    # customer only if they asked to keep it (``keep_card``) and the payment succeeded; else
    # it is detached at the gateway once the payment is settled (``card_released_at``).
    entered_card: Mapped[bool] = mapped_column(default=False, server_default=false())
    keep_card: Mapped[bool] = mapped_column(default=False, server_default=false())
    card_released_at: Mapped[datetime | None]


class PaymentLink(IdMixin, CreatedAtMixin, Base):
    """A link staff send so an invoice can be paid by card without signing in. Only the
    token's SHA-256 is kept; the link dies at expiry or once the invoice is paid."""

    __tablename__ = "payment_links"

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # None: issued by Doorstep itself (a recurring charge that could not be taken).
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))
    expires_at: Mapped[datetime]
    # A guest customer at the gateway for whoever pays through the link: their card is never
    # saved on the tenant's own customer.
    customer_ref: Mapped[str | None] = mapped_column(String(200))


class GatewayEvent(IdMixin, CreatedAtMixin, Base):
    """Each webhook event, once: a delivery repeated ten times changes things once."""

    __tablename__ = "gateway_events"

    event_ref: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(100))
    object_ref: Mapped[str | None] = mapped_column(String(200), index=True)
    # What it did: applied, ignored (stale / not ours / nothing to do).
    outcome: Mapped[str] = mapped_column(String(200))
    received_at: Mapped[datetime]
