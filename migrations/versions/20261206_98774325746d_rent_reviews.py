"""Rent reviews: a lease's new rent from a date, with its history

Revision ID: 98774325746d
Revises: 9ba87506e84f
Create Date: 2026-12-06 08:47:01.200528+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "98774325746d"
down_revision: str | None = "9ba87506e84f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rent_reviews",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("lease_id", sa.Uuid(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("rent_amount", sa.BigInteger(), nullable=False),
        sa.Column("reviewed_by_id", sa.Uuid(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("rent_amount > 0", name=op.f("ck_rent_reviews_rent_positive")),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_rent_reviews_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["lease_id"],
            ["leases.id"],
            name=op.f("fk_rent_reviews_lease_id_leases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by_id"],
            ["staff_users.id"],
            name=op.f("fk_rent_reviews_reviewed_by_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rent_reviews")),
        sa.UniqueConstraint(
            "lease_id", "effective_from", name=op.f("uq_rent_reviews_lease_id_effective_from")
        ),
    )
    op.create_index(op.f("ix_rent_reviews_agency_id"), "rent_reviews", ["agency_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_rent_reviews_agency_id"), table_name="rent_reviews")
    op.drop_table("rent_reviews")
