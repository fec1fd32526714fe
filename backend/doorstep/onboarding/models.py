"""Onboarding: reusable tasks, flows built from them, invites (magic links) and each invitee's
progress through the steps of their flow (seed 001)."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin
from doorstep.core.encryption import EncryptedBytes
from doorstep.core.types import enum_column


class TaskKind(StrEnum):
    FORM = "form"
    DOCUMENT_UPLOAD = "document_upload"
    READ_AND_ACCEPT = "read_and_accept"
    PAYMENT = "payment"
    # Setting up recurring rent on the invite's lease (issue 13), offered only while the
    # agency has the feature on.
    RECURRING_SETUP = "recurring_setup"


class InviteStatus(StrEnum):
    """Seed 001: Pending, Used, Expired, Cancelled. The transitions live in
    ``service.INVITE_TRANSITIONS``."""

    PENDING = "pending"
    USED = "used"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class OnboardingTask(IdMixin, CreatedAtMixin, Base):
    """A reusable task. Only tasks with ``is_onboarding`` on can be steps of a flow.

    ``config`` depends on the kind: a form's ``fields`` ([{key, label, required}]), a
    document's ``document_label``, the ``text`` to read and accept (its ``text_version``
    goes up by one whenever the text changes, so an acceptance names what was read), or
    a payment step's ``description`` (the amount is set per invite). A recurring set-up step
    has no config: it sets up recurring rent on the invite's lease."""

    __tablename__ = "onboarding_tasks"

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[TaskKind] = mapped_column(enum_column(TaskKind, "onboarding_task_kind"))
    is_onboarding: Mapped[bool] = mapped_column(server_default=text("true"))
    config: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    text_version: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    # An archived task is no longer offered to assign; what was given with it keeps it.
    archived_at: Mapped[datetime | None]


class OnboardingFlow(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "onboarding_flows"

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    # An archived flow is no longer offered for new invites; invites sent with it keep their
    # own copy of its steps, so they are not affected.
    archived_at: Mapped[datetime | None]


class OnboardingFlowStep(Base):
    """A flow's tasks in order (positions 1, 2, ...)."""

    __tablename__ = "onboarding_flow_steps"

    flow_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("onboarding_flows.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    task_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("onboarding_tasks.id"), index=True)


class OnboardingInvite(IdMixin, CreatedAtMixin, Base):
    """An invitation to create a portal account through a magic link.

    The link's token is HMAC-SHA256(secret key, ``token_salt``): 128 random bits per sending,
    256 bits of token. Only the salt and the token's SHA-256 are kept, so the database alone
    never gives a working link, while the reminders can repeat the link of the sending they
    remind of. Resending draws a new salt (the old link dies) and restarts the 7 days.
    ``send_count`` numbers the sendings so each sending's e-mails have their own dedupe keys."""

    __tablename__ = "onboarding_invites"
    __table_args__ = (
        Index(
            "ix_onboarding_invites_pending_expires_at",
            "expires_at",
            postgresql_where=text("status = 'pending'"),
        ),
        CheckConstraint("(status = 'used') = (used_at IS NOT NULL)", name="used_has_time"),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    flow_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("onboarding_flows.id"), index=True)
    # Set when the invite is for an existing tenant record, or once the invite is used.
    tenant_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), index=True
    )
    # The lease the payment steps are invoiced on, and the new account joins (seed 000:
    # staff confirm the intended lease).
    lease_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("leases.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(200))
    last_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    status: Mapped[InviteStatus] = mapped_column(
        enum_column(InviteStatus, "onboarding_invite_status")
    )
    token_salt: Mapped[str] = mapped_column(String(32))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    send_count: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    sent_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    reminders_sent: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    last_reminded_at: Mapped[datetime | None]
    used_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    created_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_users.id"))


class InviteStep(Base):
    """One step of an invite: its task as the flow had it when the invite was sent, the
    amount of a payment step, and the invitee's progress and answers (saved on the server,
    so the tenant can stop and resume on another device)."""

    __tablename__ = "onboarding_invite_steps"
    __table_args__ = (CheckConstraint("amount IS NULL OR amount > 0", name="amount_positive"),)

    invite_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("onboarding_invites.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    task_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("onboarding_tasks.id"), index=True)
    amount: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str | None] = mapped_column(String(3))
    # The invoice a payment step is paid through (created when the invite is used).
    invoice_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("invoices.id"), index=True)
    answers: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    accepted_text_version: Mapped[int | None] = mapped_column(Integer)
    completed_at: Mapped[datetime | None]


class InviteUpload(Base):
    """The file of a document-upload step, apart from the step so lists never read it."""

    __tablename__ = "onboarding_invite_uploads"

    invite_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("onboarding_invites.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes] = mapped_column(EncryptedBytes("onboarding_invite_uploads.content"))
