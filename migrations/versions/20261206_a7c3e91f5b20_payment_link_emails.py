"""Payment links e-mailed by staff: who sent which link to whom, and when

Revision ID: a7c3e91f5b20
Revises: c4a7e2f19b30
Create Date: 2026-12-06 11:50:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "a7c3e91f5b20"
down_revision: str | None = "c4a7e2f19b30"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "payment_link_emails",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column("payment_link_id", sa.Uuid(), nullable=False),
        sa.Column("recipients", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("sent_by_id", sa.Uuid(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_payment_link_emails_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
            name=op.f("fk_payment_link_emails_invoice_id_invoices"),
        ),
        sa.ForeignKeyConstraint(
            ["payment_link_id"],
            ["payment_links.id"],
            name=op.f("fk_payment_link_emails_payment_link_id_payment_links"),
        ),
        sa.ForeignKeyConstraint(
            ["sent_by_id"],
            ["staff_users.id"],
            name=op.f("fk_payment_link_emails_sent_by_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_link_emails")),
        sa.UniqueConstraint("payment_link_id", name=op.f("uq_payment_link_emails_payment_link_id")),
    )
    op.create_index(
        op.f("ix_payment_link_emails_agency_id"), "payment_link_emails", ["agency_id"], unique=False
    )
    op.create_index(
        "ix_payment_link_emails_invoice_id_sent_at",
        "payment_link_emails",
        ["invoice_id", "sent_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_payment_link_emails_invoice_id_sent_at", table_name="payment_link_emails")
    op.drop_index(op.f("ix_payment_link_emails_agency_id"), table_name="payment_link_emails")
    op.drop_table("payment_link_emails")
