"""Incidents: tenants report them (with photos) and follow them; staff qualify, assign a
contractor, schedule the visit, resolve or reject them; staff keep the list of contractors and
the routes that assign a category's reports to one of them."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from fastapi.responses import JSONResponse, Response

from doorstep.auth.dependencies import BookWriterDep, StaffDep, StaffPrincipal, TenantDep
from doorstep.core.deps import ClockDep, SessionDep
from doorstep.core.downloads import uploaded_file_headers, uploaded_file_openapi
from doorstep.core.errors import problem_responses
from doorstep.core.idempotency import IdempotencyDep
from doorstep.core.pagination import Page, PageRequest, page_request
from doorstep.core.phones import display_phone
from doorstep.core.schemas import SearchText
from doorstep.core.updates import sent_changes
from doorstep.incidents import service as incidents
from doorstep.incidents import work_orders
from doorstep.incidents.models import (
    Contractor,
    IncidentCategory,
    IncidentPhoto,
    IncidentStatus,
)
from doorstep.incidents.schemas import (
    AssignIn,
    ContractorCreate,
    ContractorOut,
    ContractorUpdate,
    EventOut,
    IncidentDetailOut,
    IncidentOut,
    PhotoOut,
    PortalEventOut,
    PortalIncidentDetailOut,
    PortalIncidentOut,
    QualifyIn,
    RejectIn,
    ResolveIn,
    RouteIn,
    RouteOut,
    ScheduleIn,
    WorkOrderOut,
)

staff_router = APIRouter(
    prefix="/incidents", tags=["incidents"], responses=problem_responses(400, 401, 403, 404, 422)
)
contractors_router = APIRouter(
    prefix="/contractors",
    tags=["incidents"],
    responses=problem_responses(400, 401, 403, 404, 422),
)
routes_router = APIRouter(
    prefix="/incident-routes",
    tags=["incidents"],
    responses=problem_responses(400, 401, 403, 422),
)
portal_router = APIRouter(
    prefix="/portal/incidents", tags=["portal"], responses=problem_responses(400, 401, 404, 422)
)

_PHOTO_RESPONSE = uploaded_file_openapi(incidents.EXTENSIONS, "The photo the tenant attached.")


def _photo_response(photo: IncidentPhoto, content: bytes) -> Response:
    return Response(
        content,
        media_type=photo.content_type,
        headers=uploaded_file_headers(
            photo.file_name,
            extension=incidents.EXTENSIONS[photo.content_type],
            default_stem="photo",
        ),
    )


def _fields(view: incidents.IncidentView) -> dict[str, object]:
    incident = view.incident
    return {
        "id": incident.id,
        "lease_id": incident.lease_id,
        "property_name": view.property_name,
        "unit_name": view.unit_name,
        "category": incident.category,
        "title": incident.title,
        "description": incident.description,
        "availability": incident.availability,
        "status": incident.status,
        "contractor_name": view.contractor.name if view.contractor else None,
        "scheduled_for": incident.scheduled_for,
        "resolution_note": incident.resolution_note,
        "rejection_reason": incident.rejection_reason,
        "reported_at": incident.reported_at,
        "updated_at": incident.updated_at,
        "photos": [PhotoOut.model_validate(photo) for photo in view.photos],
    }


def _staff_fields(view: incidents.IncidentView) -> dict[str, object]:
    incident, contractor = view.incident, view.contractor
    return _fields(view) | {
        "tenant_id": incident.tenant_id,
        "tenant_name": view.tenant_name,
        "property_id": view.property_id,
        "unit_id": incident.unit_id,
        "priority": incident.priority,
        "contractor_id": incident.contractor_id,
        "contractor_phone": contractor.phone if contractor else None,
        "contractor_email": contractor.email if contractor else None,
    }


async def _portal_detail(
    session: SessionDep, view: incidents.IncidentView
) -> PortalIncidentDetailOut:
    history = await incidents.incident_history(session, view.incident)
    return PortalIncidentDetailOut.model_validate(
        _fields(view)
        | {
            "history": [
                PortalEventOut(
                    status=e.status,
                    occurred_at=e.occurred_at,
                    # To the tenant, what the routing did the agency did.
                    actor="tenant" if e.actor == "tenant" else "staff",
                    note=e.note,
                )
                for e in history
            ]
        }
    )


async def _staff_detail(
    session: SessionDep, principal: StaffPrincipal, incident_id: uuid.UUID
) -> IncidentDetailOut:
    incident = await incidents.get_incident(session, principal.agency_id, incident_id)
    (view,) = await incidents.incident_views(session, [incident])
    history = await incidents.incident_history(session, incident)
    work_order = await work_orders.latest_work_order(session, principal.agency_id, incident_id)
    return IncidentDetailOut.model_validate(
        _staff_fields(view)
        | {
            "work_order": WorkOrderOut.model_validate(work_order) if work_order else None,
            "history": [
                EventOut(
                    status=e.status,
                    occurred_at=e.occurred_at,
                    actor=e.actor,
                    actor_name=e.actor_name,
                    note=e.note,
                    internal_note=e.internal_note,
                )
                for e in history
            ],
        }
    )


# --------------------------------------------------------------------- tenant


@portal_router.post(
    "",
    status_code=201,
    responses=problem_responses(413),
    response_model=PortalIncidentDetailOut,
)
async def report_incident(
    principal: TenantDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
    category: Annotated[IncidentCategory, Form(description="What kind of problem it is.")],
    title: Annotated[
        str,
        Form(
            min_length=1,
            max_length=200,
            pattern=r"^[^\x00-\x1f\x7f]*$",
            description="In a few words, e.g. “Kitchen tap leaking”.",
        ),
    ],
    description: Annotated[
        str,
        Form(
            min_length=1,
            max_length=5000,
            pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$",
            description="What is wrong, where, since when.",
        ),
    ],
    # A form sends a field left empty as "": it means the same as leaving it out.
    lease_id: Annotated[
        uuid.UUID | Literal[""] | None,
        Form(
            description="The lease (home) it is about; needed when you have several (empty: "
            "not given)."
        ),
    ] = None,
    availability: Annotated[
        str | None,
        Form(
            max_length=1000,
            pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$",
            description="When someone can come in, e.g. “weekdays after 17:00”.",
        ),
    ] = None,
    photos: Annotated[
        list[UploadFile],
        File(
            description=f"Up to {incidents.MAX_PHOTOS} photos, JPEG, PNG or WebP, at most "
            f"{incidents.MAX_PHOTO_BYTES // 1024 // 1024} MB each."
        ),
    ] = [],  # noqa: B006 - FastAPI copies the default per request
) -> PortalIncidentDetailOut | JSONResponse:
    """Report a problem with your home. The agency is told at once; you are e-mailed at each
    step and can follow it here."""
    uploads = [
        incidents.PhotoUpload(photo.filename, await photo.read(incidents.MAX_PHOTO_BYTES + 1))
        # One more than allowed is enough for the service to refuse too many.
        for photo in photos[: incidents.MAX_PHOTOS + 1]
    ]
    report = incidents.NewIncident(
        lease_id=lease_id or None,
        category=category,
        title=title.strip(),
        description=description.strip(),
        availability=availability.strip() if availability else None,
    )

    async def work() -> PortalIncidentDetailOut:
        incident = await incidents.report_incident(
            session, principal.agency, principal.tenant, report, uploads, clock.now()
        )
        (view,) = await incidents.incident_views(session, [incident])
        return await _portal_detail(session, view)

    return await idempotency.run(
        session,
        scope=principal.request_scope,
        operation="report_incident",
        payload={
            "lease_id": str(lease_id) if lease_id else None,
            "category": category.value,
            "title": report.title,
            "description": report.description,
            "availability": report.availability,
            "photos": [incidents.photo_digest(upload.data) for upload in uploads],
        },
        work=work,
        status_code=201,
    )


@portal_router.get("")
async def list_my_incidents(
    principal: TenantDep,
    session: SessionDep,
    open: Annotated[bool, Query(description="Only those still being dealt with.")] = False,
    page: PageRequest = Depends(page_request),
) -> Page[PortalIncidentOut]:
    """The incidents you reported, newest first."""
    views, cursor = await incidents.list_tenant_incidents(
        session, principal.tenant, page, open_only=open
    )
    return Page(
        items=[PortalIncidentOut.model_validate(_fields(v)) for v in views], next_cursor=cursor
    )


@portal_router.get("/{incident_id}")
async def get_my_incident(
    incident_id: uuid.UUID, principal: TenantDep, session: SessionDep
) -> PortalIncidentDetailOut:
    """One of your incidents with each step it took."""
    incident = await incidents.tenant_incident(session, principal.tenant, incident_id)
    (view,) = await incidents.incident_views(session, [incident])
    return await _portal_detail(session, view)


@portal_router.post("/{incident_id}/cancel", responses=problem_responses(409))
async def cancel_my_incident(
    incident_id: uuid.UUID, principal: TenantDep, session: SessionDep, clock: ClockDep
) -> PortalIncidentDetailOut:
    """Withdraw a report the agency has not taken up yet."""
    incident = await incidents.cancel_incident(session, principal.tenant, incident_id, clock.now())
    (view,) = await incidents.incident_views(session, [incident])
    return await _portal_detail(session, view)


@portal_router.get(
    "/{incident_id}/photos/{photo_id}", response_class=Response, responses=_PHOTO_RESPONSE
)
async def get_my_incident_photo(
    incident_id: uuid.UUID, photo_id: uuid.UUID, principal: TenantDep, session: SessionDep
) -> Response:
    incident = await incidents.tenant_incident(session, principal.tenant, incident_id)
    photo, content = await incidents.photo_file(session, incident, photo_id)
    return _photo_response(photo, content)


# --------------------------------------------------------------------- staff


@staff_router.get("")
async def list_incidents(
    principal: StaffDep,
    session: SessionDep,
    status: IncidentStatus | None = None,
    open: Annotated[bool, Query(description="Only those still being dealt with.")] = False,
    category: IncidentCategory | None = None,
    property_id: uuid.UUID | None = None,
    lease_id: Annotated[
        uuid.UUID | None, Query(description="Only those reported on this lease.")
    ] = None,
    tenant_id: Annotated[
        uuid.UUID | None, Query(description="Only those this tenant reported.")
    ] = None,
    contractor_id: uuid.UUID | None = None,
    q: Annotated[
        SearchText | None,
        Query(description="Words of the title or description, or the tenant's name."),
    ] = None,
    sort: Annotated[
        Literal["newest", "triage"],
        Query(
            description="`newest`: newest first. `triage`: the most pressing priority first "
            "(urgent, high, not yet qualified, normal, low), then the longest waiting."
        ),
    ] = "newest",
    page: PageRequest = Depends(page_request),
) -> Page[IncidentOut]:
    """The agency's incidents, newest first or in triage order."""
    filters = incidents.IncidentFilters(
        status=status,
        open_only=open,
        category=category,
        property_id=property_id,
        lease_id=lease_id,
        tenant_id=tenant_id,
        contractor_id=contractor_id,
        search=q.strip() if q and q.strip() else None,
        order=sort,
    )
    views, cursor = await incidents.list_incidents(session, principal.agency_id, filters, page)
    return Page(
        items=[IncidentOut.model_validate(_staff_fields(v)) for v in views], next_cursor=cursor
    )


