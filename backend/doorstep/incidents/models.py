"""Incidents reported by tenants, their photos and history, and the agency's contractors."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ARRAY, CheckConstraint, ForeignKey, Index, String, false
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin
from doorstep.core.encryption import EncryptedBytes
from doorstep.core.types import enum_column


class IncidentCategory(StrEnum):
    PLUMBING = "plumbing"
    ELECTRICAL = "electrical"
    HEATING = "heating"
    COMMUNAL_AREAS = "communal_areas"
    OTHER = "other"


class IncidentStatus(StrEnum):
    REPORTED = "reported"
    QUALIFIED = "qualified"
    ASSIGNED = "assigned"
    SCHEDULED = "scheduled"
    RESOLVED = "resolved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


# Still being dealt with: what the tenant's home screen and the staff queue show first.
OPEN_STATUSES = frozenset(
    {
        IncidentStatus.REPORTED,
        IncidentStatus.QUALIFIED,
        IncidentStatus.ASSIGNED,
        IncidentStatus.SCHEDULED,
    }
)


class IncidentPriority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Contractor(IdMixin, CreatedAtMixin, Base):
    """A plumber, electrician or firm the agency sends to incidents. Archived contractors stay
    on the incidents they worked on but are offered no more."""

    __tablename__ = "contractors"

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    categories: Mapped[list[str]] = mapped_column(ARRAY(String(32)))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    notes: Mapped[str | None] = mapped_column(String(1000))
    archived_at: Mapped[datetime | None]


class IncidentRoute(Base):
    """Where the agency sends a category of incident without a staff member's hand: the one
    contractor a new report of that category is assigned to (seed 002, "automatic routing to
    the right contractor"). A category without a row is assigned by staff. A route names an
    active contractor of the agency who works in the category; archiving the contractor, or
    taking the category off their trades, deletes it (``incidents.service``)."""

    __tablename__ = "incident_routes"

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), primary_key=True)
    category: Mapped[IncidentCategory] = mapped_column(
        enum_column(IncidentCategory, "incident_route_category"), primary_key=True
    )
    contractor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contractors.id"), index=True)
    updated_at: Mapped[datetime]


class Incident(IdMixin, CreatedAtMixin, Base):
    """A problem a tenant reported about the home of one of their leases."""

    __tablename__ = "incidents"
    __table_args__ = (
        CheckConstraint(
            "status IN ('reported', 'rejected', 'cancelled') OR priority IS NOT NULL",
            name="qualified_has_priority",
        ),
        CheckConstraint(
            "status NOT IN ('assigned', 'scheduled') OR contractor_id IS NOT NULL",
            name="assigned_has_contractor",
        ),
        CheckConstraint(
            "status <> 'scheduled' OR scheduled_for IS NOT NULL", name="scheduled_has_date"
        ),
        # The staff queue filtered by status.
        Index("ix_incidents_agency_id_status_id", "agency_id", "status", "id"),
        # The staff queue newest first: by report time, the id breaking ties (scanned
        # backwards, as the keyset pages read it).
        Index("ix_incidents_agency_id_reported_at_id", "agency_id", "reported_at", "id"),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    lease_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("leases.id"), index=True)
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id"), index=True)
    tenant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tenants.id"), index=True)
    category: Mapped[IncidentCategory] = mapped_column(
        enum_column(IncidentCategory, "incident_category")
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(5000))
    availability: Mapped[str | None] = mapped_column(String(1000))
    status: Mapped[IncidentStatus] = mapped_column(enum_column(IncidentStatus, "incident_status"))
    priority: Mapped[IncidentPriority | None] = mapped_column(
        enum_column(IncidentPriority, "incident_priority")
    )
    contractor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("contractors.id"), index=True
    )
    scheduled_for: Mapped[datetime | None]
    resolution_note: Mapped[str | None] = mapped_column(String(2000))
    rejection_reason: Mapped[str | None] = mapped_column(String(1000))
    reported_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class IncidentPhoto(IdMixin, Base):
    """A photo the tenant attached to their report; its bytes are read only on download."""

    __tablename__ = "incident_photos"

    incident_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    file_size: Mapped[int]
    file_sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(EncryptedBytes("incident_photos.content"), deferred=True)


class IncidentEvent(IdMixin, Base):
    """One step of an incident's history: who did what, when — a staff member, the tenant, or
    the agency's routing (``by_routing``: the steps a route took on the report, with neither
    person). The tenant sees every step and its note, never the staff's internal note."""

    __tablename__ = "incident_events"

    incident_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[IncidentStatus] = mapped_column(
        enum_column(IncidentStatus, "incident_event_status")
    )
    actor_staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))
    actor_tenant_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("tenants.id"))
    by_routing: Mapped[bool] = mapped_column(default=False, server_default=false())
    note: Mapped[str | None] = mapped_column(String(2000))
    internal_note: Mapped[str | None] = mapped_column(String(2000))
    occurred_at: Mapped[datetime]


class IncidentWorkOrder(IdMixin, Base):
    """One work order e-mailed to the incident's contractor (work_orders.py): to whom and when
    (on the business clock), with the outbox message that carries it, whose status says
    whether it went. The message may be erased with the tenant it names; the record stays."""

    __tablename__ = "incident_work_orders"
    __table_args__ = (
        Index("ix_incident_work_orders_incident_id_sent_at", "incident_id", "sent_at"),
    )

    incident_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"))
    contractor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contractors.id"), index=True)
    to_address: Mapped[str] = mapped_column(String(254))
    outbox_message_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("outbox_messages.id", ondelete="SET NULL"), index=True
    )
    sent_at: Mapped[datetime]  # when staff's change (or re-send) asked for it
