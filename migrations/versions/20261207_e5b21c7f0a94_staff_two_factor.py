"""Two-step sign-in for staff: the authenticator's secret, recovery codes, login challenges.

Revision ID: e5b21c7f0a94
Revises: 5e4c0d1a9b77
Create Date: 2026-12-07 11:10:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e5b21c7f0a94"
down_revision: str | None = "5e4c0d1a9b77"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "staff_two_factor",
        sa.Column("staff_user_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("secret", sa.LargeBinary(), nullable=False),
        sa.Column("setup_started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("enabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_used_step", sa.BigInteger(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_staff_two_factor_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["staff_user_id"],
            ["staff_users.id"],
            name=op.f("fk_staff_two_factor_staff_user_id_staff_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_two_factor")),
        sa.UniqueConstraint("staff_user_id", name=op.f("uq_staff_two_factor_staff_user_id")),
    )
    op.create_index(
        op.f("ix_staff_two_factor_agency_id"), "staff_two_factor", ["agency_id"], unique=False
    )
    op.create_table(
        "two_factor_recovery_codes",
        sa.Column("staff_user_id", sa.Uuid(), nullable=False),
        sa.Column("code_digest", sa.String(length=64), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["staff_user_id"],
            ["staff_users.id"],
            name=op.f("fk_two_factor_recovery_codes_staff_user_id_staff_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_two_factor_recovery_codes")),
        sa.UniqueConstraint(
            "staff_user_id",
            "code_digest",
            name=op.f("uq_two_factor_recovery_codes_staff_user_id_code_digest"),
        ),
    )
    op.create_index(
        op.f("ix_two_factor_recovery_codes_staff_user_id"),
        "two_factor_recovery_codes",
        ["staff_user_id"],
        unique=False,
    )
    op.create_table(
        "login_challenges",
        sa.Column("staff_user_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_login_challenges_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["staff_user_id"],
            ["staff_users.id"],
            name=op.f("fk_login_challenges_staff_user_id_staff_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_challenges")),
        sa.UniqueConstraint("token_digest", name=op.f("uq_login_challenges_token_digest")),
    )
    op.create_index(
        op.f("ix_login_challenges_agency_id"), "login_challenges", ["agency_id"], unique=False
    )
    op.create_index(
        op.f("ix_login_challenges_staff_user_id"),
        "login_challenges",
        ["staff_user_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_login_challenges_staff_user_id"), table_name="login_challenges")
    op.drop_index(op.f("ix_login_challenges_agency_id"), table_name="login_challenges")
    op.drop_table("login_challenges")
    op.drop_index(
        op.f("ix_two_factor_recovery_codes_staff_user_id"), table_name="two_factor_recovery_codes"
    )
    op.drop_table("two_factor_recovery_codes")
    op.drop_index(op.f("ix_staff_two_factor_agency_id"), table_name="staff_two_factor")
    op.drop_table("staff_two_factor")
