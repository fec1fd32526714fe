"""Incidents tenants report, their photos and history, and the agency's contractors.

Revision ID: 181295b9fd1e
Revises: c81f5a2d94e3
Create Date: 2026-12-07 01:11:56.903005+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "181295b9fd1e"
down_revision: str | None = "c81f5a2d94e3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contractors",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("categories", sa.ARRAY(sa.String(length=32)), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("notes", sa.String(length=1000), nullable=True),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_contractors_agency_id_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contractors")),
    )
    op.create_index(op.f("ix_contractors_agency_id"), "contractors", ["agency_id"], unique=False)
    op.create_table(
        "incidents",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("lease_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "plumbing",
                "electrical",
                "heating",
                "communal_areas",
                "other",
                name="incident_category",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(length=5000), nullable=False),
        sa.Column("availability", sa.String(length=1000), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "reported",
                "qualified",
                "assigned",
                "scheduled",
                "resolved",
                "rejected",
                "cancelled",
                name="incident_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "priority",
            sa.Enum(
                "low",
                "normal",
                "high",
                "urgent",
                name="incident_priority",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("contractor_id", sa.Uuid(), nullable=True),
        sa.Column("scheduled_for", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution_note", sa.String(length=2000), nullable=True),
        sa.Column("rejection_reason", sa.String(length=1000), nullable=True),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "status <> 'scheduled' OR scheduled_for IS NOT NULL",
            name=op.f("ck_incidents_scheduled_has_date"),
        ),
        sa.CheckConstraint(
            "status IN ('reported', 'rejected', 'cancelled') OR priority IS NOT NULL",
            name=op.f("ck_incidents_qualified_has_priority"),
        ),
        sa.CheckConstraint(
            "status NOT IN ('assigned', 'scheduled') OR contractor_id IS NOT NULL",
            name=op.f("ck_incidents_assigned_has_contractor"),
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_incidents_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["contractor_id"],
            ["contractors.id"],
            name=op.f("fk_incidents_contractor_id_contractors"),
        ),
        sa.ForeignKeyConstraint(
            ["lease_id"], ["leases.id"], name=op.f("fk_incidents_lease_id_leases")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_incidents_tenant_id_tenants")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_incidents_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    op.create_index(
        "ix_incidents_agency_id_status_id", "incidents", ["agency_id", "status", "id"], unique=False
    )
    op.create_index(
        op.f("ix_incidents_contractor_id"), "incidents", ["contractor_id"], unique=False
    )
    op.create_index(op.f("ix_incidents_lease_id"), "incidents", ["lease_id"], unique=False)
    op.create_index(op.f("ix_incidents_tenant_id"), "incidents", ["tenant_id"], unique=False)
    op.create_index(op.f("ix_incidents_unit_id"), "incidents", ["unit_id"], unique=False)
    op.create_table(
        "incident_events",
        sa.Column("incident_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "reported",
                "qualified",
                "assigned",
                "scheduled",
                "resolved",
                "rejected",
                "cancelled",
                name="incident_event_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("actor_staff_id", sa.Uuid(), nullable=True),
        sa.Column("actor_tenant_id", sa.Uuid(), nullable=True),
        sa.Column("note", sa.String(length=2000), nullable=True),
        sa.Column("internal_note", sa.String(length=2000), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_staff_id"],
            ["staff_users.id"],
            name=op.f("fk_incident_events_actor_staff_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_tenant_id"],
            ["tenants.id"],
            name=op.f("fk_incident_events_actor_tenant_id_tenants"),
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_events_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_events")),
    )
    op.create_index(
        op.f("ix_incident_events_incident_id"), "incident_events", ["incident_id"], unique=False
    )
    op.create_table(
        "incident_photos",
        sa.Column("incident_id", sa.Uuid(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_photos_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_photos")),
    )
    op.create_index(
        op.f("ix_incident_photos_incident_id"), "incident_photos", ["incident_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_incident_photos_incident_id"), table_name="incident_photos")
    op.drop_table("incident_photos")
    op.drop_index(op.f("ix_incident_events_incident_id"), table_name="incident_events")
    op.drop_table("incident_events")
    op.drop_index(op.f("ix_incidents_unit_id"), table_name="incidents")
    op.drop_index(op.f("ix_incidents_tenant_id"), table_name="incidents")
    op.drop_index(op.f("ix_incidents_lease_id"), table_name="incidents")
    op.drop_index(op.f("ix_incidents_contractor_id"), table_name="incidents")
    op.drop_index("ix_incidents_agency_id_status_id", table_name="incidents")
    op.drop_table("incidents")
    op.drop_index(op.f("ix_contractors_agency_id"), table_name="contractors")
    op.drop_table("contractors")
