"""Incidents: a tenant reports a problem with their home (with photos and when they are in),
staff qualify it, send a contractor, schedule the visit and resolve it; the tenant follows each
step in the portal and by e-mail.

Each step is one transition of ``TRANSITIONS``; any other is refused with a 409. Every step is
written to the incident's history (who, what, when) in the same transaction.

An agency may route a category to one of its contractors (``IncidentRoute``): a report of that
category is then qualified and assigned on the spot, by the same steps staff take, recorded as
taken by the routing.
"""

from __future__ import annotations

import hashlib
import io
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final, Literal

from PIL import Image
from sqlalchemy import Select, any_, case, delete, literal, or_, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.core.erasure import Needles, mentions, scrubbed
from doorstep.core.errors import AppError, Conflict, InvalidInput, NotFound
from doorstep.core.pagination import (
    PageRequest,
    decode_values,
    encode_cursor,
    like_pattern,
    paginate,
)
from doorstep.core.phones import normalise_phone
from doorstep.core.scoping import get_in_agency
from doorstep.incidents.models import (
    Contractor,
    Incident,
    IncidentCategory,
    IncidentEvent,
    IncidentPhoto,
    IncidentPriority,
    IncidentRoute,
    IncidentStatus,
)
from doorstep.incidents.work_orders import send_work_order
from doorstep.leases.models import Lease, LeaseStatus, LeaseTenant
from doorstep.notifications.push import queue_email_and_push
from doorstep.notifications.service import forget_person_in_emails_about, queue_composed
from doorstep.properties.models import Property, Unit
from doorstep.tenants.models import Tenant

MAX_PHOTOS = 4
MAX_PHOTO_BYTES = 5 * 1024 * 1024
# Photos are checked by decoding them (never by their name or the client's claimed type).
PHOTO_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}

# The outbox kinds; ``incidents.emails`` writes them.
STAFF_REPORTED_EMAIL = "incident_reported_staff"
# The staff e-mails of a report are keyed "<this>:<incident id>:<staff id>".
STAFF_REPORTED_DEDUPE = "incident-reported"
TENANT_EMAILS = {
    IncidentStatus.REPORTED: "incident_received",
    IncidentStatus.ASSIGNED: "incident_assigned",
    IncidentStatus.SCHEDULED: "incident_scheduled",
    IncidentStatus.RESOLVED: "incident_resolved",
    IncidentStatus.REJECTED: "incident_rejected",
}
# Who hears of a new report: the staff who change the book.
NOTIFIED_ROLES = (StaffRole.OWNER, StaffRole.MANAGER)

# Who takes a step on the agency's side: a staff member, or the agency's routing on report.
ROUTING: Final = "routing"
AgencyActor = StaffUser | Literal["routing"]
# The priority a routed report is qualified with: nobody has judged it yet.
ROUTED_PRIORITY = IncidentPriority.NORMAL

S = IncidentStatus
# Each step: the statuses it may start from, and where it leads. Assigning again changes the
# contractor (a scheduled visit is dropped with the old one); scheduling again moves the visit.
TRANSITIONS: dict[str, tuple[frozenset[IncidentStatus], IncidentStatus]] = {
    "qualify": (frozenset({S.REPORTED}), S.QUALIFIED),
    "assign": (frozenset({S.QUALIFIED, S.ASSIGNED, S.SCHEDULED}), S.ASSIGNED),
    "schedule": (frozenset({S.ASSIGNED, S.SCHEDULED}), S.SCHEDULED),
    "resolve": (frozenset({S.ASSIGNED, S.SCHEDULED}), S.RESOLVED),
    "reject": (frozenset({S.REPORTED, S.QUALIFIED}), S.REJECTED),
    "cancel": (frozenset({S.REPORTED}), S.CANCELLED),
}


class IncidentStepRefused(Conflict):
    slug = "incident-step-refused"
    title = "This incident cannot take this step now"


class PhotoTooLarge(AppError):
    status_code = 413
    slug = "photo-too-large"
    title = "A photo is too large"


def _step(incident: Incident, action: str) -> IncidentStatus:
    sources, target = TRANSITIONS[action]
    if incident.status not in sources:
        allowed = " or ".join(sorted(s.value for s in sources))
        raise IncidentStepRefused(
            f"This incident is {incident.status.value}: '{action}' needs one that is {allowed}."
        )
    return target


# ----------------------------------------------------------------------------- photos


