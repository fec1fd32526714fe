"""A deleted customer's tenant row stays as an anonymised tombstone: who deleted it and when

Revision ID: c7d8e9f0a1b2
Revises: a7c3e91f5b20
Create Date: 2026-12-06 11:40:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c7d8e9f0a1b2"
down_revision: str | None = "a7c3e91f5b20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("tenants", sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("tenants", sa.Column("deleted_by_id", sa.Uuid(), nullable=True))
    op.create_foreign_key(
        op.f("fk_tenants_deleted_by_id_staff_users"),
        "tenants",
        "staff_users",
        ["deleted_by_id"],
        ["id"],
    )
    op.create_check_constraint(
        op.f("ck_tenants_deleted_has_author"),
        "tenants",
        "(deleted_at IS NULL) = (deleted_by_id IS NULL)",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_tenants_deleted_has_author"), "tenants", type_="check")
    op.drop_constraint(op.f("fk_tenants_deleted_by_id_staff_users"), "tenants", type_="foreignkey")
    op.drop_column("tenants", "deleted_by_id")
    op.drop_column("tenants", "deleted_at")
