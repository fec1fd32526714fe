"""Tasks assigned to a tenant who already has a portal account, their uploaded files, and
archiving a task

Revision ID: c81f5a2d94e3
Revises: b7d41c9e2f60
Create Date: 2026-12-06 18:30:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c81f5a2d94e3"
down_revision: str | None = "b7d41c9e2f60"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "onboarding_tasks", sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.create_table(
        "task_assignments",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("task_id", sa.Uuid(), nullable=False),
        sa.Column("lease_id", sa.Uuid(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("invoice_id", sa.Uuid(), nullable=True),
        sa.Column("answers", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("accepted_text_version", sa.Integer(), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("assigned_by_id", sa.Uuid(), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_by_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "amount IS NULL OR amount > 0", name=op.f("ck_task_assignments_amount_positive")
        ),
        sa.CheckConstraint(
            "(cancelled_at IS NULL) = (cancelled_by_id IS NULL)",
            name=op.f("ck_task_assignments_cancelled_has_author"),
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_task_assignments_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_task_assignments_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["onboarding_tasks.id"],
            name=op.f("fk_task_assignments_task_id_onboarding_tasks"),
        ),
        sa.ForeignKeyConstraint(
            ["lease_id"], ["leases.id"], name=op.f("fk_task_assignments_lease_id_leases")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_task_assignments_invoice_id_invoices")
        ),
        sa.ForeignKeyConstraint(
            ["assigned_by_id"],
            ["staff_users.id"],
            name=op.f("fk_task_assignments_assigned_by_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["cancelled_by_id"],
            ["staff_users.id"],
            name=op.f("fk_task_assignments_cancelled_by_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_assignments")),
    )
    for column in ("agency_id", "task_id", "lease_id", "invoice_id"):
        op.create_index(
            op.f(f"ix_task_assignments_{column}"), "task_assignments", [column], unique=False
        )
    op.create_index(
        "ix_task_assignments_open_by_tenant",
        "task_assignments",
        ["tenant_id"],
        unique=False,
        postgresql_where=sa.text("cancelled_at IS NULL"),
    )
    op.create_table(
        "task_assignment_uploads",
        sa.Column("assignment_id", sa.Uuid(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["task_assignments.id"],
            name=op.f("fk_task_assignment_uploads_assignment_id_task_assignments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("assignment_id", name=op.f("pk_task_assignment_uploads")),
    )


def downgrade() -> None:
    op.drop_table("task_assignment_uploads")
    op.drop_index(
        "ix_task_assignments_open_by_tenant",
        table_name="task_assignments",
        postgresql_where=sa.text("cancelled_at IS NULL"),
    )
    for column in ("invoice_id", "lease_id", "task_id", "agency_id"):
        op.drop_index(op.f(f"ix_task_assignments_{column}"), table_name="task_assignments")
    op.drop_table("task_assignments")
    op.drop_column("onboarding_tasks", "archived_at")
