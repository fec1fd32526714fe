"""Outbox messages carry the address replies go to (the agency's, not the no-reply sender).

Revision ID: c4a7e2f19b03
Revises: d17f1374abb7
Create Date: 2026-12-07 08:15:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c4a7e2f19b03"
down_revision: str | None = "d17f1374abb7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("outbox_messages", sa.Column("reply_to", sa.String(length=254), nullable=True))


def downgrade() -> None:
    op.drop_column("outbox_messages", "reply_to")
