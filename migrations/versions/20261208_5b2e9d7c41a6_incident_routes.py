"""Incident routes: the contractor each category of an agency's incidents is assigned to on
report, and the history steps such a route takes.

Revision ID: 5b2e9d7c41a6
Revises: c4e8a1f05b3d
Create Date: 2026-12-08 09:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5b2e9d7c41a6"
down_revision: str | None = "c4e8a1f05b3d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "incident_routes",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "plumbing",
                "electrical",
                "heating",
                "communal_areas",
                "other",
                name="incident_route_category",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("contractor_id", sa.Uuid(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_incident_routes_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["contractor_id"],
            ["contractors.id"],
            name=op.f("fk_incident_routes_contractor_id_contractors"),
        ),
        sa.PrimaryKeyConstraint("agency_id", "category", name=op.f("pk_incident_routes")),
    )
    op.create_index(op.f("ix_incident_routes_contractor_id"), "incident_routes", ["contractor_id"])
    op.add_column(
        "incident_events",
        sa.Column("by_routing", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade() -> None:
    op.drop_column("incident_events", "by_routing")
    op.drop_table("incident_routes")
