"""collections: follow-ups, bank statements and lines, trust-account bank details

Revision ID: c0113c7e0a11
Revises: 7d3c5a9e1f42
Create Date: 2026-11-23 17:20:50.404276+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c0113c7e0a11"
down_revision: str | None = "7d3c5a9e1f42"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "bank_statements",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("first_date", sa.Date(), nullable=False),
        sa.Column("last_date", sa.Date(), nullable=False),
        sa.Column("imported_by_id", sa.Uuid(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_bank_statements_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["imported_by_id"],
            ["staff_users.id"],
            name=op.f("fk_bank_statements_imported_by_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_statements")),
        sa.UniqueConstraint(
            "agency_id", "file_sha256", name=op.f("uq_bank_statements_agency_id_file_sha256")
        ),
    )
    op.create_index(
        op.f("ix_bank_statements_agency_id"), "bank_statements", ["agency_id"], unique=False
    )
    op.create_table(
        "collection_follow_ups",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("lease_id", sa.Uuid(), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "email",
                name="follow_up_channel",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("recipients", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("overdue_total", sa.BigInteger(), nullable=False),
        sa.Column("credit", sa.BigInteger(), nullable=False),
        sa.Column("invoices", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("note", sa.String(length=2000), nullable=True),
        sa.Column("sent_by_id", sa.Uuid(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum(
                "promised_to_pay",
                "payment_plan",
                "paid",
                "disputed",
                "no_response",
                "unreachable",
                "other",
                name="follow_up_outcome",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("outcome_note", sa.String(length=2000), nullable=True),
        sa.Column("outcome_by_id", sa.Uuid(), nullable=True),
        sa.Column("outcome_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("escalated_by_id", sa.Uuid(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_by_id", sa.Uuid(), nullable=True),
        sa.Column("review_note", sa.String(length=2000), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(reviewed_at IS NULL) OR (escalated_at IS NOT NULL)",
            name=op.f("ck_collection_follow_ups_reviewed_when_escalated"),
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_collection_follow_ups_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["escalated_by_id"],
            ["staff_users.id"],
            name=op.f("fk_collection_follow_ups_escalated_by_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["lease_id"], ["leases.id"], name=op.f("fk_collection_follow_ups_lease_id_leases")
        ),
        sa.ForeignKeyConstraint(
            ["outcome_by_id"],
            ["staff_users.id"],
            name=op.f("fk_collection_follow_ups_outcome_by_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by_id"],
            ["staff_users.id"],
            name=op.f("fk_collection_follow_ups_reviewed_by_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["sent_by_id"],
            ["staff_users.id"],
            name=op.f("fk_collection_follow_ups_sent_by_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collection_follow_ups")),
    )
    op.create_index(
        op.f("ix_collection_follow_ups_agency_id"),
        "collection_follow_ups",
        ["agency_id"],
        unique=False,
    )
    op.create_index(
        "ix_collection_follow_ups_lease_id_sent_at",
        "collection_follow_ups",
        ["lease_id", "sent_at"],
        unique=False,
    )
    op.create_table(
        "bank_statement_lines",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("statement_id", sa.Uuid(), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("booked_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column(
            "direction",
            sa.Enum(
                "credit",
                "debit",
                name="line_direction",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("reference", sa.String(length=500), nullable=False),
        sa.Column("counterparty", sa.String(length=300), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "unmatched",
                "matched",
                "ignored",
                name="statement_line_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "match_kind",
            sa.Enum(
                "payment",
                "invoice",
                "payout",
                name="match_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "matched_automatically", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        sa.Column("payment_id", sa.Uuid(), nullable=True),
        sa.Column("invoice_id", sa.Uuid(), nullable=True),
        sa.Column("payout_reference", sa.String(length=200), nullable=True),
        sa.Column("ignore_reason", sa.String(length=500), nullable=True),
        sa.Column("resolved_by_id", sa.Uuid(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.CheckConstraint(
            "(status = 'matched') = (match_kind IS NOT NULL)",
            name=op.f("ck_bank_statement_lines_matched_has_kind"),
        ),
        sa.CheckConstraint(
            "direction = 'credit' OR status = 'ignored'",
            name=op.f("ck_bank_statement_lines_debits_are_not_matched"),
        ),
        sa.CheckConstraint("amount <> 0", name=op.f("ck_bank_statement_lines_amount_not_zero")),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_bank_statement_lines_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
            name=op.f("fk_bank_statement_lines_invoice_id_invoices"),
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"],
            ["payments.id"],
            name=op.f("fk_bank_statement_lines_payment_id_payments"),
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["staff_users.id"],
            name=op.f("fk_bank_statement_lines_resolved_by_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["bank_statements.id"],
            name=op.f("fk_bank_statement_lines_statement_id_bank_statements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_statement_lines")),
        sa.UniqueConstraint(
            "agency_id",
            "payout_reference",
            name=op.f("uq_bank_statement_lines_agency_id_payout_reference"),
        ),
        sa.UniqueConstraint("payment_id", name=op.f("uq_bank_statement_lines_payment_id")),
    )
    op.create_index(
        "ix_bank_statement_lines_agency_id_status",
        "bank_statement_lines",
        ["agency_id", "status"],
        unique=False,
    )
    op.create_index(
        op.f("ix_bank_statement_lines_statement_id"),
        "bank_statement_lines",
        ["statement_id"],
        unique=False,
    )
    op.add_column("trust_accounts", sa.Column("iban", sa.String(length=34), nullable=True))
    op.add_column("trust_accounts", sa.Column("bic", sa.String(length=11), nullable=True))
    op.add_column(
        "trust_accounts", sa.Column("account_number", sa.String(length=60), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("trust_accounts", "account_number")
    op.drop_column("trust_accounts", "bic")
    op.drop_column("trust_accounts", "iban")
    op.drop_index(op.f("ix_bank_statement_lines_statement_id"), table_name="bank_statement_lines")
    op.drop_index("ix_bank_statement_lines_agency_id_status", table_name="bank_statement_lines")
    op.drop_table("bank_statement_lines")
    op.drop_index("ix_collection_follow_ups_lease_id_sent_at", table_name="collection_follow_ups")
    op.drop_index(op.f("ix_collection_follow_ups_agency_id"), table_name="collection_follow_ups")
    op.drop_table("collection_follow_ups")
    op.drop_index(op.f("ix_bank_statements_agency_id"), table_name="bank_statements")
    op.drop_table("bank_statements")
