"""A card entered to pay an invoice is kept only when the tenant asks and the payment succeeds

Revision ID: 7d9b477db6ef
Revises: 443917c39960
Create Date: 2026-12-06 15:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7d9b477db6ef"
down_revision: str | None = "443917c39960"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "card_charges",
        sa.Column("entered_card", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column(
        "card_charges",
        sa.Column("keep_card", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column(
        "card_charges", sa.Column("card_released_at", sa.DateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("card_charges", "card_released_at")
    op.drop_column("card_charges", "keep_card")
    op.drop_column("card_charges", "entered_card")
