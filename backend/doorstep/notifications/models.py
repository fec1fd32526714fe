"""The e-mail outbox: a message is a row written in the transaction of the change it reports."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin
from doorstep.core.encryption import EncryptedBytes
from doorstep.core.types import enum_column


class OutboxStatus(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"


class OutboxMessage(IdMixin, CreatedAtMixin, Base):
    """One e-mail to one recipient.

    Queued in the business transaction, so it exists exactly when the change it reports was
    committed; ``dedupe_key`` makes queuing idempotent. Delivery (the tick, or the job enqueued
    after commit) claims due rows with ``FOR UPDATE SKIP LOCKED`` and records each attempt here:
    ``next_attempt_at`` (NULL: due now) moves back exponentially after a failure, and the
    message is ``failed`` after the configured number of attempts or at a permanent refusal.
    """

    __tablename__ = "outbox_messages"
    __table_args__ = (
        Index(
            "ix_outbox_messages_due",
            text("next_attempt_at NULLS FIRST"),
            "id",
            postgresql_where=text("status = 'queued'"),
        ),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    kind: Mapped[str] = mapped_column(String(64))  # what it is about, e.g. "payment_receipt"
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    from_name: Mapped[str | None] = mapped_column(String(200))
    # Where a reply goes: the agency's contact e-mail (or its owner's), not DOORSTEP_MAIL_FROM's
    # no-reply address, since tenant e-mails invite a reply when the agency lists no contact.
    reply_to: Mapped[str | None] = mapped_column(String(254))
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(500))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str | None] = mapped_column(Text)
    status: Mapped[OutboxStatus] = mapped_column(
        enum_column(OutboxStatus, "outbox_status"), server_default=OutboxStatus.QUEUED.value
    )
    attempts: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    next_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(1000))
    sent_at: Mapped[datetime | None]


class OutboxAttachment(IdMixin, Base):
    """A file sent with a message.

    Either its bytes are given when the message is queued, or a registered renderer
    (``renderer`` + ``renderer_ref``, e.g. the PDF of receipt X) makes them at the first
    delivery attempt, outside the business transaction; they are stored then, so every retry
    sends the same file and the row keeps what was sent.
    """

    __tablename__ = "outbox_attachments"
    __table_args__ = (
        CheckConstraint(
            "content IS NOT NULL OR (renderer IS NOT NULL AND renderer_ref IS NOT NULL)",
            name="content_or_renderer",
        ),
    )

    message_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("outbox_messages.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(SmallInteger)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes | None] = mapped_column(EncryptedBytes("outbox_attachments.content"))
    renderer: Mapped[str | None] = mapped_column(String(64))
    renderer_ref: Mapped[str | None] = mapped_column(String(200))


class PushSubscription(IdMixin, CreatedAtMixin, Base):
    """One browser (device) of a tenant that accepted push notifications.

    The endpoint is the push service's URL for that browser: unique, since it names one
    browser, so subscribing again (new keys, or another tenant signing in on it) replaces the
    row rather than adding one. Deleting it (the tenant turned push off on that device, or the
    push service answered 404/410) drops its queued messages with it. Its existence is the
    device's preference: a device is notified exactly while it has a row.
    """

    __tablename__ = "push_subscriptions"

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    tenant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), index=True
    )
    endpoint: Mapped[str] = mapped_column(String(1000), unique=True)
    p256dh: Mapped[str] = mapped_column(String(200))  # the browser's P-256 key, base64url
    auth: Mapped[str] = mapped_column(String(100))  # its 16-byte auth secret, base64url
    device_label: Mapped[str | None] = mapped_column(String(200))


class PushMessage(IdMixin, CreatedAtMixin, Base):
    """One push notification to one subscription, queued in the business transaction like an
    e-mail (``OutboxMessage``) and delivered the same way: claimed with ``FOR UPDATE SKIP
    LOCKED``, attempts and back-off recorded here. ``payload`` is the JSON the service worker
    shows (title, body, url, tag): only what a lock screen may show."""

    __tablename__ = "push_messages"
    __table_args__ = (
        Index(
            "ix_push_messages_due",
            text("next_attempt_at NULLS FIRST"),
            "id",
            postgresql_where=text("status = 'queued'"),
        ),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    subscription_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("push_subscriptions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(64))
    dedupe_key: Mapped[str] = mapped_column(String(250), unique=True)
    payload: Mapped[str] = mapped_column(Text)
    urgency: Mapped[str] = mapped_column(String(16))
    ttl_seconds: Mapped[int] = mapped_column(Integer)
    status: Mapped[OutboxStatus] = mapped_column(
        enum_column(OutboxStatus, "push_status"), server_default=OutboxStatus.QUEUED.value
    )
    attempts: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    next_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(1000))
    sent_at: Mapped[datetime | None]
