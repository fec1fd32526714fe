"""The staff incident queue's newest-first order reads incidents by report time.

Revision ID: d17f1374abb7
Revises: 2023f81e38ea
Create Date: 2026-12-07 08:30:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "d17f1374abb7"
down_revision: str | None = "2023f81e38ea"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_incidents_agency_id_reported_at_id",
        "incidents",
        ["agency_id", "reported_at", "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_incidents_agency_id_reported_at_id", table_name="incidents")
