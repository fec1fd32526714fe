"""Documents staff publish on a lease for its tenants (seed 002's documents section).

Revision ID: 3e08532abf49
Revises: 94d564d76181
Create Date: 2026-12-07 04:32:07.231334+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3e08532abf49"
down_revision: str | None = "94d564d76181"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "lease_documents",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("lease_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "signed_lease",
                "condition_report_move_in",
                "condition_report_move_out",
                "expense_statement",
                "certificate",
                "other",
                name="document_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=True),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("published_by_id", sa.Uuid(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_by_id", sa.Uuid(), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "kind <> 'expense_statement' OR year IS NOT NULL",
            name=op.f("ck_lease_documents_expense_statement_has_year"),
        ),
        sa.CheckConstraint(
            "(withdrawn_at IS NULL) = (withdrawn_by_id IS NULL)",
            name=op.f("ck_lease_documents_withdrawn_by_someone"),
        ),
        sa.CheckConstraint(
            "year IS NULL OR year BETWEEN 1900 AND 2999",
            name=op.f("ck_lease_documents_year_in_range"),
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_lease_documents_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["lease_id"], ["leases.id"], name=op.f("fk_lease_documents_lease_id_leases")
        ),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["staff_users.id"],
            name=op.f("fk_lease_documents_published_by_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by_id"],
            ["staff_users.id"],
            name=op.f("fk_lease_documents_withdrawn_by_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lease_documents")),
    )
    op.create_index(
        op.f("ix_lease_documents_agency_id"), "lease_documents", ["agency_id"], unique=False
    )
    op.create_index(
        "ix_lease_documents_lease_id_id", "lease_documents", ["lease_id", "id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_lease_documents_lease_id_id", table_name="lease_documents")
    op.drop_index(op.f("ix_lease_documents_agency_id"), table_name="lease_documents")
    op.drop_table("lease_documents")