@staff_router.get("/{incident_id}")
async def get_incident(
    incident_id: uuid.UUID, principal: StaffDep, session: SessionDep
) -> IncidentDetailOut:
    return await _staff_detail(session, principal, incident_id)


@staff_router.get(
    "/{incident_id}/photos/{photo_id}", response_class=Response, responses=_PHOTO_RESPONSE
)
async def get_incident_photo(
    incident_id: uuid.UUID, photo_id: uuid.UUID, principal: StaffDep, session: SessionDep
) -> Response:
    incident = await incidents.get_incident(session, principal.agency_id, incident_id)
    photo, content = await incidents.photo_file(session, incident, photo_id)
    return _photo_response(photo, content)


@staff_router.post(
    "/{incident_id}/qualify", responses=problem_responses(409), response_model=IncidentDetailOut
)
async def qualify_incident(
    incident_id: uuid.UUID,
    body: QualifyIn,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
) -> IncidentDetailOut:
    """Take the report up: its priority and, if need be, the right category."""
    await incidents.qualify_incident(
        session,
        principal.agency_id,
        principal.user,
        incident_id,
        priority=body.priority,
        category=body.category,
        notes=incidents.StepNotes(body.note, body.internal_note),
        now=clock.now(),
    )
    return await _staff_detail(session, principal, incident_id)


