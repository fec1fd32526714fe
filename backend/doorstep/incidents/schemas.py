from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, StringConstraints

from doorstep.core.schemas import Email, Phone, RequestModel, ResponseModel, Text
from doorstep.incidents.models import IncidentCategory, IncidentPriority, IncidentStatus

_NO_CONTROL_CHARS = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
Note = Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=_NO_CONTROL_CHARS)]


class PhotoOut(ResponseModel):
    id: uuid.UUID
    file_name: str
    content_type: str
    file_size: int


class PortalEventOut(ResponseModel):
    """One step of the incident as the tenant sees it (a step the agency's routing took is
    the agency's, `staff`)."""

    status: IncidentStatus
    occurred_at: datetime
    actor: Literal["tenant", "staff"]
    note: str | None = Field(description="What the agency told the tenant with this step.")


class EventOut(ResponseModel):
    """One step of the incident as staff see it."""

    status: IncidentStatus
    occurred_at: datetime
    actor: Literal["tenant", "staff", "routing"] = Field(
        description="`routing`: taken on report by the category's route, by nobody in person."
    )
    actor_name: str = Field(description="The staff member or tenant; empty for the routing.")
    note: str | None = Field(description="What the agency told the tenant with this step.")
    internal_note: str | None = Field(description="Staff only; never shown to the tenant.")


class PortalIncidentOut(ResponseModel):
    """An incident as the tenant who reported it sees it."""

    id: uuid.UUID
    lease_id: uuid.UUID
    property_name: str
    unit_name: str
    category: IncidentCategory
    title: str
    description: str
    availability: str | None
    status: IncidentStatus
    contractor_name: str | None
    scheduled_for: datetime | None
    resolution_note: str | None
    rejection_reason: str | None
    reported_at: datetime
    updated_at: datetime
    photos: list[PhotoOut]


class PortalIncidentDetailOut(PortalIncidentOut):
    history: list[PortalEventOut]


class IncidentOut(PortalIncidentOut):
    """An incident as staff see it."""

    tenant_id: uuid.UUID
    tenant_name: str
    property_id: uuid.UUID
    unit_id: uuid.UUID
    priority: IncidentPriority | None
    contractor_id: uuid.UUID | None
    contractor_phone: str | None
    contractor_email: str | None


class WorkOrderOut(ResponseModel):
    """The latest work order e-mailed to the incident's contractor."""

    to: str
    queued_at: datetime = Field(description="When the assignment, visit or re-send asked for it.")
    delivered_at: datetime | None = Field(description="None while it is queued, or if it failed.")
    status: Literal["queued", "sent", "failed", "erased"]


class IncidentDetailOut(IncidentOut):
    history: list[EventOut]
    work_order: WorkOrderOut | None


class QualifyIn(RequestModel):
    priority: IncidentPriority
    category: IncidentCategory | None = Field(
        default=None, description="The right category, when the tenant chose another."
    )
    note: Note | None = Field(default=None, description="Shown to the tenant.")
    internal_note: Note | None = Field(default=None, description="Seen by staff only.")


class AssignIn(RequestModel):
    contractor_id: uuid.UUID
    note: Note | None = Field(default=None, description="Shown to the tenant.")
    internal_note: Note | None = Field(default=None, description="Seen by staff only.")


class ScheduleIn(RequestModel):
    scheduled_for: AwareDatetime = Field(description="When the contractor comes (with offset).")
    note: Note | None = Field(default=None, description="Shown to the tenant.")
    internal_note: Note | None = Field(default=None, description="Seen by staff only.")


class ResolveIn(RequestModel):
    resolution_note: Note = Field(description="What was done; shown to the tenant.")
    internal_note: Note | None = Field(default=None, description="Seen by staff only.")


class RejectIn(RequestModel):
    reason: Note = Field(description="Why; shown to the tenant and e-mailed to them.")
    internal_note: Note | None = Field(default=None, description="Seen by staff only.")


class ContractorCreate(RequestModel):
    name: Text
    categories: list[IncidentCategory] = Field(min_length=1, max_length=5)
    phone: Phone | None = None
    email: Email | None = None
    notes: Note | None = None


class ContractorUpdate(RequestModel):
    name: Text | None = None
    categories: list[IncidentCategory] | None = Field(default=None, min_length=1, max_length=5)
    phone: Phone | None = None
    email: Email | None = None
    notes: Note | None = None


class ContractorOut(ResponseModel):
    id: uuid.UUID
    name: str
    categories: list[IncidentCategory]
    phone: str | None = Field(description="E.164, e.g. `+32470123456`.")
    phone_display: str | None = Field(description="As the agency's country writes it.")
    email: str | None
    notes: str | None
    archived_at: datetime | None


class RouteOut(ResponseModel):
    """Where new reports of a category go: to this contractor, qualified at the normal priority
    and assigned on the spot; or (`contractor` null) to staff, who assign them by hand."""

    category: IncidentCategory
    contractor: ContractorOut | None
    updated_at: datetime | None = Field(description="When the route was last set.")


class RouteIn(RequestModel):
    category: IncidentCategory
    contractor_id: uuid.UUID | None = Field(
        description="An active contractor of the agency who works in the category; null to "
        "leave the category to staff."
    )
