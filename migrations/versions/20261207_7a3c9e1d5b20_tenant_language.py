"""Tenants' own language for their e-mails and documents.

Revision ID: 7a3c9e1d5b20
Revises: 3e08532abf49
Create Date: 2026-12-07 04:40:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7a3c9e1d5b20"
down_revision: str | None = "3e08532abf49"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("tenants", sa.Column("language", sa.String(length=8), nullable=True))
    op.create_check_constraint(
        op.f("ck_tenants_language_known"), "tenants", "language IN ('en', 'fr', 'nl')"
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_tenants_language_known"), "tenants", type_="check")
    op.drop_column("tenants", "language")
