"""A change of the approval threshold is recorded, and can wait for a second owner

Revision ID: d8e9f0a1b2c3
Revises: d5e6f7a8b9c0
Create Date: 2026-12-06 08:40:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d8e9f0a1b2c3"
down_revision: str | None = "d5e6f7a8b9c0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint(op.f("ck_approvals_approval_kind"), "approvals", type_="check")
    op.create_check_constraint(
        op.f("ck_approvals_approval_kind"),
        "approvals",
        "kind IN ('credit_note', 'refund', 'threshold_change')",
    )
    op.create_table(
        "approval_threshold_changes",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("old_threshold", sa.BigInteger(), nullable=False),
        sa.Column("new_threshold", sa.BigInteger(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "applied",
                "rejected",
                name="threshold_change_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("requested_by_id", sa.Uuid(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
            name=op.f("fk_approval_threshold_changes_agency_id_agencies"),
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["staff_users.id"],
            name=op.f("fk_approval_threshold_changes_requested_by_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approval_threshold_changes")),
    )
    op.create_index(
        op.f("ix_approval_threshold_changes_agency_id"),
        "approval_threshold_changes",
        ["agency_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_approval_threshold_changes_agency_id"), table_name="approval_threshold_changes"
    )
    op.drop_table("approval_threshold_changes")
    op.execute("DELETE FROM approvals WHERE kind = 'threshold_change'")
    op.drop_constraint(op.f("ck_approvals_approval_kind"), "approvals", type_="check")
    op.create_check_constraint(
        op.f("ck_approvals_approval_kind"), "approvals", "kind IN ('credit_note', 'refund')"
    )
