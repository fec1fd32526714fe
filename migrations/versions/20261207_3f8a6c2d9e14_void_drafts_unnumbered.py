"""A draft invoice can be voided without taking a number: it was never sent, so it stays out of
the gapless numbering. Open invoices still always carry their number, drafts never do.

Revision ID: 3f8a6c2d9e14
Revises: e5b21c7f0a94
Create Date: 2026-12-07 14:30:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "3f8a6c2d9e14"
down_revision: str | None = "e5b21c7f0a94"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NAME = "ck_invoices_numbered_once_approved"


def upgrade() -> None:
    op.drop_constraint(op.f(_NAME), "invoices", type_="check")
    op.create_check_constraint(
        op.f(_NAME),
        "invoices",
        "(status <> 'draft' OR number IS NULL) AND (status <> 'open' OR number IS NOT NULL)",
    )


def downgrade() -> None:
    # The old rule has no place for a draft voided unnumbered; refuse rather than invent a
    # number or bring the draft back.
    op.execute(
        "DO $$ BEGIN IF EXISTS (SELECT 1 FROM invoices WHERE status = 'void' AND number IS NULL)"
        " THEN RAISE EXCEPTION 'void drafts without a number exist; they cannot be downgraded';"
        " END IF; END $$"
    )
    op.drop_constraint(op.f(_NAME), "invoices", type_="check")
    op.create_check_constraint(op.f(_NAME), "invoices", "(status = 'draft') = (number IS NULL)")
