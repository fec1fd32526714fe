"""Onboarding flows can be archived: no longer offered for new invites, kept for those sent

Revision ID: 9808e6525eaa
Revises: 67099cd17877
Create Date: 2026-12-06 15:10:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9808e6525eaa"
down_revision: str | None = "67099cd17877"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "onboarding_flows", sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("onboarding_flows", "archived_at")
