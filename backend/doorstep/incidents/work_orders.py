"""The work order: the e-mail that sends an incident to its contractor (seed 002, "forward them
to the right contractor").

Contractors have no login, so the order carries everything the visit needs: the agency, the
address and unit, the category and priority, the tenant's words, when they are available and
how to reach them, the planned visit if any, and the tenant's photos as attachments (resized at
delivery, outside the business transaction, so no link or token is handed out). It is queued
through the outbox on assignment, again when the visit is planned or moved, and whenever staff
re-send it; in the agency's language. Replies go to the agency (the outbox's Reply-To).
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import datetime

from PIL import Image
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency
from doorstep.core.errors import Conflict, NotFound
from doorstep.core.names import display_name
from doorstep.core.phones import display_phone
from doorstep.documents.i18n import Texts
from doorstep.incidents.models import (
    Contractor,
    Incident,
    IncidentPhoto,
    IncidentStatus,
    IncidentWorkOrder,
)
from doorstep.notifications.models import OutboxMessage
from doorstep.notifications.service import (
    Attachment,
    ComposedEmail,
    queue_composed,
    register_composer,
    register_renderer,
)
from doorstep.notifications.template import EmailContent, Paragraph, render_email
from doorstep.properties.models import Property, Unit
from doorstep.tenants.models import Tenant

WORK_ORDER_EMAIL = "incident_work_order"
PHOTO_RENDERER = "incident_work_order_photo"
# Large enough to see the damage, small enough that four photos make a light e-mail.
PHOTO_MAX_SIDE = 1600

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "greeting": "Hello {name},",
        "signoff": "Kind regards,",
        "subject": "Work order from {agency}: {category} at {address}",
        "intro": "{agency} asks you to take care of the following problem.",
        "address": "Address: {address}, {unit}",
        "category": "Category: {category}",
        "priority": "Priority: {priority}",
        "problem": "Problem reported by the tenant: “{title}”",
        "availability": "When the tenant is available / access: {availability}",
        "contact": "Tenant: {name}{phone}",
        "visit": "Planned visit: {when}",
        "no_visit": "No visit is planned yet: please agree on a time with the tenant or with us.",
        "photos": "The tenant's photos are attached ({count}).",
        "reply": "Questions, a quote or a report: reply to this e-mail.",
    },
    "fr": {
        "greeting": "Bonjour {name},",
        "signoff": "Cordialement,",
        "subject": "Ordre d'intervention de {agency} : {category} à {address}",
        "intro": "{agency} vous demande de prendre en charge le problème suivant.",
        "address": "Adresse : {address}, {unit}",
        "category": "Catégorie : {category}",
        "priority": "Priorité : {priority}",
        "problem": "Problème signalé par le locataire : « {title} »",
        "availability": "Disponibilités / accès du locataire : {availability}",
        "contact": "Locataire : {name}{phone}",
        "visit": "Intervention prévue : {when}",
        "no_visit": "Aucune intervention n'est encore planifiée : convenez d'un moment avec le "
        "locataire ou avec nous.",
        "photos": "Les photos du locataire sont jointes ({count}).",
        "reply": "Une question, un devis ou un rapport : répondez à cet e-mail.",
    },
    "nl": {
        "greeting": "Beste {name},",
        "signoff": "Met vriendelijke groeten,",
        "subject": "Werkbon van {agency}: {category} in {address}",
        "intro": "{agency} vraagt u het volgende probleem op te lossen.",
        "address": "Adres: {address}, {unit}",
        "category": "Categorie: {category}",
        "priority": "Prioriteit: {priority}",
        "problem": "Probleem gemeld door de huurder: “{title}”",
        "availability": "Beschikbaarheid / toegang van de huurder: {availability}",
        "contact": "Huurder: {name}{phone}",
        "visit": "Gepland bezoek: {when}",
        "no_visit": "Er is nog geen bezoek gepland: spreek een moment af met de huurder of met "
        "ons.",
        "photos": "De foto's van de huurder zijn bijgevoegd ({count}).",
        "reply": "Vragen, een offerte of een verslag: beantwoord deze e-mail.",
    },
}

CATEGORY_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "plumbing": "plumbing",
        "electrical": "electrical",
        "heating": "heating",
        "communal_areas": "communal areas",
        "other": "other",
    },
    "fr": {
        "plumbing": "plomberie",
        "electrical": "électricité",
        "heating": "chauffage",
        "communal_areas": "parties communes",
        "other": "autre",
    },
    "nl": {
        "plumbing": "sanitair",
        "electrical": "elektriciteit",
        "heating": "verwarming",
        "communal_areas": "gemeenschappelijke delen",
        "other": "andere",
    },
}

PRIORITY_WORDS: dict[str, dict[str, str]] = {
    "en": {"low": "low", "normal": "normal", "high": "high", "urgent": "urgent"},
    "fr": {"low": "basse", "normal": "normale", "high": "haute", "urgent": "urgente"},
    "nl": {"low": "laag", "normal": "normaal", "high": "hoog", "urgent": "dringend"},
}


async def send_work_order(session: AsyncSession, incident: Incident, now: datetime) -> bool:
    """Queue the work order to the incident's contractor, in the caller's transaction, and
    record it. False when there is nobody to send it to (no contractor, or one without an
    e-mail address)."""
    if incident.contractor_id is None:
        return False
    contractor_email = await session.scalar(
        select(Contractor.email).where(Contractor.id == incident.contractor_id)
    )
    if not contractor_email:
        return False
    message = await queue_composed(
        session,
        kind=WORK_ORDER_EMAIL,
        ref=str(incident.id),
        agency_id=incident.agency_id,
        # One order per change (or re-send) at a given instant: a retried request sends once.
        dedupe_key=(
            f"work-order:{incident.id}:{now.isoformat()}:{incident.contractor_id}"
            f":{incident.scheduled_for}"
        ),
        now=now,
    )
    await session.execute(
        insert(IncidentWorkOrder).values(
            incident_id=incident.id,
            contractor_id=incident.contractor_id,
            to_address=message.to_address,
            outbox_message_id=message.id,
            sent_at=now,
        )
    )
    return True


async def resend_work_order(
    session: AsyncSession, agency_id: uuid.UUID, incident_id: uuid.UUID, now: datetime
) -> None:
    """Staff send the order again (the contractor lost it, or it bounced)."""
    incident = await session.scalar(
        select(Incident)
        .where(Incident.id == incident_id, Incident.agency_id == agency_id)
        .with_for_update()
    )
    if incident is None:
        raise NotFound("No such incident.")
    if incident.status not in (IncidentStatus.ASSIGNED, IncidentStatus.SCHEDULED):
        raise Conflict("Only an incident with a contractor on it has a work order to send.")
    if not await send_work_order(session, incident, now):
        raise Conflict("The contractor has no e-mail address: add one first.")


@dataclass(frozen=True)
class WorkOrderSent:
    """The latest work order of an incident: to whom, when staff's change asked for it, and
    how its delivery went ("erased" once the message went with the tenant it named)."""

    to: str
    queued_at: datetime
    delivered_at: datetime | None
    status: str


async def latest_work_order(
    session: AsyncSession, agency_id: uuid.UUID, incident_id: uuid.UUID
) -> WorkOrderSent | None:
    row = (
        await session.execute(
            select(
                IncidentWorkOrder.to_address,
                IncidentWorkOrder.sent_at,
                OutboxMessage.sent_at.label("delivered_at"),
                OutboxMessage.status,
            )
            .join(Incident, Incident.id == IncidentWorkOrder.incident_id)
            .outerjoin(OutboxMessage, OutboxMessage.id == IncidentWorkOrder.outbox_message_id)
            .where(Incident.agency_id == agency_id, IncidentWorkOrder.incident_id == incident_id)
            .order_by(IncidentWorkOrder.sent_at.desc(), IncidentWorkOrder.id.desc())
            .limit(1)
        )
    ).one_or_none()
    if row is None:
        return None
    return WorkOrderSent(
        to=row.to_address,
        queued_at=row.sent_at,
        delivered_at=row.delivered_at,
        status=row.status.value if row.status is not None else "erased",
    )


async def compose_work_order(session: AsyncSession, ref: str, now: datetime) -> ComposedEmail:
    """To the incident's contractor: what to fix, where, and how to get in."""
    incident = await session.get_one(Incident, uuid.UUID(ref))
    assert incident.contractor_id is not None, "a work order is sent to an assigned contractor"
    agency = await session.get_one(Agency, incident.agency_id)
    contractor = await session.get_one(Contractor, incident.contractor_id)
    assert contractor.email is not None
    tenant = await session.get_one(Tenant, incident.tenant_id)
    place = (
        await session.execute(
            select(
                Property.address_line1,
                Property.address_line2,
                Property.postal_code,
                Property.city,
                Unit.name.label("unit_name"),
            )
            .join(Unit, Unit.property_id == Property.id)
            .where(Unit.id == incident.unit_id)
        )
    ).one()
    photos = (
        await session.execute(
            select(IncidentPhoto.id, IncidentPhoto.file_name)
            .where(IncidentPhoto.incident_id == incident.id)
            .order_by(IncidentPhoto.id)
        )
    ).all()
    texts = Texts.for_agency(agency.locale, agency.timezone)
    language = texts.language if texts.language in CATALOGUE else "en"
    words = CATALOGUE[language]
    street = ", ".join(part for part in (place.address_line1, place.address_line2) if part)
    address = f"{street}, {place.postal_code} {place.city}"
    category = CATEGORY_WORDS[language][incident.category.value]
    phone = display_phone(tenant.phone, agency.country)
    lines = [
        words["intro"].format(agency=agency.name),
        words["address"].format(address=address, unit=place.unit_name),
        words["category"].format(category=category),
    ]
    if incident.priority is not None:
        lines.append(
            words["priority"].format(priority=PRIORITY_WORDS[language][incident.priority.value])
        )
    lines += [words["problem"].format(title=incident.title), incident.description]
    if incident.availability:
        lines.append(words["availability"].format(availability=incident.availability))
    lines.append(
        words["contact"].format(
            name=display_name(tenant.first_name, tenant.last_name),
            phone=f", {phone}" if phone else "",
        )
    )
    lines.append(
        words["visit"].format(when=texts.instant(incident.scheduled_for))
        if incident.scheduled_for
        else words["no_visit"]
    )
    if photos:
        lines.append(words["photos"].format(count=len(photos)))
    lines.append(words["reply"])
    rendered = render_email(
        EmailContent(
            lang=language,
            agency_name=agency.name,
            subject=words["subject"].format(agency=agency.name, category=category, address=street),
            greeting=words["greeting"].format(name=contractor.name),
            blocks=[Paragraph(line) for line in lines],
            action=None,
            signoff=words["signoff"],
        )
    )
    return ComposedEmail(
        to=contractor.email,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        from_name=agency.name,
        attachments=[
            Attachment(
                f"photo-{position}.jpg",
                "image/jpeg",
                renderer=PHOTO_RENDERER,
                renderer_ref=str(photo.id),
            )
            for position, photo in enumerate(photos, start=1)
        ],
    )


async def render_photo(session: AsyncSession, ref: str, now: datetime) -> bytes:
    """A tenant's photo as a JPEG at most PHOTO_MAX_SIDE pixels across."""
    content = await session.scalar(
        select(IncidentPhoto.content).where(IncidentPhoto.id == uuid.UUID(ref))
    )
    if content is None:
        raise LookupError(f"incident photo {ref} is gone")
    with Image.open(io.BytesIO(content)) as image:
        image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
        out = io.BytesIO()
        image.convert("RGB").save(out, format="JPEG", quality=85)
    return out.getvalue()


register_composer(WORK_ORDER_EMAIL, compose_work_order)
register_renderer(PHOTO_RENDERER, render_photo)
