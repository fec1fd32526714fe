"""Online card payments: gateway customers, card charge attempts, payment links, webhook events

Revision ID: 7d3c5a9e1f42
Revises: 5e1f0a7c9d21
Create Date: 2026-11-23 17:22:06.735307+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7d3c5a9e1f42"
down_revision: str | None = "5e1f0a7c9d21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
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


def downgrade() -> None:
    op.drop_index(
        "uq_card_charges_invoice_id_unsettled",
        table_name="card_charges",
        postgresql_where=sa.text("settled_at IS NULL"),
    )
    op.drop_index(op.f("ix_card_charges_payment_link_id"), table_name="card_charges")
    op.drop_index(op.f("ix_card_charges_invoice_id"), table_name="card_charges")
    op.drop_index(op.f("ix_card_charges_agency_id"), table_name="card_charges")
    op.drop_table("card_charges")
    op.drop_index(op.f("ix_payment_links_invoice_id"), table_name="payment_links")
    op.drop_index(op.f("ix_payment_links_agency_id"), table_name="payment_links")
    op.drop_table("payment_links")
    op.drop_index(op.f("ix_gateway_customers_agency_id"), table_name="gateway_customers")
    op.drop_table("gateway_customers")
    op.drop_index(op.f("ix_gateway_events_object_ref"), table_name="gateway_events")
    op.drop_table("gateway_events")
