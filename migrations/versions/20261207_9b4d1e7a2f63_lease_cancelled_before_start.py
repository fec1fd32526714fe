"""A tenancy cancelled before it starts ends the day before its first: a term of no days, so no
rent is owed. Only a cancelled lease may end that way; every other lease still ends on or after
its start.

Revision ID: 9b4d1e7a2f63
Revises: 3f8a6c2d9e14
Create Date: 2026-12-07 18:10:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "9b4d1e7a2f63"
down_revision: str | None = "3f8a6c2d9e14"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NAME = "ck_leases_end_after_start"


def upgrade() -> None:
    op.drop_constraint(op.f(_NAME), "leases", type_="check")
    op.create_check_constraint(
        op.f(_NAME),
        "leases",
        "end_date IS NULL OR end_date >= start_date"
        " OR (status = 'cancelled' AND end_date = start_date - 1)",
    )


def downgrade() -> None:
    # The old rule has no place for a term of no days; refuse rather than invent a day of rent.
    op.execute(
        "DO $$ BEGIN IF EXISTS (SELECT 1 FROM leases WHERE end_date < start_date)"
        " THEN RAISE EXCEPTION 'leases cancelled before they started exist; they cannot be"
        " downgraded'; END IF; END $$"
    )
    op.drop_constraint(op.f(_NAME), "leases", type_="check")
    op.create_check_constraint(op.f(_NAME), "leases", "end_date IS NULL OR end_date >= start_date")
