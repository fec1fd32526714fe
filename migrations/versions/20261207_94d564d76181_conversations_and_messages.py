"""Conversations between tenants and their agency, and their messages (an archive).

Revision ID: 94d564d76181
Revises: 181295b9fd1e
Create Date: 2026-12-07 04:32:10.157045+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "94d564d76181"
down_revision: str | None = "181295b9fd1e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conversations",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("lease_id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "closed",
                name="conversation_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("started_by_staff_id", sa.Uuid(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_message_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("message_count", sa.Integer(), nullable=False),
        sa.Column("tenant_unread", sa.Integer(), nullable=False),
        sa.Column("agency_unread", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(status = 'closed') = (closed_at IS NOT NULL)",
            name=op.f("ck_conversations_closed_has_closed_at"),
        ),
        sa.CheckConstraint(
            "tenant_unread >= 0 AND agency_unread >= 0",
            name=op.f("ck_conversations_unread_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_conversations_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["closed_by_id"],
            ["staff_users.id"],
            name=op.f("fk_conversations_closed_by_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["lease_id"], ["leases.id"], name=op.f("fk_conversations_lease_id_leases")
        ),
        sa.ForeignKeyConstraint(
            ["started_by_staff_id"],
            ["staff_users.id"],
            name=op.f("fk_conversations_started_by_staff_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_conversations_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversations")),
    )
    op.create_index(
        "ix_conversations_agency_id_last_message_at_id",
        "conversations",
        ["agency_id", "last_message_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_conversations_agency_id_unread",
        "conversations",
        ["agency_id"],
        unique=False,
        postgresql_where=sa.text("agency_unread > 0"),
    )
    op.create_index(op.f("ix_conversations_lease_id"), "conversations", ["lease_id"], unique=False)
    op.create_index(
        "ix_conversations_tenant_id_last_message_at_id",
        "conversations",
        ["tenant_id", "last_message_at", "id"],
        unique=False,
    )
    op.create_table(
        "conversation_messages",
        sa.Column("conversation_id", sa.Uuid(), nullable=False),
        sa.Column("author_tenant_id", sa.Uuid(), nullable=True),
        sa.Column("author_staff_id", sa.Uuid(), nullable=True),
        sa.Column("body", sa.String(length=5000), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("read_by_staff_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(author_tenant_id IS NULL) <> (author_staff_id IS NULL)",
            name=op.f("ck_conversation_messages_one_author"),
        ),
        sa.ForeignKeyConstraint(
            ["author_staff_id"],
            ["staff_users.id"],
            name=op.f("fk_conversation_messages_author_staff_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["author_tenant_id"],
            ["tenants.id"],
            name=op.f("fk_conversation_messages_author_tenant_id_tenants"),
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_conversation_messages_conversation_id_conversations"),
        ),
        sa.ForeignKeyConstraint(
            ["read_by_staff_id"],
            ["staff_users.id"],
            name=op.f("fk_conversation_messages_read_by_staff_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_messages")),
    )
    op.create_index(
        "ix_conversation_messages_conversation_id_sent_at_id",
        "conversation_messages",
        ["conversation_id", "sent_at", "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        "ix_conversation_messages_conversation_id_sent_at_id", table_name="conversation_messages"
    )
    op.drop_table("conversation_messages")
    op.drop_index("ix_conversations_tenant_id_last_message_at_id", table_name="conversations")
    op.drop_index(op.f("ix_conversations_lease_id"), table_name="conversations")
    op.drop_index(
        "ix_conversations_agency_id_unread",
        table_name="conversations",
        postgresql_where=sa.text("agency_unread > 0"),
    )
    op.drop_index("ix_conversations_agency_id_last_message_at_id", table_name="conversations")
    op.drop_table("conversations")
