"""Onboarding: reusable tasks, flows built from them, invites with magic links and progress

Revision ID: d5e6f7a8b9c0
Revises: c4d5e6f7a8b9
Create Date: 2026-12-06 08:14:44.982424+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "d5e6f7a8b9c0"
down_revision: str | None = "c4d5e6f7a8b9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "onboarding_flows",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_onboarding_flows_agency_id_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_onboarding_flows")),
    )
    op.create_index(
        op.f("ix_onboarding_flows_agency_id"), "onboarding_flows", ["agency_id"], unique=False
    )
    op.create_table(
        "onboarding_tasks",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "form",
                "document_upload",
                "read_and_accept",
                "payment",
                name="onboarding_task_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("is_onboarding", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column(
            "config",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column("text_version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_onboarding_tasks_agency_id_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_onboarding_tasks")),
    )
    op.create_index(
        op.f("ix_onboarding_tasks_agency_id"), "onboarding_tasks", ["agency_id"], unique=False
    )
    op.create_table(
        "onboarding_flow_steps",
        sa.Column("flow_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("task_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["flow_id"],
            ["onboarding_flows.id"],
            name=op.f("fk_onboarding_flow_steps_flow_id_onboarding_flows"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["onboarding_tasks.id"],
            name=op.f("fk_onboarding_flow_steps_task_id_onboarding_tasks"),
        ),
        sa.PrimaryKeyConstraint("flow_id", "position", name=op.f("pk_onboarding_flow_steps")),
    )
    op.create_index(
        op.f("ix_onboarding_flow_steps_task_id"), "onboarding_flow_steps", ["task_id"], unique=False
    )
    op.create_table(
        "onboarding_invites",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("flow_id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=True),
        sa.Column("lease_id", sa.Uuid(), nullable=True),
        sa.Column("first_name", sa.String(length=200), nullable=False),
        sa.Column("last_name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "used",
                "expired",
                "cancelled",
                name="onboarding_invite_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("token_salt", sa.String(length=32), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("send_count", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reminders_sent", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(status = 'used') = (used_at IS NOT NULL)",
            name=op.f("ck_onboarding_invites_used_has_time"),
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_onboarding_invites_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_users.id"],
            name=op.f("fk_onboarding_invites_created_by_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["flow_id"],
            ["onboarding_flows.id"],
            name=op.f("fk_onboarding_invites_flow_id_onboarding_flows"),
        ),
        sa.ForeignKeyConstraint(
            ["lease_id"], ["leases.id"], name=op.f("fk_onboarding_invites_lease_id_leases")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_onboarding_invites_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_onboarding_invites")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_onboarding_invites_token_hash")),
    )
    op.create_index(
        op.f("ix_onboarding_invites_agency_id"), "onboarding_invites", ["agency_id"], unique=False
    )
    op.create_index(
        op.f("ix_onboarding_invites_flow_id"), "onboarding_invites", ["flow_id"], unique=False
    )
    op.create_index(
        op.f("ix_onboarding_invites_lease_id"), "onboarding_invites", ["lease_id"], unique=False
    )
    op.create_index(
        "ix_onboarding_invites_pending_expires_at",
        "onboarding_invites",
        ["expires_at"],
        unique=False,
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index(
        op.f("ix_onboarding_invites_tenant_id"), "onboarding_invites", ["tenant_id"], unique=False
    )
    op.create_table(
        "onboarding_invite_steps",
        sa.Column("invite_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("task_id", sa.Uuid(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("invoice_id", sa.Uuid(), nullable=True),
        sa.Column("answers", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("accepted_text_version", sa.Integer(), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "amount IS NULL OR amount > 0", name=op.f("ck_onboarding_invite_steps_amount_positive")
        ),
        sa.ForeignKeyConstraint(
            ["invite_id"],
            ["onboarding_invites.id"],
            name=op.f("fk_onboarding_invite_steps_invite_id_onboarding_invites"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
            name=op.f("fk_onboarding_invite_steps_invoice_id_invoices"),
        ),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["onboarding_tasks.id"],
            name=op.f("fk_onboarding_invite_steps_task_id_onboarding_tasks"),
        ),
        sa.PrimaryKeyConstraint("invite_id", "position", name=op.f("pk_onboarding_invite_steps")),
    )
    op.create_index(
        op.f("ix_onboarding_invite_steps_invoice_id"),
        "onboarding_invite_steps",
        ["invoice_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_onboarding_invite_steps_task_id"),
        "onboarding_invite_steps",
        ["task_id"],
        unique=False,
    )
    op.create_table(
        "onboarding_invite_uploads",
        sa.Column("invite_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["invite_id"],
            ["onboarding_invites.id"],
            name=op.f("fk_onboarding_invite_uploads_invite_id_onboarding_invites"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("invite_id", "position", name=op.f("pk_onboarding_invite_uploads")),
    )


def downgrade() -> None:
    op.drop_table("onboarding_invite_uploads")
    op.drop_index(op.f("ix_onboarding_invite_steps_task_id"), table_name="onboarding_invite_steps")
    op.drop_index(
        op.f("ix_onboarding_invite_steps_invoice_id"), table_name="onboarding_invite_steps"
    )
    op.drop_table("onboarding_invite_steps")
    op.drop_index(op.f("ix_onboarding_invites_tenant_id"), table_name="onboarding_invites")
    op.drop_index(
        "ix_onboarding_invites_pending_expires_at",
        table_name="onboarding_invites",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.drop_index(op.f("ix_onboarding_invites_lease_id"), table_name="onboarding_invites")
    op.drop_index(op.f("ix_onboarding_invites_flow_id"), table_name="onboarding_invites")
    op.drop_index(op.f("ix_onboarding_invites_agency_id"), table_name="onboarding_invites")
    op.drop_table("onboarding_invites")
    op.drop_index(op.f("ix_onboarding_flow_steps_task_id"), table_name="onboarding_flow_steps")
    op.drop_table("onboarding_flow_steps")
    op.drop_index(op.f("ix_onboarding_tasks_agency_id"), table_name="onboarding_tasks")
    op.drop_table("onboarding_tasks")
    op.drop_index(op.f("ix_onboarding_flows_agency_id"), table_name="onboarding_flows")
    op.drop_table("onboarding_flows")
