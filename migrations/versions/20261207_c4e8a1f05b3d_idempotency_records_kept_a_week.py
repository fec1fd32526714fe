"""Idempotency records are kept a week after their request, then the tick deletes them: an index
on the request's instant so that delete reads only what it removes.

Revision ID: c4e8a1f05b3d
Revises: 9b4d1e7a2f63
Create Date: 2026-12-07 21:40:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "c4e8a1f05b3d"
down_revision: str | None = "9b4d1e7a2f63"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Every money write inserts a record: built concurrently, the index blocks none of them.
    with op.get_context().autocommit_block():
        op.create_index(
            op.f("ix_idempotency_records_claimed_at"),
            "idempotency_records",
            ["claimed_at"],
            postgresql_concurrently=True,
            if_not_exists=True,
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index(
            op.f("ix_idempotency_records_claimed_at"),
            table_name="idempotency_records",
            postgresql_concurrently=True,
            if_exists=True,
        )
