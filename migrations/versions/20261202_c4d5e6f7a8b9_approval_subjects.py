"""Approvals name the invoice or payment their decision is about

Revision ID: c4d5e6f7a8b9
Revises: b7c1d2e3f4a5
Create Date: 2026-12-02 21:40:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c4d5e6f7a8b9"
down_revision: str | None = "b7c1d2e3f4a5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("approvals", sa.Column("invoice_id", sa.Uuid(), nullable=True))
    op.add_column("approvals", sa.Column("payment_id", sa.Uuid(), nullable=True))
    op.create_foreign_key(
        op.f("fk_approvals_invoice_id_invoices"), "approvals", "invoices", ["invoice_id"], ["id"]
    )
    op.create_foreign_key(
        op.f("fk_approvals_payment_id_payments"), "approvals", "payments", ["payment_id"], ["id"]
    )
    # Approvals requested before this revision: their subject says where they belong.
    op.execute(
        "UPDATE approvals SET invoice_id = credit_notes.invoice_id FROM credit_notes "
        "WHERE approvals.kind = 'credit_note' AND credit_notes.id = approvals.subject_id"
    )
    op.execute(
        "UPDATE approvals SET payment_id = refunds.payment_id FROM refunds "
        "WHERE approvals.kind = 'refund' AND refunds.id = approvals.subject_id"
    )


def downgrade() -> None:
    op.drop_constraint(op.f("fk_approvals_payment_id_payments"), "approvals", type_="foreignkey")
    op.drop_constraint(op.f("fk_approvals_invoice_id_invoices"), "approvals", type_="foreignkey")
    op.drop_column("approvals", "payment_id")
    op.drop_column("approvals", "invoice_id")
