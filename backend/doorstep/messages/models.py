"""Conversations between a tenant and their letting agency about a lease, and their messages:
an archive neither side edits or deletes (seed 002, "all communications between tenant and
manager are archived in the portal")."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin
from doorstep.core.types import enum_column

MAX_SUBJECT = 200
MAX_BODY = 5000


class ConversationStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Conversation(IdMixin, CreatedAtMixin, Base):
    """One thread between a tenant and the agency about one of the tenant's leases.

    The read state is kept on the row so that the unread counts are cheap: how many staff
    messages the tenant has not opened (``tenant_unread``) and how many tenant messages no staff
    member has opened (``agency_unread``). Who opened them and when is on each message."""

    __tablename__ = "conversations"
    __table_args__ = (
        CheckConstraint("tenant_unread >= 0 AND agency_unread >= 0", name="unread_not_negative"),
        CheckConstraint(
            "(status = 'closed') = (closed_at IS NOT NULL)", name="closed_has_closed_at"
        ),
        # The staff inbox: an agency's conversations by last activity.
        Index(
            "ix_conversations_agency_id_last_message_at_id", "agency_id", "last_message_at", "id"
        ),
        # The agency's unread count reads only the conversations that have one.
        Index(
            "ix_conversations_agency_id_unread",
            "agency_id",
            postgresql_where=text("agency_unread > 0"),
        ),
        # The tenant's list and unread total.
        Index(
            "ix_conversations_tenant_id_last_message_at_id", "tenant_id", "last_message_at", "id"
        ),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    lease_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("leases.id"), index=True)
    tenant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tenants.id"))
    subject: Mapped[str] = mapped_column(String(MAX_SUBJECT))
    status: Mapped[ConversationStatus] = mapped_column(
        enum_column(ConversationStatus, "conversation_status")
    )
    started_by_staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))
    started_at: Mapped[datetime]
    last_message_at: Mapped[datetime]
    message_count: Mapped[int]
    tenant_unread: Mapped[int]
    agency_unread: Mapped[int]
    closed_at: Mapped[datetime | None]
    closed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))


class Message(IdMixin, CreatedAtMixin, Base):
    """One message, written by the tenant or by a staff member, never changed afterwards.
    A tenant's message records which staff member first opened it and when; a staff message
    records when the tenant first opened it."""

    __tablename__ = "conversation_messages"
    __table_args__ = (
        CheckConstraint(
            "(author_tenant_id IS NULL) <> (author_staff_id IS NULL)", name="one_author"
        ),
        Index(
            "ix_conversation_messages_conversation_id_sent_at_id",
            "conversation_id",
            "sent_at",
            "id",
        ),
    )

    conversation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("conversations.id"))
    author_tenant_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("tenants.id"))
    author_staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))
    body: Mapped[str] = mapped_column(String(MAX_BODY))
    sent_at: Mapped[datetime]
    read_at: Mapped[datetime | None]
    read_by_staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))
