"""Money core: invoices, credit notes, payments, allocations, refunds, receipts, approvals,
idempotency keys, card payments and payment links, the e-mail outbox, collections follow-ups
and bank reconciliation.

Revision ID: a1b2c3d4e5f6
Revises: fe29a19d93a4
Create Date: 2026-11-23 18:21:44.614135+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "a1b2c3d4e5f6"
down_revision: str | None = "fe29a19d93a4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "document_sequences",
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("last_number", sa.BigInteger(), server_default=sa.text("0"), nullable=False),
        sa.PrimaryKeyConstraint("owner_id", "kind", name=op.f("pk_document_sequences")),
    )
    op.create_table(
        "gateway_events",
        sa.Column("event_ref", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=100), nullable=False),
        sa.Column("object_ref", sa.String(length=200), nullable=True),
        sa.Column("outcome", sa.String(length=200), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gateway_events")),
        sa.UniqueConstraint("event_ref", name=op.f("uq_gateway_events_event_ref")),
    )
    op.create_index(
        op.f("ix_gateway_events_object_ref"), "gateway_events", ["object_ref"], unique=False
    )
    op.create_table(
        "idempotency_records",
        sa.Column("scope", sa.String(length=100), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "claimed_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("response_status", sa.Integer(), nullable=True),
        sa.Column("response_body", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_records")),
        sa.UniqueConstraint("scope", "key", name=op.f("uq_idempotency_records_scope_key")),
    )
    op.create_table(
        "outbox_messages",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("dedupe_key", sa.String(length=200), nullable=True),
        sa.Column("from_name", sa.String(length=200), nullable=True),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("text_body", sa.Text(), nullable=False),
        sa.Column("html_body", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "queued",
                "sent",
                "failed",
                name="outbox_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            server_default="queued",
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=1000), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_outbox_messages_agency_id_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_messages")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_outbox_messages_dedupe_key")),
    )
    op.create_index(
        op.f("ix_outbox_messages_agency_id"), "outbox_messages", ["agency_id"], unique=False
    )
    op.create_index(
        "ix_outbox_messages_due",
        "outbox_messages",
        [sa.literal_column("next_attempt_at NULLS FIRST"), "id"],
        unique=False,
        postgresql_where=sa.text("status = 'queued'"),
    )
    op.create_table(
        "approvals",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "credit_note",
                "refund",
                name="approval_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("subject_id", sa.Uuid(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("summary", sa.String(length=500), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "approved",
                "rejected",
                name="approval_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("requested_by_id", sa.Uuid(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_approvals_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["staff_users.id"],
            name=op.f("fk_approvals_decided_by_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["staff_users.id"],
            name=op.f("fk_approvals_requested_by_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approvals")),
        sa.UniqueConstraint("subject_id", name=op.f("uq_approvals_subject_id")),
    )
    op.create_index(op.f("ix_approvals_agency_id"), "approvals", ["agency_id"], unique=False)
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
        "gateway_customers",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("customer_ref", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_gateway_customers_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_gateway_customers_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gateway_customers")),
        sa.UniqueConstraint("tenant_id", name=op.f("uq_gateway_customers_tenant_id")),
    )
    op.create_index(
        op.f("ix_gateway_customers_agency_id"), "gateway_customers", ["agency_id"], unique=False
    )
    op.create_table(
        "outbox_attachments",
        sa.Column("message_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("renderer", sa.String(length=64), nullable=True),
        sa.Column("renderer_ref", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.CheckConstraint(
            "content IS NOT NULL OR (renderer IS NOT NULL AND renderer_ref IS NOT NULL)",
            name=op.f("ck_outbox_attachments_content_or_renderer"),
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["outbox_messages.id"],
            name=op.f("fk_outbox_attachments_message_id_outbox_messages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_attachments")),
    )
    op.create_index(
        op.f("ix_outbox_attachments_message_id"), "outbox_attachments", ["message_id"], unique=False
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
        "invoices",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("lease_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "rent",
                "deposit",
                "fee",
                "other",
                name="invoice_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "open",
                "void",
                name="invoice_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("source_key", sa.String(length=120), nullable=True),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("approved_by_id", sa.Uuid(), nullable=True),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("voided_by_id", sa.Uuid(), nullable=True),
        sa.Column("void_reason", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(status = 'draft') = (number IS NULL)", name=op.f("ck_invoices_numbered_once_approved")
        ),
        sa.CheckConstraint(
            "period_end IS NULL OR period_end >= period_start",
            name=op.f("ck_invoices_period_order"),
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_invoices_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["approved_by_id"],
            ["staff_users.id"],
            name=op.f("fk_invoices_approved_by_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_users.id"],
            name=op.f("fk_invoices_created_by_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["lease_id"], ["leases.id"], name=op.f("fk_invoices_lease_id_leases")
        ),
        sa.ForeignKeyConstraint(
            ["voided_by_id"], ["staff_users.id"], name=op.f("fk_invoices_voided_by_id_staff_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoices")),
        sa.UniqueConstraint("agency_id", "number", name=op.f("uq_invoices_agency_id_number")),
        sa.UniqueConstraint("source_key", name=op.f("uq_invoices_source_key")),
    )
    op.create_index(op.f("ix_invoices_agency_id"), "invoices", ["agency_id"], unique=False)
    op.create_index(
        "ix_invoices_lease_id_due_date", "invoices", ["lease_id", "due_date"], unique=False
    )
    op.create_table(
        "payments",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("lease_id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column(
            "method",
            sa.Enum(
                "card",
                "payment_link",
                "bank_transfer",
                "cash",
                "cheque",
                name="payment_method",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "succeeded",
                "failed",
                name="payment_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("reference", sa.String(length=200), nullable=True),
        sa.Column("recorded_by_id", sa.Uuid(), nullable=True),
        sa.Column("gateway_reference", sa.String(length=200), nullable=True),
        sa.Column("payout_reference", sa.String(length=200), nullable=True),
        sa.Column("failure_reason", sa.String(length=500), nullable=True),
        sa.Column("succeeded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_payments_amount_positive")),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_payments_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["lease_id"], ["leases.id"], name=op.f("fk_payments_lease_id_leases")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["staff_users.id"],
            name=op.f("fk_payments_recorded_by_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_payments_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
        sa.UniqueConstraint("gateway_reference", name=op.f("uq_payments_gateway_reference")),
    )
    op.create_index(op.f("ix_payments_agency_id"), "payments", ["agency_id"], unique=False)
    op.create_index(op.f("ix_payments_lease_id"), "payments", ["lease_id"], unique=False)
    op.create_index(
        op.f("ix_payments_payout_reference"), "payments", ["payout_reference"], unique=False
    )
    op.create_index(op.f("ix_payments_tenant_id"), "payments", ["tenant_id"], unique=False)
    op.create_table(
        "allocations",
        sa.Column("payment_id", sa.Uuid(), nullable=False),
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("amount <> 0", name=op.f("ck_allocations_amount_not_zero")),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_allocations_invoice_id_invoices")
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payments.id"], name=op.f("fk_allocations_payment_id_payments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allocations")),
    )
    op.create_index(op.f("ix_allocations_invoice_id"), "allocations", ["invoice_id"], unique=False)
    op.create_index(op.f("ix_allocations_payment_id"), "allocations", ["payment_id"], unique=False)
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
    op.create_table(
        "credit_notes",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "credit",
                "write_off",
                name="credit_note_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "pending_approval",
                "applied",
                "rejected",
                name="credit_note_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("requested_by_id", sa.Uuid(), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(status = 'applied') = (number IS NOT NULL)",
            name=op.f("ck_credit_notes_numbered_when_applied"),
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_credit_notes_amount_positive")),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_credit_notes_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_credit_notes_invoice_id_invoices")
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["staff_users.id"],
            name=op.f("fk_credit_notes_requested_by_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_notes")),
        sa.UniqueConstraint("agency_id", "number", name=op.f("uq_credit_notes_agency_id_number")),
    )
    op.create_index(op.f("ix_credit_notes_agency_id"), "credit_notes", ["agency_id"], unique=False)
    op.create_index(
        op.f("ix_credit_notes_invoice_id"), "credit_notes", ["invoice_id"], unique=False
    )
    op.create_table(
        "invoice_lines",
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_invoice_lines_amount_positive")),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
            name=op.f("fk_invoice_lines_invoice_id_invoices"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_lines")),
    )
    op.create_index(
        op.f("ix_invoice_lines_invoice_id"), "invoice_lines", ["invoice_id"], unique=False
    )
    op.create_table(
        "payment_links",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("customer_ref", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_payment_links_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_users.id"],
            name=op.f("fk_payment_links_created_by_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_payment_links_invoice_id_invoices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_payment_links_token_hash")),
    )
    op.create_index(
        op.f("ix_payment_links_agency_id"), "payment_links", ["agency_id"], unique=False
    )
    op.create_index(
        op.f("ix_payment_links_invoice_id"), "payment_links", ["invoice_id"], unique=False
    )
    op.create_table(
        "receipts",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("trust_account_id", sa.Uuid(), nullable=False),
        sa.Column("payment_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_receipts_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payments.id"], name=op.f("fk_receipts_payment_id_payments")
        ),
        sa.ForeignKeyConstraint(
            ["trust_account_id"],
            ["trust_accounts.id"],
            name=op.f("fk_receipts_trust_account_id_trust_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipts")),
        sa.UniqueConstraint("payment_id", name=op.f("uq_receipts_payment_id")),
        sa.UniqueConstraint(
            "trust_account_id", "number", name=op.f("uq_receipts_trust_account_id_number")
        ),
    )
    op.create_index(op.f("ix_receipts_agency_id"), "receipts", ["agency_id"], unique=False)
    op.create_table(
        "refunds",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("payment_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending_approval",
                "processing",
                "succeeded",
                "rejected",
                "failed",
                name="refund_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("requested_by_id", sa.Uuid(), nullable=False),
        sa.Column("gateway_reference", sa.String(length=200), nullable=True),
        sa.Column("failure_reason", sa.String(length=500), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_refunds_amount_positive")),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_refunds_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payments.id"], name=op.f("fk_refunds_payment_id_payments")
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["staff_users.id"],
            name=op.f("fk_refunds_requested_by_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refunds")),
    )
    op.create_index(op.f("ix_refunds_agency_id"), "refunds", ["agency_id"], unique=False)
    op.create_index(op.f("ix_refunds_payment_id"), "refunds", ["payment_id"], unique=False)
    op.create_table(
        "card_charges",
        sa.Column("payment_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column("payment_link_id", sa.Uuid(), nullable=True),
        sa.Column("request_scope", sa.String(length=100), nullable=False),
        sa.Column("request_key", sa.String(length=200), nullable=False),
        sa.Column("customer_ref", sa.String(length=200), nullable=False),
        sa.Column("payment_method_ref", sa.String(length=200), nullable=False),
        sa.Column("intent_ref", sa.String(length=200), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_card_charges_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_card_charges_invoice_id_invoices")
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payments.id"], name=op.f("fk_card_charges_payment_id_payments")
        ),
        sa.ForeignKeyConstraint(
            ["payment_link_id"],
            ["payment_links.id"],
            name=op.f("fk_card_charges_payment_link_id_payment_links"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_charges")),
        sa.UniqueConstraint("intent_ref", name=op.f("uq_card_charges_intent_ref")),
        sa.UniqueConstraint("payment_id", name=op.f("uq_card_charges_payment_id")),
        sa.UniqueConstraint(
            "request_scope", "request_key", name=op.f("uq_card_charges_request_scope_request_key")
        ),
    )
    op.create_index(op.f("ix_card_charges_agency_id"), "card_charges", ["agency_id"], unique=False)
    op.create_index(
        op.f("ix_card_charges_invoice_id"), "card_charges", ["invoice_id"], unique=False
    )
    op.create_index(
        op.f("ix_card_charges_payment_link_id"), "card_charges", ["payment_link_id"], unique=False
    )
    op.create_index(
        "uq_card_charges_invoice_id_unsettled",
        "card_charges",
        ["invoice_id"],
        unique=True,
        postgresql_where=sa.text("settled_at IS NULL"),
    )
    op.add_column("leases", sa.Column("billing_starts_on", sa.Date(), nullable=True))
    # Leases already active start billing from the day the money core arrives.
    op.execute("UPDATE leases SET billing_starts_on = CURRENT_DATE WHERE status = 'active'")
    op.add_column("trust_accounts", sa.Column("iban", sa.String(length=34), nullable=True))
    op.add_column("trust_accounts", sa.Column("bic", sa.String(length=11), nullable=True))
    op.add_column(
        "trust_accounts", sa.Column("account_number", sa.String(length=60), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("trust_accounts", "account_number")
    op.drop_column("trust_accounts", "bic")
    op.drop_column("trust_accounts", "iban")
    op.drop_column("leases", "billing_starts_on")
    op.drop_index(
        "uq_card_charges_invoice_id_unsettled",
        table_name="card_charges",
        postgresql_where=sa.text("settled_at IS NULL"),
    )
    op.drop_index(op.f("ix_card_charges_payment_link_id"), table_name="card_charges")
    op.drop_index(op.f("ix_card_charges_invoice_id"), table_name="card_charges")
    op.drop_index(op.f("ix_card_charges_agency_id"), table_name="card_charges")
    op.drop_table("card_charges")
    op.drop_index(op.f("ix_refunds_payment_id"), table_name="refunds")
    op.drop_index(op.f("ix_refunds_agency_id"), table_name="refunds")
    op.drop_table("refunds")
    op.drop_index(op.f("ix_receipts_agency_id"), table_name="receipts")
    op.drop_table("receipts")
    op.drop_index(op.f("ix_payment_links_invoice_id"), table_name="payment_links")
    op.drop_index(op.f("ix_payment_links_agency_id"), table_name="payment_links")
    op.drop_table("payment_links")
    op.drop_index(op.f("ix_invoice_lines_invoice_id"), table_name="invoice_lines")
    op.drop_table("invoice_lines")
    op.drop_index(op.f("ix_credit_notes_invoice_id"), table_name="credit_notes")
    op.drop_index(op.f("ix_credit_notes_agency_id"), table_name="credit_notes")
    op.drop_table("credit_notes")
    op.drop_index(op.f("ix_bank_statement_lines_statement_id"), table_name="bank_statement_lines")
    op.drop_index("ix_bank_statement_lines_agency_id_status", table_name="bank_statement_lines")
    op.drop_table("bank_statement_lines")
    op.drop_index(op.f("ix_allocations_payment_id"), table_name="allocations")
    op.drop_index(op.f("ix_allocations_invoice_id"), table_name="allocations")
    op.drop_table("allocations")
    op.drop_index(op.f("ix_payments_tenant_id"), table_name="payments")
    op.drop_index(op.f("ix_payments_payout_reference"), table_name="payments")
    op.drop_index(op.f("ix_payments_lease_id"), table_name="payments")
    op.drop_index(op.f("ix_payments_agency_id"), table_name="payments")
    op.drop_table("payments")
    op.drop_index("ix_invoices_lease_id_due_date", table_name="invoices")
    op.drop_index(op.f("ix_invoices_agency_id"), table_name="invoices")
    op.drop_table("invoices")
    op.drop_index("ix_collection_follow_ups_lease_id_sent_at", table_name="collection_follow_ups")
    op.drop_index(op.f("ix_collection_follow_ups_agency_id"), table_name="collection_follow_ups")
    op.drop_table("collection_follow_ups")
    op.drop_index(op.f("ix_outbox_attachments_message_id"), table_name="outbox_attachments")
    op.drop_table("outbox_attachments")
    op.drop_index(op.f("ix_gateway_customers_agency_id"), table_name="gateway_customers")
    op.drop_table("gateway_customers")
    op.drop_index(op.f("ix_bank_statements_agency_id"), table_name="bank_statements")
    op.drop_table("bank_statements")
    op.drop_index(op.f("ix_approvals_agency_id"), table_name="approvals")
    op.drop_table("approvals")
    op.drop_index(
        "ix_outbox_messages_due",
        table_name="outbox_messages",
        postgresql_where=sa.text("status = 'queued'"),
    )
    op.drop_index(op.f("ix_outbox_messages_agency_id"), table_name="outbox_messages")
    op.drop_table("outbox_messages")
    op.drop_table("idempotency_records")
    op.drop_index(op.f("ix_gateway_events_object_ref"), table_name="gateway_events")
    op.drop_table("gateway_events")
    op.drop_table("document_sequences")
