"""The work orders e-mailed to incidents' contractors.

Revision ID: d81f3b6a2c47
Revises: c4a7e2f19b03
Create Date: 2026-12-07 08:20:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d81f3b6a2c47"
down_revision: str | None = "c4a7e2f19b03"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "incident_work_orders",
        sa.Column("incident_id", sa.Uuid(), nullable=False),
        sa.Column("contractor_id", sa.Uuid(), nullable=False),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("outbox_message_id", sa.Uuid(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contractor_id"],
            ["contractors.id"],
            name=op.f("fk_incident_work_orders_contractor_id_contractors"),
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_work_orders_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["outbox_message_id"],
            ["outbox_messages.id"],
            name=op.f("fk_incident_work_orders_outbox_message_id_outbox_messages"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_work_orders")),
    )
    op.create_index(
        "ix_incident_work_orders_incident_id_sent_at",
        "incident_work_orders",
        ["incident_id", "sent_at"],
    )
    op.create_index(
        op.f("ix_incident_work_orders_contractor_id"), "incident_work_orders", ["contractor_id"]
    )
    op.create_index(
        op.f("ix_incident_work_orders_outbox_message_id"),
        "incident_work_orders",
        ["outbox_message_id"],
    )


def downgrade() -> None:
    op.drop_table("incident_work_orders")