@staff_router.post(
    "/{incident_id}/assign", responses=problem_responses(409), response_model=IncidentDetailOut
)
async def assign_incident(
    incident_id: uuid.UUID,
    body: AssignIn,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
) -> IncidentDetailOut | JSONResponse:
    """Send a contractor (or another one); the tenant is e-mailed who."""

    async def work() -> IncidentDetailOut:
        await incidents.assign_contractor(
            session,
            principal.agency_id,
            principal.user,
            incident_id,
            contractor_id=body.contractor_id,
            notes=incidents.StepNotes(body.note, body.internal_note),
            now=clock.now(),
        )
        return await _staff_detail(session, principal, incident_id)

    return await idempotency.run(
        session,
        scope=principal.request_scope,
        operation=f"assign_incident:{incident_id}",
        payload=body.model_dump(mode="json"),
        work=work,
    )


@staff_router.post(
    "/{incident_id}/work-order",
    responses=problem_responses(404, 409),
    response_model=IncidentDetailOut,
)
async def resend_work_order(
    incident_id: uuid.UUID,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
) -> IncidentDetailOut:
    """E-mail the work order to the incident's contractor again."""
    await work_orders.resend_work_order(session, principal.agency_id, incident_id, clock.now())
    return await _staff_detail(session, principal, incident_id)


