"""A payment can be a SEPA direct debit (the recurring charges taken from a mandate)

Revision ID: a1f5fbe9c053
Revises: 9808e6525eaa
Create Date: 2026-12-06 15:00:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "a1f5fbe9c053"
down_revision: str | None = "9808e6525eaa"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WITHOUT_SEPA = "'card', 'payment_link', 'bank_transfer', 'cash', 'cheque'"


def upgrade() -> None:
    op.drop_constraint(op.f("ck_payments_payment_method"), "payments", type_="check")
    op.create_check_constraint(
        op.f("ck_payments_payment_method"),
        "payments",
        f"method IN ({WITHOUT_SEPA}, 'sepa_debit')",
    )


def downgrade() -> None:
    # A SEPA debit was taken through the gateway as card payments are: it stays recorded,
    # under the nearest method the older schema knows.
    op.execute("UPDATE payments SET method = 'card' WHERE method = 'sepa_debit'")
    op.drop_constraint(op.f("ck_payments_payment_method"), "payments", type_="check")
    op.create_check_constraint(
        op.f("ck_payments_payment_method"), "payments", f"method IN ({WITHOUT_SEPA})"
    )
