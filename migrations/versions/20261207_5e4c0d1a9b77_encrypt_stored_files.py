"""Stored files are encrypted at rest: every file written before is sealed now, in batches,
under the first of DOORSTEP_DATA_KEYS, so no plaintext file is left to be told apart from an
envelope. The downgrade opens them all back.

Revision ID: 5e4c0d1a9b77
Revises: d81f3b6a2c47
Create Date: 2026-12-07 11:10:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

from doorstep.core.encryption import SealedColumn, keyring, rewrite_column

revision: str = "5e4c0d1a9b77"
down_revision: str | None = "d81f3b6a2c47"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The columns as they stand at this revision (not read from the models, which move on).
COLUMNS = (
    SealedColumn("onboarding_invite_uploads", "content", ("invite_id", "position")),
    SealedColumn("task_assignment_uploads", "content", ("assignment_id",)),
    SealedColumn("lease_documents", "content", ("id",)),
    SealedColumn("incident_photos", "content", ("id",)),
    SealedColumn("transfer_proof_files", "content", ("proof_id",)),
    SealedColumn("outbox_attachments", "content", ("id",)),
)


def upgrade() -> None:
    keys = keyring()  # DOORSTEP_DATA_KEYS, as the API and the worker read it
    for column in COLUMNS:
        rewrite_column(op.get_bind(), column, keys, source="plaintext")


def downgrade() -> None:
    keys = keyring()  # DOORSTEP_DATA_KEYS, as the API and the worker read it
    for column in COLUMNS:
        rewrite_column(op.get_bind(), column, keys, source="sealed")
