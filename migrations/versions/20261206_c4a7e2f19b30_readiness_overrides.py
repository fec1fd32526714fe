"""Readiness overrides: invites and payment links sent despite blocking review items

Revision ID: c4a7e2f19b30
Revises: 98774325746d
Create Date: 2026-12-06 11:50:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c4a7e2f19b30"
down_revision: str | None = "98774325746d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "readiness_overrides",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column(
            "action",
            sa.Enum(
                "invite",
                "invite_resend",
                "payment_link",
                name="readiness_action",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("subject_id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=True),
        sa.Column("lease_id", sa.Uuid(), nullable=True),
        sa.Column("reason", sa.String(length=1000), nullable=False),
        sa.Column("blocking", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("overridden_by_id", sa.Uuid(), nullable=False),
        sa.Column("overridden_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_readiness_overrides_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["lease_id"], ["leases.id"], name=op.f("fk_readiness_overrides_lease_id_leases")
        ),
        sa.ForeignKeyConstraint(
            ["overridden_by_id"],
            ["staff_users.id"],
            name=op.f("fk_readiness_overrides_overridden_by_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_readiness_overrides_tenant_id_tenants"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_readiness_overrides")),
    )
    op.create_index(
        "ix_readiness_overrides_agency_id_overridden_at",
        "readiness_overrides",
        ["agency_id", "overridden_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_readiness_overrides_lease_id"), "readiness_overrides", ["lease_id"], unique=False
    )
    op.create_index(
        op.f("ix_readiness_overrides_tenant_id"), "readiness_overrides", ["tenant_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_readiness_overrides_tenant_id"), table_name="readiness_overrides")
    op.drop_index(op.f("ix_readiness_overrides_lease_id"), table_name="readiness_overrides")
    op.drop_index(
        "ix_readiness_overrides_agency_id_overridden_at", table_name="readiness_overrides"
    )
    op.drop_table("readiness_overrides")