@staff_router.post(
    "/{incident_id}/schedule", responses=problem_responses(409), response_model=IncidentDetailOut
)
async def schedule_incident(
    incident_id: uuid.UUID,
    body: ScheduleIn,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
) -> IncidentDetailOut | JSONResponse:
    """Set (or move) the contractor's visit; the tenant is e-mailed when."""

    async def work() -> IncidentDetailOut:
        await incidents.schedule_visit(
            session,
            principal.agency_id,
            principal.user,
            incident_id,
            scheduled_for=body.scheduled_for,
            notes=incidents.StepNotes(body.note, body.internal_note),
            now=clock.now(),
        )
        return await _staff_detail(session, principal, incident_id)

    return await idempotency.run(
        session,
        scope=principal.request_scope,
        operation=f"schedule_incident:{incident_id}",
        payload=body.model_dump(mode="json"),
        work=work,
    )


@staff_router.post(
    "/{incident_id}/resolve", responses=problem_responses(409), response_model=IncidentDetailOut
)
async def resolve_incident(
    incident_id: uuid.UUID,
    body: ResolveIn,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
) -> IncidentDetailOut | JSONResponse:
    """The problem is fixed; the tenant is e-mailed what was done."""

    async def work() -> IncidentDetailOut:
        await incidents.resolve_incident(
            session,
            principal.agency_id,
            principal.user,
            incident_id,
            resolution_note=body.resolution_note,
            internal_note=body.internal_note,
            now=clock.now(),
        )
        return await _staff_detail(session, principal, incident_id)

    return await idempotency.run(
        session,
        scope=principal.request_scope,
        operation=f"resolve_incident:{incident_id}",
        payload=body.model_dump(mode="json"),
        work=work,
    )


@staff_router.post(
    "/{incident_id}/reject", responses=problem_responses(409), response_model=IncidentDetailOut
)
async def reject_incident(
    incident_id: uuid.UUID,
    body: RejectIn,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
) -> IncidentDetailOut | JSONResponse:
    """Not for the agency to handle; the tenant is e-mailed why."""

    async def work() -> IncidentDetailOut:
        await incidents.reject_incident(
            session,
            principal.agency_id,
            principal.user,
            incident_id,
            reason=body.reason,
            internal_note=body.internal_note,
            now=clock.now(),
        )
        return await _staff_detail(session, principal, incident_id)

    return await idempotency.run(
        session,
        scope=principal.request_scope,
        operation=f"reject_incident:{incident_id}",
        payload=body.model_dump(mode="json"),
        work=work,
    )


# --------------------------------------------------------------------- contractors


