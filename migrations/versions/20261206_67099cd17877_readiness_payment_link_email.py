"""Readiness overrides also record a payment link e-mailed despite blocking review items

Revision ID: 67099cd17877
Revises: 7d9b477db6ef
Create Date: 2026-12-06 15:00:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "67099cd17877"
down_revision: str | None = "7d9b477db6ef"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint(
        op.f("ck_readiness_overrides_readiness_action"), "readiness_overrides", type_="check"
    )
    op.create_check_constraint(
        op.f("ck_readiness_overrides_readiness_action"),
        "readiness_overrides",
        "action IN ('invite', 'invite_resend', 'payment_link', 'payment_link_email')",
    )


def downgrade() -> None:
    op.execute("DELETE FROM readiness_overrides WHERE action = 'payment_link_email'")
    op.drop_constraint(
        op.f("ck_readiness_overrides_readiness_action"), "readiness_overrides", type_="check"
    )
    op.create_check_constraint(
        op.f("ck_readiness_overrides_readiness_action"),
        "readiness_overrides",
        "action IN ('invite', 'invite_resend', 'payment_link')",
    )
