"""Transfer proofs: bank-transfer evidence tenants upload, and its file

Revision ID: b7c1d2e3f4a5
Revises: a1b2c3d4e5f6
Create Date: 2026-12-02 16:34:51.210594+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b7c1d2e3f4a5"
down_revision: str | None = "a1b2c3d4e5f6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "transfer_proofs",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("lease_id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("invoice_id", sa.Uuid(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "submitted",
                "confirmed",
                "rejected",
                "withdrawn",
                name="transfer_proof_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rejection_reason", sa.String(length=500), nullable=True),
        sa.Column("payment_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(status = 'confirmed') = (payment_id IS NOT NULL)",
            name=op.f("ck_transfer_proofs_confirmed_has_payment"),
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_transfer_proofs_amount_positive")),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_transfer_proofs_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["staff_users.id"],
            name=op.f("fk_transfer_proofs_decided_by_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_transfer_proofs_invoice_id_invoices")
        ),
        sa.ForeignKeyConstraint(
            ["lease_id"], ["leases.id"], name=op.f("fk_transfer_proofs_lease_id_leases")
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payments.id"], name=op.f("fk_transfer_proofs_payment_id_payments")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_transfer_proofs_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_proofs")),
        sa.UniqueConstraint("payment_id", name=op.f("uq_transfer_proofs_payment_id")),
    )
    op.create_index(
        op.f("ix_transfer_proofs_agency_id"), "transfer_proofs", ["agency_id"], unique=False
    )
    op.create_index(
        op.f("ix_transfer_proofs_invoice_id"), "transfer_proofs", ["invoice_id"], unique=False
    )
    op.create_index(
        op.f("ix_transfer_proofs_lease_id"), "transfer_proofs", ["lease_id"], unique=False
    )
    op.create_index(
        op.f("ix_transfer_proofs_tenant_id"), "transfer_proofs", ["tenant_id"], unique=False
    )
    op.create_index(
        "uq_transfer_proofs_tenant_id_file_sha256_live",
        "transfer_proofs",
        ["tenant_id", "file_sha256"],
        unique=True,
        postgresql_where=sa.text("status IN ('submitted', 'confirmed')"),
    )
    op.create_table(
        "transfer_proof_files",
        sa.Column("proof_id", sa.Uuid(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["proof_id"],
            ["transfer_proofs.id"],
            name=op.f("fk_transfer_proof_files_proof_id_transfer_proofs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("proof_id", name=op.f("pk_transfer_proof_files")),
    )


def downgrade() -> None:
    op.drop_table("transfer_proof_files")
    op.drop_index(
        "uq_transfer_proofs_tenant_id_file_sha256_live",
        table_name="transfer_proofs",
        postgresql_where=sa.text("status IN ('submitted', 'confirmed')"),
    )
    op.drop_index(op.f("ix_transfer_proofs_tenant_id"), table_name="transfer_proofs")
    op.drop_index(op.f("ix_transfer_proofs_lease_id"), table_name="transfer_proofs")
    op.drop_index(op.f("ix_transfer_proofs_invoice_id"), table_name="transfer_proofs")
    op.drop_index(op.f("ix_transfer_proofs_agency_id"), table_name="transfer_proofs")
    op.drop_table("transfer_proofs")
