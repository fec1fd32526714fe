"""Staff e-mail addresses are unique within an agency, not across Doorstep

Revision ID: e1f2a3b4c5d6
Revises: d8e9f0a1b2c3
Create Date: 2026-12-06 08:55:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e1f2a3b4c5d6"
down_revision: str | None = "d8e9f0a1b2c3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "uq_staff_users_agency_id_email",
        "staff_users",
        ["agency_id", sa.literal_column("lower(email)")],
        unique=True,
    )
    op.drop_index("uq_staff_users_email", table_name="staff_users")


def downgrade() -> None:
    # Fails while two agencies have staff with one address: which of them loses it is not a
    # decision a downgrade can make.
    op.create_index(
        "uq_staff_users_email", "staff_users", [sa.literal_column("lower(email)")], unique=True
    )
    op.drop_index("uq_staff_users_agency_id_email", table_name="staff_users")
