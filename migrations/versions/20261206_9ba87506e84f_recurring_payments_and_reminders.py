"""Recurring rent payments: set-ups, scheduled charges, reminders sent; system-issued payment links

Revision ID: 9ba87506e84f
Revises: e1f2a3b4c5d6
Create Date: 2026-12-06 08:13:28.011109+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9ba87506e84f"
down_revision: str | None = "e1f2a3b4c5d6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "recurring_setups",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("lease_id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column(
            "method",
            sa.Enum(
                "card",
                "sepa_debit",
                name="recurring_method",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "ended",
                "cancelled",
                name="recurring_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("customer_ref", sa.String(length=200), nullable=False),
        sa.Column("payment_method_ref", sa.String(length=200), nullable=False),
        sa.Column("payment_method_label", sa.String(length=100), nullable=False),
        sa.Column("agreed_amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("authorisation_version", sa.String(length=40), nullable=False),
        sa.Column("authorised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("authorised_client", sa.String(length=300), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("end_reason", sa.String(length=100), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_recurring_setups_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["lease_id"], ["leases.id"], name=op.f("fk_recurring_setups_lease_id_leases")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_recurring_setups_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recurring_setups")),
    )
    op.create_index(
        op.f("ix_recurring_setups_agency_id"), "recurring_setups", ["agency_id"], unique=False
    )
    op.create_index(
        op.f("ix_recurring_setups_lease_id"), "recurring_setups", ["lease_id"], unique=False
    )
    op.create_index(
        op.f("ix_recurring_setups_tenant_id"), "recurring_setups", ["tenant_id"], unique=False
    )
    op.create_index(
        "uq_recurring_setups_lease_id_active",
        "recurring_setups",
        ["lease_id"],
        unique=True,
        postgresql_where=sa.text("status = 'active'"),
    )
    op.create_table(
        "payment_reminders",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("lease_id", sa.Uuid(), nullable=False),
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "due_soon",
                "pre_charge",
                "payment_unsuccessful",
                name="reminder_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("amount_changed", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_payment_reminders_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_payment_reminders_invoice_id_invoices")
        ),
        sa.ForeignKeyConstraint(
            ["lease_id"], ["leases.id"], name=op.f("fk_payment_reminders_lease_id_leases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_reminders")),
        sa.UniqueConstraint(
            "invoice_id", "kind", name=op.f("uq_payment_reminders_invoice_id_kind")
        ),
    )
    op.create_index(
        op.f("ix_payment_reminders_agency_id"), "payment_reminders", ["agency_id"], unique=False
    )
    op.create_index(
        op.f("ix_payment_reminders_lease_id"), "payment_reminders", ["lease_id"], unique=False
    )
    op.create_table(
        "scheduled_charges",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("setup_id", sa.Uuid(), nullable=False),
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "scheduled",
                "reminded",
                "charging",
                "processing",
                "unknown",
                "succeeded",
                "failed",
                "skipped",
                "cancelled",
                name="charge_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminded_amount", sa.BigInteger(), nullable=True),
        sa.Column("charge_not_before", sa.Date(), nullable=True),
        sa.Column("gateway_key", sa.String(length=200), nullable=False),
        sa.Column("payment_id", sa.Uuid(), nullable=True),
        sa.Column("intent_ref", sa.String(length=200), nullable=True),
        sa.Column("attempts", sa.SmallInteger(), server_default=sa.text("0"), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "failure_kind",
            sa.Enum(
                "amount_changed",
                "declined",
                "authentication_required",
                name="charge_failure_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("failure_reason", sa.String(length=500), nullable=True),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_scheduled_charges_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_scheduled_charges_invoice_id_invoices")
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payments.id"], name=op.f("fk_scheduled_charges_payment_id_payments")
        ),
        sa.ForeignKeyConstraint(
            ["setup_id"],
            ["recurring_setups.id"],
            name=op.f("fk_scheduled_charges_setup_id_recurring_setups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduled_charges")),
        sa.UniqueConstraint("gateway_key", name=op.f("uq_scheduled_charges_gateway_key")),
        sa.UniqueConstraint("intent_ref", name=op.f("uq_scheduled_charges_intent_ref")),
        sa.UniqueConstraint("payment_id", name=op.f("uq_scheduled_charges_payment_id")),
        sa.UniqueConstraint(
            "setup_id", "invoice_id", name=op.f("uq_scheduled_charges_setup_id_invoice_id")
        ),
    )
    op.create_index(
        op.f("ix_scheduled_charges_agency_id"), "scheduled_charges", ["agency_id"], unique=False
    )
    op.create_index(
        op.f("ix_scheduled_charges_invoice_id"), "scheduled_charges", ["invoice_id"], unique=False
    )
    op.create_index(
        op.f("ix_scheduled_charges_setup_id"), "scheduled_charges", ["setup_id"], unique=False
    )
    op.create_index(
        "ix_scheduled_charges_status_charge_not_before",
        "scheduled_charges",
        ["status", "charge_not_before"],
        unique=False,
    )
    op.create_index(
        "uq_scheduled_charges_invoice_id_in_flight",
        "scheduled_charges",
        ["invoice_id"],
        unique=True,
        postgresql_where=sa.text("status IN ('charging', 'processing', 'unknown')"),
    )
    # A recurring charge that cannot be taken e-mails a payment link nobody on the staff made.
    op.alter_column("payment_links", "created_by_id", existing_type=sa.UUID(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM payment_links WHERE created_by_id IS NULL")
    op.alter_column("payment_links", "created_by_id", existing_type=sa.UUID(), nullable=False)
    op.drop_index(
        "uq_scheduled_charges_invoice_id_in_flight",
        table_name="scheduled_charges",
        postgresql_where=sa.text("status IN ('charging', 'processing', 'unknown')"),
    )
    op.drop_index("ix_scheduled_charges_status_charge_not_before", table_name="scheduled_charges")
    op.drop_index(op.f("ix_scheduled_charges_setup_id"), table_name="scheduled_charges")
    op.drop_index(op.f("ix_scheduled_charges_invoice_id"), table_name="scheduled_charges")
    op.drop_index(op.f("ix_scheduled_charges_agency_id"), table_name="scheduled_charges")
    op.drop_table("scheduled_charges")
    op.drop_index(op.f("ix_payment_reminders_lease_id"), table_name="payment_reminders")
    op.drop_index(op.f("ix_payment_reminders_agency_id"), table_name="payment_reminders")
    op.drop_table("payment_reminders")
    op.drop_index(
        "uq_recurring_setups_lease_id_active",
        table_name="recurring_setups",
        postgresql_where=sa.text("status = 'active'"),
    )
    op.drop_index(op.f("ix_recurring_setups_tenant_id"), table_name="recurring_setups")
    op.drop_index(op.f("ix_recurring_setups_lease_id"), table_name="recurring_setups")
    op.drop_index(op.f("ix_recurring_setups_agency_id"), table_name="recurring_setups")
    op.drop_table("recurring_setups")