@dataclass(frozen=True)
class PhotoUpload:
    file_name: str | None
    data: bytes


def photo_content_type(data: bytes) -> str | None:
    """What the photo is, read from its content by decoding it: JPEG, PNG or WebP."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            image.verify()
    except Exception:
        # Pillow's decoders fail on malformed input in many ways (UnidentifiedImageError,
        # OSError, SyntaxError, struct.error, DecompressionBombError...): each means a file we
        # do not take, a 422, never a 500.
        return None
    return PHOTO_TYPES.get(kind or "")


def photo_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def clean_file_name(raw: str | None, content_type: str) -> str:
    name = " ".join(re.sub(r"[\x00-\x1f\x7f/\\]", " ", raw or "").split())
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{stem[:150] or 'photo'}.{EXTENSIONS[content_type]}"


def _checked_photos(photos: Sequence[PhotoUpload]) -> list[IncidentPhoto]:
    if len(photos) > MAX_PHOTOS:
        raise InvalidInput("photos", f"Attach at most {MAX_PHOTOS} photos.")
    checked = []
    for photo in photos:
        if len(photo.data) > MAX_PHOTO_BYTES:
            raise PhotoTooLarge(f"A photo is at most {MAX_PHOTO_BYTES // 1024 // 1024} MB.")
        content_type = photo_content_type(photo.data)
        if content_type is None:
            raise InvalidInput("photos", "Attach photos as JPEG, PNG or WebP images.")
        checked.append(
            IncidentPhoto(
                file_name=clean_file_name(photo.file_name, content_type),
                content_type=content_type,
                file_size=len(photo.data),
                file_sha256=photo_digest(photo.data),
                content=photo.data,
            )
        )
    return checked


# ----------------------------------------------------------------------------- reporting


@dataclass(frozen=True)
class NewIncident:
    lease_id: uuid.UUID | None
    category: IncidentCategory
    title: str
    description: str
    availability: str | None


async def tenant_leases(session: AsyncSession, tenant: Tenant) -> list[Lease]:
    """The active leases the tenant is a party to: the homes they can report about."""
    return list(
        await session.scalars(
            select(Lease)
            .join(LeaseTenant, LeaseTenant.lease_id == Lease.id)
            .where(
                Lease.agency_id == tenant.agency_id,
                LeaseTenant.tenant_id == tenant.id,
                Lease.status == LeaseStatus.ACTIVE,
            )
            .order_by(Lease.start_date, Lease.id)
        )
    )


async def report_incident(
    session: AsyncSession,
    agency: Agency,
    tenant: Tenant,
    report: NewIncident,
    photos: Sequence[PhotoUpload],
    now: datetime,
) -> Incident:
    """A tenant reports a problem with the home of one of their active leases (the only one
    when they have one, else the one they pick). The agency's owners and managers are e-mailed
    at once; the tenant gets an acknowledgement. When the agency routes the category to a
    contractor, the report is qualified and assigned to them in the same transaction."""
    leases = await tenant_leases(session, tenant)
    if report.lease_id is None:
        if len(leases) != 1:
            raise InvalidInput(
                "lease_id",
                "Choose the home this is about."
                if leases
                else "You have no active lease to report about.",
            )
        lease = leases[0]
    else:
        found = [lease for lease in leases if lease.id == report.lease_id]
        if not found:
            raise InvalidInput("lease_id", "This is not one of your active leases.")
        lease = found[0]
    checked = _checked_photos(photos)
    incident = Incident(
        agency_id=agency.id,
        lease_id=lease.id,
        unit_id=lease.unit_id,
        tenant_id=tenant.id,
        category=report.category,
        title=report.title,
        description=report.description,
        availability=report.availability or None,
        status=IncidentStatus.REPORTED,
        reported_at=now,
        updated_at=now,
    )
    session.add(incident)
    await session.flush()
    for photo in checked:
        photo.incident_id = incident.id
        session.add(photo)
    session.add(
        IncidentEvent(
            incident_id=incident.id,
            status=IncidentStatus.REPORTED,
            actor_tenant_id=tenant.id,
            occurred_at=now,
        )
    )
    await session.flush()
    await _tell_tenant(session, incident, now)
    staff_ids = await session.scalars(
        select(StaffUser.id).where(
            StaffUser.agency_id == agency.id,
            StaffUser.is_active,
            StaffUser.role.in_(NOTIFIED_ROLES),
        )
    )
    for staff_id in staff_ids:
        await queue_composed(
            session,
            kind=STAFF_REPORTED_EMAIL,
            ref=f"{incident.id}:{staff_id}",
            agency_id=agency.id,
            dedupe_key=f"{STAFF_REPORTED_DEDUPE}:{incident.id}:{staff_id}",
            now=now,
        )
    await _apply_route(session, incident, now)
    return incident


async def _apply_route(session: AsyncSession, incident: Incident, now: datetime) -> None:
    """The steps staff would take next, taken by the category's route if it has one: qualified
    at the normal priority, then assigned (the tenant told, the work order sent)."""
    contractor = await routed_contractor(session, incident.agency_id, incident.category)
    if contractor is None:
        return
    await _qualify(
        session,
        incident,
        ROUTING,
        priority=ROUTED_PRIORITY,
        category=None,
        notes=StepNotes(),
        now=now,
    )
    await _assign(session, incident, ROUTING, contractor, notes=StepNotes(), now=now)


async def _tell_tenant(session: AsyncSession, incident: Incident, now: datetime) -> None:
    """The e-mail and push notification of this step to the tenant who reported it, once per
    event (a visit moved again is a new event, told again)."""
    kind = TENANT_EMAILS.get(incident.status)
    if kind is None:
        return
    dedupe_key = (
        f"{kind}:{incident.id}:{now.isoformat()}:{incident.contractor_id}:{incident.scheduled_for}"
    )
    # Seed 002: by e-mail, and a push notification to each of their devices with push on.
    await queue_email_and_push(
        session,
        kind=kind,
        ref=str(incident.id),
        agency_id=incident.agency_id,
        tenant_id=incident.tenant_id,
        dedupe_key=dedupe_key,
        now=now,
    )


async def _record(
    session: AsyncSession,
    incident: Incident,
    status: IncidentStatus,
    now: datetime,
    *,
    by: AgencyActor | None = None,
    tenant: Tenant | None = None,
    note: str | None = None,
    internal_note: str | None = None,
) -> None:
    incident.status = status
    incident.updated_at = now
    session.add(
        IncidentEvent(
            incident_id=incident.id,
            status=status,
            actor_staff_id=by.id if isinstance(by, StaffUser) else None,
            actor_tenant_id=tenant.id if tenant else None,
            by_routing=by == ROUTING,
            note=note or None,
            internal_note=internal_note or None,
            occurred_at=now,
        )
    )
    await session.flush()


async def cancel_incident(
    session: AsyncSession, tenant: Tenant, incident_id: uuid.UUID, now: datetime
) -> Incident:
    """The tenant withdraws a report the agency has not taken up yet."""
    incident = await tenant_incident(session, tenant, incident_id, for_update=True)
    target = _step(incident, "cancel")
    await _record(session, incident, target, now, tenant=tenant)
    return incident


# ----------------------------------------------------------------------------- staff steps


@dataclass(frozen=True)
class StepNotes:
    note: str | None = None  # shown to the tenant
    internal_note: str | None = None  # staff only


async def qualify_incident(
    session: AsyncSession,
    agency_id: uuid.UUID,
    staff: StaffUser,
    incident_id: uuid.UUID,
    *,
    priority: IncidentPriority,
    category: IncidentCategory | None,
    notes: StepNotes,
    now: datetime,
) -> Incident:
    """Staff take the report up: how urgent it is and, if the tenant chose wrongly, what kind
    of problem it is."""
    incident = await get_incident(session, agency_id, incident_id, for_update=True)
    await _qualify(
        session, incident, staff, priority=priority, category=category, notes=notes, now=now
    )
    return incident


async def _qualify(
    session: AsyncSession,
    incident: Incident,
    by: AgencyActor,
    *,
    priority: IncidentPriority,
    category: IncidentCategory | None,
    notes: StepNotes,
    now: datetime,
) -> None:
    target = _step(incident, "qualify")
    incident.priority = priority
    if category is not None:
        incident.category = category
    await _record(
        session,
        incident,
        target,
        now,
        by=by,
        note=notes.note,
        internal_note=notes.internal_note,
    )


async def assign_contractor(
    session: AsyncSession,
    agency_id: uuid.UUID,
    staff: StaffUser,
    incident_id: uuid.UUID,
    *,
    contractor_id: uuid.UUID,
    notes: StepNotes,
    now: datetime,
) -> Incident:
    incident = await get_incident(session, agency_id, incident_id, for_update=True)
    _step(incident, "assign")
    contractor = await session.scalar(
        select(Contractor).where(Contractor.id == contractor_id, Contractor.agency_id == agency_id)
    )
    if contractor is None or contractor.archived_at is not None:
        raise InvalidInput("contractor_id", "No such contractor.")
    await _assign(session, incident, staff, contractor, notes=notes, now=now)
    return incident


async def _assign(
    session: AsyncSession,
    incident: Incident,
    by: AgencyActor,
    contractor: Contractor,
    *,
    notes: StepNotes,
    now: datetime,
) -> None:
    """Send the contractor (an active one of the incident's agency): the tenant is told who,
    the contractor gets the work order."""
    target = _step(incident, "assign")
    incident.contractor_id = contractor.id
    incident.scheduled_for = None
    await _record(
        session,
        incident,
        target,
        now,
        by=by,
        note=notes.note,
        internal_note=notes.internal_note,
    )
    await _tell_tenant(session, incident, now)
    await send_work_order(session, incident, now)


async def schedule_visit(
    session: AsyncSession,
    agency_id: uuid.UUID,
    staff: StaffUser,
    incident_id: uuid.UUID,
    *,
    scheduled_for: datetime,
    notes: StepNotes,
    now: datetime,
) -> Incident:
    """The contractor's visit is agreed: the tenant is told when, the contractor gets the work
    order again with the date."""
    incident = await get_incident(session, agency_id, incident_id, for_update=True)
    target = _step(incident, "schedule")
    if scheduled_for <= now:
        raise InvalidInput("scheduled_for", "The visit must be in the future.")
    incident.scheduled_for = scheduled_for
    await _record(
        session,
        incident,
        target,
        now,
        by=staff,
        note=notes.note,
        internal_note=notes.internal_note,
    )
    await _tell_tenant(session, incident, now)
    await send_work_order(session, incident, now)
    return incident


async def resolve_incident(
    session: AsyncSession,
    agency_id: uuid.UUID,
    staff: StaffUser,
    incident_id: uuid.UUID,
    *,
    resolution_note: str,
    internal_note: str | None,
    now: datetime,
) -> Incident:
    incident = await get_incident(session, agency_id, incident_id, for_update=True)
    target = _step(incident, "resolve")
    incident.resolution_note = resolution_note
    await _record(
        session,
        incident,
        target,
        now,
        by=staff,
        note=resolution_note,
        internal_note=internal_note,
    )
    await _tell_tenant(session, incident, now)
    return incident


async def reject_incident(
    session: AsyncSession,
    agency_id: uuid.UUID,
    staff: StaffUser,
    incident_id: uuid.UUID,
    *,
    reason: str,
    internal_note: str | None,
    now: datetime,
) -> Incident:
    """Not for the agency (the tenant's own repair, a duplicate): the tenant is told why."""
    incident = await get_incident(session, agency_id, incident_id, for_update=True)
    target = _step(incident, "reject")
    incident.rejection_reason = reason
    await _record(
        session, incident, target, now, by=staff, note=reason, internal_note=internal_note
    )
    await _tell_tenant(session, incident, now)
    return incident


# ----------------------------------------------------------------------------- reading


async def get_incident(
    session: AsyncSession,
    agency_id: uuid.UUID,
    incident_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> Incident:
    return await get_in_agency(
        session,
        Incident,
        incident_id,
        agency_id,
        missing="No such incident.",
        for_update=for_update,
    )


async def tenant_incident(
    session: AsyncSession, tenant: Tenant, incident_id: uuid.UUID, *, for_update: bool = False
) -> Incident:
    """An incident the tenant reported themselves."""
    statement = select(Incident).where(
        Incident.id == incident_id,
        Incident.agency_id == tenant.agency_id,
        Incident.tenant_id == tenant.id,
    )
    if for_update:
        statement = statement.with_for_update()
    incident = await session.scalar(statement)
    if incident is None:
        raise NotFound("No such incident.")
    return incident


@dataclass(frozen=True)
class IncidentFilters:
    status: IncidentStatus | None = None
    open_only: bool = False
    category: IncidentCategory | None = None
    property_id: uuid.UUID | None = None
    lease_id: uuid.UUID | None = None
    tenant_id: uuid.UUID | None = None
    contractor_id: uuid.UUID | None = None
    search: str | None = None
    # "newest": newest first. "triage": most pressing priority first (urgent, high, not yet
    # qualified, normal, low), then the longest waiting.
    order: Literal["newest", "triage"] = "newest"


# The triage rank of a priority; an incident nobody has qualified yet (no priority) comes after
# high and before normal: qualifying it is the next thing to do.
TRIAGE_RANK: dict[IncidentPriority | None, int] = {
    IncidentPriority.URGENT: 0,
    IncidentPriority.HIGH: 1,
    None: 2,
    IncidentPriority.NORMAL: 3,
    IncidentPriority.LOW: 4,
}
_UNQUALIFIED_RANK = TRIAGE_RANK[None]
_triage_rank = case(
    {p: rank for p, rank in TRIAGE_RANK.items() if p is not None},
    value=Incident.priority,
    else_=_UNQUALIFIED_RANK,
)


def _rank(value: str) -> int:
    rank = int(value)
    if rank not in TRIAGE_RANK.values():
        raise ValueError("not a triage rank")
    return rank


async def _paginate_triage(
    session: AsyncSession, statement: Select[Incident], page: PageRequest
) -> tuple[list[Incident], str | None]:
    """Keyset pages in triage order: (rank, reported_at, id), the cursor carrying all three."""
    if page.cursor:
        rank, reported_at, incident_id = decode_values(
            page.cursor, (_rank, datetime.fromisoformat, uuid.UUID)
        )
        statement = statement.where(
            tuple_(_triage_rank, Incident.reported_at, Incident.id)
            > tuple_(literal(rank), literal(reported_at), literal(incident_id))
        )
    statement = statement.order_by(_triage_rank, Incident.reported_at, Incident.id).limit(
        page.limit + 1
    )
    rows = list((await session.scalars(statement)).all())
    if len(rows) <= page.limit:
        return rows, None
    rows = rows[: page.limit]
    last = rows[-1]
    cursor = encode_cursor([TRIAGE_RANK[last.priority], last.reported_at.isoformat(), last.id])
    return rows, cursor


async def list_incidents(
    session: AsyncSession, agency_id: uuid.UUID, filters: IncidentFilters, page: PageRequest
) -> tuple[list[IncidentView], str | None]:
    """The agency's incidents, newest first, filtered; the search matches the title, the
    description and the reporting tenant's name."""
    statement = select(Incident).where(Incident.agency_id == agency_id)
    if filters.status is not None:
        statement = statement.where(Incident.status == filters.status)
    if filters.open_only:
        statement = statement.where(
            Incident.status.in_([S.REPORTED, S.QUALIFIED, S.ASSIGNED, S.SCHEDULED])
        )
    if filters.category is not None:
        statement = statement.where(Incident.category == filters.category)
    if filters.contractor_id is not None:
        statement = statement.where(Incident.contractor_id == filters.contractor_id)
    if filters.property_id is not None:
        statement = statement.where(
            Incident.unit_id.in_(select(Unit.id).where(Unit.property_id == filters.property_id))
        )
    if filters.lease_id is not None:
        statement = statement.where(Incident.lease_id == filters.lease_id)
    if filters.tenant_id is not None:
        statement = statement.where(Incident.tenant_id == filters.tenant_id)
    if filters.search:
        pattern = like_pattern(filters.search)
        statement = statement.where(
            or_(
                Incident.title.ilike(pattern),
                Incident.description.ilike(pattern),
                Incident.tenant_id.in_(
                    select(Tenant.id).where(
                        Tenant.agency_id == agency_id,
                        (Tenant.first_name + " " + Tenant.last_name).ilike(pattern),
                    )
                ),
            )
        )
    if filters.order == "triage":
        found, cursor = await _paginate_triage(session, statement, page)
    else:
        # By when it was reported (the injected clock), not by id: ids carry the wall clock
        # of whichever process wrote the row, which need not agree with the business time.
        found, cursor = await paginate(
            session, statement, (Incident.reported_at, Incident.id), page, descending=True
        )
    return await incident_views(session, found), cursor


async def list_tenant_incidents(
    session: AsyncSession, tenant: Tenant, page: PageRequest, *, open_only: bool = False
) -> tuple[list[IncidentView], str | None]:
    """The tenant's own reports, newest first (by when they were reported; the id breaks
    ties)."""
    statement = select(Incident).where(
        Incident.agency_id == tenant.agency_id, Incident.tenant_id == tenant.id
    )
    if open_only:
        statement = statement.where(
            Incident.status.in_([S.REPORTED, S.QUALIFIED, S.ASSIGNED, S.SCHEDULED])
        )
    found, cursor = await paginate(
        session, statement, (Incident.reported_at, Incident.id), page, descending=True
    )
    return await incident_views(session, found), cursor


@dataclass(frozen=True)
class PhotoView:
    id: uuid.UUID
    file_name: str
    content_type: str
    file_size: int


@dataclass(frozen=True)
class EventView:
    status: IncidentStatus
    occurred_at: datetime
    actor: Literal["tenant", "staff", "routing"]
    actor_name: str  # empty for the routing
    note: str | None
    internal_note: str | None


@dataclass(frozen=True)
class IncidentView:
    incident: Incident
    tenant_name: str
    property_id: uuid.UUID
    property_name: str
    unit_name: str
    contractor: Contractor | None
    photos: list[PhotoView]


async def incident_views(session: AsyncSession, found: Sequence[Incident]) -> list[IncidentView]:
    """Incidents with the names their screens show, in four queries for any count."""
    if not found:
        return []
    ids = [incident.id for incident in found]
    tenants = {
        tenant_id: f"{first} {last}"
        for tenant_id, first, last in await session.execute(
            select(Tenant.id, Tenant.first_name, Tenant.last_name).where(
                Tenant.id.in_({i.tenant_id for i in found})
            )
        )
    }
    places = {
        unit_id: (property_id, property_name, unit_name)
        for unit_id, property_id, property_name, unit_name in await session.execute(
            select(Unit.id, Property.id, Property.name, Unit.name)
            .join(Property, Property.id == Unit.property_id)
            .where(Unit.id.in_({i.unit_id for i in found}))
        )
    }
    contractor_ids = {i.contractor_id for i in found if i.contractor_id}
    contractors: dict[uuid.UUID, Contractor] = {}
    if contractor_ids:
        contractors = {
            c.id: c
            for c in await session.scalars(
                select(Contractor).where(Contractor.id.in_(contractor_ids))
            )
        }
    photos: dict[uuid.UUID, list[PhotoView]] = {i: [] for i in ids}
    for photo_id, incident_id, name, content_type, size in await session.execute(
        select(
            IncidentPhoto.id,
            IncidentPhoto.incident_id,
            IncidentPhoto.file_name,
            IncidentPhoto.content_type,
            IncidentPhoto.file_size,
        )
        .where(IncidentPhoto.incident_id.in_(ids))
        .order_by(IncidentPhoto.id)
    ):
        photos[incident_id].append(PhotoView(photo_id, name, content_type, size))
    return [
        IncidentView(
            incident=incident,
            tenant_name=tenants[incident.tenant_id],
            property_id=places[incident.unit_id][0],
            property_name=places[incident.unit_id][1],
            unit_name=places[incident.unit_id][2],
            contractor=contractors.get(incident.contractor_id) if incident.contractor_id else None,
            photos=photos[incident.id],
        )
        for incident in found
    ]


async def incident_history(session: AsyncSession, incident: Incident) -> list[EventView]:
    """Every step of the incident, oldest first, with who took it."""
    rows = await session.execute(
        select(
            IncidentEvent,
            StaffUser.first_name,
            StaffUser.last_name,
            Tenant.first_name,
            Tenant.last_name,
        )
        .outerjoin(StaffUser, StaffUser.id == IncidentEvent.actor_staff_id)
        .outerjoin(Tenant, Tenant.id == IncidentEvent.actor_tenant_id)
        .where(IncidentEvent.incident_id == incident.id)
        .order_by(IncidentEvent.occurred_at, IncidentEvent.id)
    )
    views = []
    for event, staff_first, staff_last, tenant_first, tenant_last in rows:
        actor: Literal["tenant", "staff", "routing"]
        if event.by_routing:
            actor, actor_name = "routing", ""
        elif event.actor_staff_id:
            actor, actor_name = "staff", f"{staff_first} {staff_last}"
        else:
            actor, actor_name = "tenant", f"{tenant_first} {tenant_last}"
        views.append(
            EventView(
                status=event.status,
                occurred_at=event.occurred_at,
                actor=actor,
                actor_name=actor_name,
                note=event.note,
                internal_note=event.internal_note,
            )
        )
    return views


async def photo_file(
    session: AsyncSession, incident: Incident, photo_id: uuid.UUID
) -> tuple[IncidentPhoto, bytes]:
    photo = await session.scalar(
        select(IncidentPhoto).where(
            IncidentPhoto.id == photo_id, IncidentPhoto.incident_id == incident.id
        )
    )
    if photo is None:
        raise NotFound("No such photo.")
    content = await session.scalar(
        select(IncidentPhoto.content).where(IncidentPhoto.id == photo.id)
    )
    return photo, content or b""


async def forget_tenant_incidents(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID, needles: Needles
) -> int:
    """Deleting a customer (seed 001): the incidents stay with the home they are about, but
    the photos the tenant took and when they said they were in go, and every mention of the
    person (names, e-mail, phone) is rewritten out of the free text — what the tenant typed
    (title, description) and what staff wrote (resolution, rejection, the steps' notes) — on
    the incidents they reported and those of the homes they rented with others. Returns how
    many photos were deleted."""
    theirs = or_(
        Incident.tenant_id == tenant_id,
        Incident.lease_id.in_(
            select(LeaseTenant.lease_id).where(LeaseTenant.tenant_id == tenant_id)
        ),
    )
    incident_ids = select(Incident.id).where(Incident.agency_id == agency_id, theirs)
    result = await session.execute(
        delete(IncidentPhoto).where(
            IncidentPhoto.incident_id.in_(
                select(Incident.id).where(
                    Incident.agency_id == agency_id, Incident.tenant_id == tenant_id
                )
            )
        )
    )
    await session.execute(
        update(Incident)
        .where(Incident.agency_id == agency_id, Incident.tenant_id == tenant_id)
        .values(availability=None)
        .execution_options(synchronize_session=False)
    )
    texts = (
        Incident.title,
        Incident.description,
        Incident.resolution_note,
        Incident.rejection_reason,
    )
    await session.execute(
        update(Incident)
        .where(
            Incident.agency_id == agency_id,
            theirs,
            or_(*(mentions(column, needles) for column in texts)),
        )
        .values({column: scrubbed(column, needles) for column in texts})
        .execution_options(synchronize_session=False)
    )
    notes = (IncidentEvent.note, IncidentEvent.internal_note)
    await session.execute(
        update(IncidentEvent)
        .where(
            IncidentEvent.incident_id.in_(incident_ids),
            or_(*(mentions(column, needles) for column in notes)),
        )
        .values({column: scrubbed(column, needles) for column in notes})
        .execution_options(synchronize_session=False)
    )
    # Staff were e-mailed each report with its title and description.
    reported = await session.scalars(
        select(Incident.id).where(Incident.agency_id == agency_id, theirs)
    )
    await forget_person_in_emails_about(
        session, agency_id, STAFF_REPORTED_DEDUPE, list(reported), needles
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


# ----------------------------------------------------------------------------- contractors


@dataclass(frozen=True)
class ContractorFields:
    name: str
    categories: list[IncidentCategory]
    phone: str | None
    email: str | None
    notes: str | None


async def create_contractor(
    session: AsyncSession, agency: Agency, fields: ContractorFields
) -> Contractor:
    """A phone number typed without its country code is one of the agency's country."""
    contractor = Contractor(
        agency_id=agency.id,
        name=fields.name,
        categories=sorted({c.value for c in fields.categories}),
        phone=normalise_phone("phone", fields.phone, agency.country),
        email=fields.email,
        notes=fields.notes or None,
    )
    session.add(contractor)
    await session.flush()
    return contractor


async def get_contractor(
    session: AsyncSession,
    agency_id: uuid.UUID,
    contractor_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> Contractor:
    return await get_in_agency(
        session,
        Contractor,
        contractor_id,
        agency_id,
        missing="No such contractor.",
        for_update=for_update,
    )


async def update_contractor(
    session: AsyncSession, agency: Agency, contractor_id: uuid.UUID, changes: dict[str, object]
) -> Contractor:
    """The fields sent; ``phone``, ``email`` and ``notes`` may be cleared with null."""
    contractor = await get_contractor(session, agency.id, contractor_id, for_update=True)
    if isinstance(changes.get("phone"), str):
        changes["phone"] = normalise_phone("phone", str(changes["phone"]), agency.country)
    if "categories" in changes:
        categories = changes["categories"]
        assert isinstance(categories, list)
        changes["categories"] = sorted({IncidentCategory(c).value for c in categories})
    for key, value in changes.items():
        setattr(contractor, key, value)
    if "categories" in changes:
        # A trade they no longer work in is no longer routed to them.
        await session.execute(
            delete(IncidentRoute).where(
                IncidentRoute.agency_id == agency.id,
                IncidentRoute.contractor_id == contractor.id,
                IncidentRoute.category.not_in([IncidentCategory(c) for c in contractor.categories]),
            )
        )
    await session.flush()
    return contractor


async def archive_contractor(
    session: AsyncSession,
    agency_id: uuid.UUID,
    contractor_id: uuid.UUID,
    *,
    archived: bool,
    now: datetime,
) -> Contractor:
    """An archived contractor stays on the incidents they had but is offered no more: the
    categories routed to them go back to staff, and restoring them does not route them again."""
    contractor = await get_contractor(session, agency_id, contractor_id, for_update=True)
    if archived:
        await session.execute(
            delete(IncidentRoute).where(
                IncidentRoute.agency_id == agency_id, IncidentRoute.contractor_id == contractor.id
            )
        )
    if archived and contractor.archived_at is None:
        contractor.archived_at = now
    elif not archived:
        contractor.archived_at = None
    await session.flush()
    return contractor


async def list_contractors(
    session: AsyncSession,
    agency_id: uuid.UUID,
    *,
    category: IncidentCategory | None,
    include_archived: bool,
    page: PageRequest,
) -> tuple[list[Contractor], str | None]:
    statement = select(Contractor).where(Contractor.agency_id == agency_id)
    if not include_archived:
        statement = statement.where(Contractor.archived_at.is_(None))
    if category is not None:
        statement = statement.where(any_(Contractor.categories) == category.value)
    return await paginate(session, statement, (Contractor.id,), page)


# ----------------------------------------------------------------------------- routing


@dataclass(frozen=True)
class RouteView:
    category: IncidentCategory
    contractor: Contractor | None  # None: staff assign this category by hand
    updated_at: datetime | None


async def list_routes(session: AsyncSession, agency_id: uuid.UUID) -> list[RouteView]:
    """Every category, in the order of ``IncidentCategory``, with the contractor it is routed
    to, if any."""
    rows = await session.execute(
        select(IncidentRoute, Contractor)
        .join(Contractor, Contractor.id == IncidentRoute.contractor_id)
        .where(IncidentRoute.agency_id == agency_id)
    )
    routed = {route.category: (route, contractor) for route, contractor in rows}
    views = []
    for category in IncidentCategory:
        if category in routed:
            route, contractor = routed[category]
            views.append(RouteView(category, contractor, route.updated_at))
        else:
            views.append(RouteView(category, None, None))
    return views


async def set_route(
    session: AsyncSession,
    agency_id: uuid.UUID,
    category: IncidentCategory,
    contractor_id: uuid.UUID | None,
    now: datetime,
) -> RouteView:
    """Route the category to an active contractor of the agency who works in it, or (None)
    leave it to staff. The contractor is locked so that archiving them, or taking the trade
    off them, cannot slip in between the check and the route."""
    if contractor_id is None:
        await session.execute(
            delete(IncidentRoute).where(
                IncidentRoute.agency_id == agency_id, IncidentRoute.category == category
            )
        )
        return RouteView(category, None, None)
    contractor = await session.scalar(
        select(Contractor)
        .where(Contractor.id == contractor_id, Contractor.agency_id == agency_id)
        .with_for_update()
    )
    if contractor is None:
        raise InvalidInput("contractor_id", "No such contractor.")
    if contractor.archived_at is not None:
        raise InvalidInput(
            "contractor_id", "This contractor is archived: restore them before routing to them."
        )
    if category.value not in contractor.categories:
        raise InvalidInput(
            "contractor_id", f"This contractor does not work in the {category.value} category."
        )
    statement = pg_insert(IncidentRoute).values(
        agency_id=agency_id, category=category, contractor_id=contractor.id, updated_at=now
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[IncidentRoute.agency_id, IncidentRoute.category],
            set_={"contractor_id": statement.excluded.contractor_id, "updated_at": now},
        )
    )
    return RouteView(category, contractor, now)


async def routed_contractor(
    session: AsyncSession, agency_id: uuid.UUID, category: IncidentCategory
) -> Contractor | None:
    """The contractor the agency routes this category to. Routes are deleted with the
    contractor's archiving or their trade, so the conditions on the contractor only restate
    what a route promises."""
    return await session.scalar(
        select(Contractor)
        .join(IncidentRoute, IncidentRoute.contractor_id == Contractor.id)
        .where(
            IncidentRoute.agency_id == agency_id,
            IncidentRoute.category == category,
            Contractor.agency_id == agency_id,
            Contractor.archived_at.is_(None),
            any_(Contractor.categories) == category.value,
        )
    )