def _contractor_out(contractor: Contractor, region: str) -> ContractorOut:
    return ContractorOut(
        id=contractor.id,
        name=contractor.name,
        categories=[IncidentCategory(c) for c in contractor.categories],
        phone=contractor.phone,
        phone_display=display_phone(contractor.phone, region),
        email=contractor.email,
        notes=contractor.notes,
        archived_at=contractor.archived_at,
    )


@contractors_router.get("")
async def list_contractors(
    principal: StaffDep,
    session: SessionDep,
    category: Annotated[
        IncidentCategory | None, Query(description="Only those who work in this trade.")
    ] = None,
    archived: Annotated[bool, Query(description="Include the archived ones.")] = False,
    page: PageRequest = Depends(page_request),
) -> Page[ContractorOut]:
    found, cursor = await incidents.list_contractors(
        session, principal.agency_id, category=category, include_archived=archived, page=page
    )
    return Page(
        items=[_contractor_out(c, principal.agency.country) for c in found], next_cursor=cursor
    )


@contractors_router.post("", status_code=201)
async def create_contractor(
    body: ContractorCreate, principal: BookWriterDep, session: SessionDep
) -> ContractorOut:
    contractor = await incidents.create_contractor(
        session,
        principal.agency,
        incidents.ContractorFields(
            name=body.name,
            categories=body.categories,
            phone=body.phone,
            email=body.email,
            notes=body.notes,
        ),
    )
    return _contractor_out(contractor, principal.agency.country)


@contractors_router.get("/{contractor_id}")
async def get_contractor(
    contractor_id: uuid.UUID, principal: StaffDep, session: SessionDep
) -> ContractorOut:
    contractor = await incidents.get_contractor(session, principal.agency_id, contractor_id)
    return _contractor_out(contractor, principal.agency.country)


@contractors_router.patch("/{contractor_id}")
async def update_contractor(
    contractor_id: uuid.UUID, body: ContractorUpdate, principal: BookWriterDep, session: SessionDep
) -> ContractorOut:
    """Change the fields sent; `phone`, `email` and `notes` are cleared with null."""
    changes = sent_changes(body, clearable={"phone", "email", "notes"})
    contractor = await incidents.update_contractor(
        session, principal.agency, contractor_id, changes
    )
    return _contractor_out(contractor, principal.agency.country)


@contractors_router.post("/{contractor_id}/archive")
async def archive_contractor(
    contractor_id: uuid.UUID, principal: BookWriterDep, session: SessionDep, clock: ClockDep
) -> ContractorOut:
    """No longer offered for new incidents; kept on those they worked on."""
    contractor = await incidents.archive_contractor(
        session, principal.agency_id, contractor_id, archived=True, now=clock.now()
    )
    return _contractor_out(contractor, principal.agency.country)


@contractors_router.post("/{contractor_id}/restore")
async def restore_contractor(
    contractor_id: uuid.UUID, principal: BookWriterDep, session: SessionDep, clock: ClockDep
) -> ContractorOut:
    contractor = await incidents.archive_contractor(
        session, principal.agency_id, contractor_id, archived=False, now=clock.now()
    )
    return _contractor_out(contractor, principal.agency.country)


# --------------------------------------------------------------------- routing


def _route_out(route: incidents.RouteView, region: str) -> RouteOut:
    return RouteOut(
        category=route.category,
        contractor=_contractor_out(route.contractor, region) if route.contractor else None,
        updated_at=route.updated_at,
    )


@routes_router.get("")
async def list_incident_routes(principal: StaffDep, session: SessionDep) -> list[RouteOut]:
    """Every category, with the contractor its new reports are assigned to (null: staff
    assign them)."""
    routes = await incidents.list_routes(session, principal.agency_id)
    return [_route_out(route, principal.agency.country) for route in routes]


@routes_router.put("")
async def set_incident_route(
    body: RouteIn, principal: BookWriterDep, session: SessionDep, clock: ClockDep
) -> RouteOut:
    """Route a category's new reports to a contractor who works in it (qualified at the
    normal priority and assigned as soon as they are reported), or clear its route with a null
    `contractor_id`. An archived contractor, one of another trade or one unknown to the agency
    is refused (422)."""
    route = await incidents.set_route(
        session, principal.agency_id, body.category, body.contractor_id, clock.now()
    )
    return _route_out(route, principal.agency.country)
