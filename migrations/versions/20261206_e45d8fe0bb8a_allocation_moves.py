"""Staff move an allocation by hand: who, why and which move each allocation row belongs to

Revision ID: e45d8fe0bb8a
Revises: a1f5fbe9c053
Create Date: 2026-12-06 15:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e45d8fe0bb8a"
down_revision: str | None = "a1f5fbe9c053"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("allocations", sa.Column("move_id", sa.Uuid(), nullable=True))
    op.add_column("allocations", sa.Column("moved_by_id", sa.Uuid(), nullable=True))
    op.add_column("allocations", sa.Column("move_reason", sa.String(length=500), nullable=True))
    op.create_foreign_key(
        op.f("fk_allocations_moved_by_id_staff_users"),
        "allocations",
        "staff_users",
        ["moved_by_id"],
        ["id"],
    )
    op.create_check_constraint(
        op.f("ck_allocations_move_recorded_whole"),
        "allocations",
        "(move_id IS NULL) = (moved_by_id IS NULL) AND (move_id IS NULL) = (move_reason IS NULL)",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_allocations_move_recorded_whole"), "allocations", type_="check")
    op.drop_constraint(
        op.f("fk_allocations_moved_by_id_staff_users"), "allocations", type_="foreignkey"
    )
    op.drop_column("allocations", "move_reason")
    op.drop_column("allocations", "moved_by_id")
    op.drop_column("allocations", "move_id")
