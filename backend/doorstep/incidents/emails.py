"""The e-mails about an incident: to the agency's owners and managers when a tenant reports
one, and to the tenant at each step (received, contractor assigned, visit scheduled,
resolved, or turned down and why), in the agency's language (en, fr, nl; English otherwise)
through the one e-mail template.

The composers are registered with the outbox when this module is imported (the API).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffUser
from doorstep.core.names import display_name
from doorstep.core.settings import get_settings
from doorstep.documents.i18n import Texts
from doorstep.incidents.models import Contractor, Incident, IncidentStatus
from doorstep.incidents.service import STAFF_REPORTED_EMAIL, TENANT_EMAILS
from doorstep.notifications.push import PushNotice, register_push_composer
from doorstep.notifications.service import ComposedEmail, register_composer
from doorstep.notifications.template import Action, EmailContent, Paragraph, render_email
from doorstep.properties.models import Property, Unit
from doorstep.tenants.models import Tenant

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "greeting": "Dear {name},",
        "signoff": "Kind regards,",
        "category.plumbing": "plumbing",
        "category.electrical": "electrical",
        "category.heating": "heating",
        "category.communal_areas": "communal areas",
        "category.other": "other",
        "staff.subject": "New incident at {place}: {title}",
        "staff.body": "{tenant} reported a {category} problem at {place}: “{title}”.",
        "staff.availability": "When they are available: {availability}",
        "staff.action": "Open the incident",
        "received.subject": "{agency} received your report: {title}",
        "received.body": "We received your report “{title}” about {place}. We will look at it "
        "and let you know which contractor will come.",
        "assigned.subject": "A contractor is assigned to your report: {title}",
        "assigned.body": "{contractor} will take care of “{title}”. We will let you know when "
        "the visit is planned.",
        "scheduled.subject": "Visit planned for your report: {title}",
        "scheduled.body": "{contractor} will come on {when} for “{title}”.",
        "resolved.subject": "Your report is resolved: {title}",
        "resolved.body": "“{title}” is resolved.",
        "rejected.subject": "About your report: {title}",
        "rejected.body": "{agency} will not handle “{title}”.",
        "note": "{note}",
        "action": "Follow your report",
    },
    "fr": {
        "greeting": "Bonjour {name},",
        "signoff": "Cordialement,",
        "category.plumbing": "plomberie",
        "category.electrical": "électricité",
        "category.heating": "chauffage",
        "category.communal_areas": "parties communes",
        "category.other": "autre",
        "staff.subject": "Nouvel incident à {place} : {title}",
        "staff.body": "{tenant} a signalé un problème ({category}) à {place} : « {title} ».",
        "staff.availability": "Disponibilités : {availability}",
        "staff.action": "Ouvrir l'incident",
        "received.subject": "{agency} a bien reçu votre signalement : {title}",
        "received.body": "Nous avons bien reçu votre signalement « {title} » concernant "
        "{place}. Nous l'examinons et vous dirons quel prestataire interviendra.",
        "assigned.subject": "Un prestataire est désigné pour votre signalement : {title}",
        "assigned.body": "{contractor} s'occupera de « {title} ». Nous vous dirons quand "
        "l'intervention est planifiée.",
        "scheduled.subject": "Intervention planifiée pour votre signalement : {title}",
        "scheduled.body": "{contractor} interviendra le {when} pour « {title} ».",
        "resolved.subject": "Votre signalement est résolu : {title}",
        "resolved.body": "« {title} » est résolu.",
        "rejected.subject": "Concernant votre signalement : {title}",
        "rejected.body": "{agency} ne prendra pas en charge « {title} ».",
        "note": "{note}",
        "action": "Suivre votre signalement",
    },
    "nl": {
        "greeting": "Beste {name},",
        "signoff": "Met vriendelijke groeten,",
        "category.plumbing": "sanitair",
        "category.electrical": "elektriciteit",
        "category.heating": "verwarming",
        "category.communal_areas": "gemeenschappelijke delen",
        "category.other": "andere",
        "staff.subject": "Nieuw incident in {place}: {title}",
        "staff.body": "{tenant} meldde een probleem ({category}) in {place}: “{title}”.",
        "staff.availability": "Beschikbaarheid: {availability}",
        "staff.action": "Het incident openen",
        "received.subject": "{agency} heeft uw melding ontvangen: {title}",
        "received.body": "We hebben uw melding “{title}” over {place} ontvangen. We bekijken "
        "ze en laten u weten welke vakman langskomt.",
        "assigned.subject": "Er is een vakman aangeduid voor uw melding: {title}",
        "assigned.body": "{contractor} neemt “{title}” op zich. We laten u weten wanneer het "
        "bezoek gepland is.",
        "scheduled.subject": "Bezoek gepland voor uw melding: {title}",
        "scheduled.body": "{contractor} komt op {when} voor “{title}”.",
        "resolved.subject": "Uw melding is opgelost: {title}",
        "resolved.body": "“{title}” is opgelost.",
        "rejected.subject": "Over uw melding: {title}",
        "rejected.body": "{agency} behandelt “{title}” niet.",
        "note": "{note}",
        "action": "Uw melding opvolgen",
    },
}

_STEP_KEYS = {
    IncidentStatus.REPORTED: "received",
    IncidentStatus.ASSIGNED: "assigned",
    IncidentStatus.SCHEDULED: "scheduled",
    IncidentStatus.RESOLVED: "resolved",
    IncidentStatus.REJECTED: "rejected",
}


def _base_url() -> str:
    return get_settings().public_base_url.rstrip("/")


class _Words:
    """The words of one e-mail: a tenant's language if the reader is a tenant who chose one
    (``tenant``), the agency's otherwise."""

    def __init__(self, agency: Agency, tenant: Tenant | None = None) -> None:
        self.texts = Texts.for_tenant(agency, tenant)
        self.words = CATALOGUE.get(self.texts.language, CATALOGUE["en"])

    def __call__(self, key: str, **values: object) -> str:
        return self.words[key].format(**values)


async def _place(session: AsyncSession, incident: Incident) -> str:
    property_name, unit_name = (
        await session.execute(
            select(Property.name, Unit.name)
            .join(Unit, Unit.property_id == Property.id)
            .where(Unit.id == incident.unit_id)
        )
    ).one()
    return f"{property_name}, {unit_name}"


def _render(
    words: _Words,
    agency: Agency,
    *,
    to: str,
    name: str,
    subject: str,
    paragraphs: list[str],
    action: Action,
) -> ComposedEmail:
    rendered = render_email(
        EmailContent(
            lang=words.texts.language,
            agency_name=agency.name,
            subject=subject,
            greeting=words("greeting", name=name),
            blocks=[Paragraph(p) for p in paragraphs],
            action=action,
            signoff=words("signoff"),
        )
    )
    return ComposedEmail(
        to=to,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        from_name=agency.name,
    )


async def compose_staff_report(session: AsyncSession, ref: str, now: datetime) -> ComposedEmail:
    """To one owner or manager: a tenant reported an incident (``ref``: incident:staff)."""
    incident_ref, staff_ref = ref.split(":")
    incident = await session.get_one(Incident, uuid.UUID(incident_ref))
    staff = await session.get_one(StaffUser, uuid.UUID(staff_ref))
    agency = await session.get_one(Agency, incident.agency_id)
    tenant = await session.get_one(Tenant, incident.tenant_id)
    words = _Words(agency)
    place = await _place(session, incident)
    paragraphs = [
        words(
            "staff.body",
            tenant=display_name(tenant.first_name, tenant.last_name),
            category=words(f"category.{incident.category.value}"),
            place=place,
            title=incident.title,
        ),
        incident.description,
    ]
    if incident.availability:
        paragraphs.append(words("staff.availability", availability=incident.availability))
    return _render(
        words,
        agency,
        to=staff.email,
        name=display_name(staff.first_name, staff.last_name),
        subject=words("staff.subject", place=place, title=incident.title),
        paragraphs=paragraphs,
        action=Action(words("staff.action"), f"{_base_url()}/agency/incidents/{incident.id}"),
    )


async def compose_tenant_step(session: AsyncSession, ref: str, now: datetime) -> ComposedEmail:
    """To the tenant who reported the incident: the step it has just taken."""
    incident = await session.get_one(Incident, uuid.UUID(ref))
    agency = await session.get_one(Agency, incident.agency_id)
    tenant = await session.get_one(Tenant, incident.tenant_id)
    contractor = (
        await session.get_one(Contractor, incident.contractor_id)
        if incident.contractor_id
        else None
    )
    words = _Words(agency, tenant)
    key = _STEP_KEYS[incident.status]
    values = {
        "agency": agency.name,
        "title": incident.title,
        "place": await _place(session, incident),
        "contractor": contractor.name if contractor else "",
        "when": words.texts.instant(incident.scheduled_for) if incident.scheduled_for else "",
    }
    paragraphs = [words(f"{key}.body", **values)]
    note = {
        IncidentStatus.RESOLVED: incident.resolution_note,
        IncidentStatus.REJECTED: incident.rejection_reason,
    }.get(incident.status)
    if note:
        paragraphs.append(words("note", note=note))
    return _render(
        words,
        agency,
        to=tenant.email,
        name=display_name(tenant.first_name, tenant.last_name),
        subject=words(f"{key}.subject", **values),
        paragraphs=paragraphs,
        action=Action(words("action"), f"{_base_url()}/portal/incidents/{incident.id}"),
    )


# The push notification of each step: what a lock screen may show (the step, the title the
# tenant gave their own report, the visit's date), never the address, a name or a note.
PUSH_CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "received.title": "Report received",
        "received.body": "{agency} received your report “{title}”.",
        "assigned.title": "Contractor assigned",
        "assigned.body": "A contractor will take care of “{title}”.",
        "scheduled.title": "Visit scheduled",
        "scheduled.body": "The visit for “{title}” is planned for {when}.",
        "resolved.title": "Report resolved",
        "resolved.body": "“{title}” is resolved.",
        "rejected.title": "About your report",
        "rejected.body": "{agency} will not handle “{title}”. Open the portal to see why.",
    },
    "fr": {
        "received.title": "Signalement reçu",
        "received.body": "{agency} a bien reçu votre signalement « {title} ».",
        "assigned.title": "Prestataire désigné",
        "assigned.body": "Un prestataire s'occupera de « {title} ».",
        "scheduled.title": "Intervention planifiée",
        "scheduled.body": "L'intervention pour « {title} » est prévue le {when}.",
        "resolved.title": "Signalement résolu",
        "resolved.body": "« {title} » est résolu.",
        "rejected.title": "Concernant votre signalement",
        "rejected.body": "{agency} ne prendra pas en charge « {title} ». Ouvrez le portail "
        "pour en savoir plus.",
    },
    "nl": {
        "received.title": "Melding ontvangen",
        "received.body": "{agency} heeft uw melding “{title}” ontvangen.",
        "assigned.title": "Vakman aangeduid",
        "assigned.body": "Een vakman neemt “{title}” op zich.",
        "scheduled.title": "Bezoek gepland",
        "scheduled.body": "Het bezoek voor “{title}” is gepland op {when}.",
        "resolved.title": "Melding opgelost",
        "resolved.body": "“{title}” is opgelost.",
        "rejected.title": "Over uw melding",
        "rejected.body": "{agency} behandelt “{title}” niet. Open het portaal om te zien waarom.",
    },
}


async def compose_tenant_step_push(session: AsyncSession, ref: str, now: datetime) -> PushNotice:
    """The push notification of the step the incident has just taken, to its tenant."""
    incident = await session.get_one(Incident, uuid.UUID(ref))
    agency = await session.get_one(Agency, incident.agency_id)
    tenant = await session.get_one(Tenant, incident.tenant_id)
    texts = Texts.for_tenant(agency, tenant)
    words = PUSH_CATALOGUE.get(texts.language, PUSH_CATALOGUE["en"])
    key = _STEP_KEYS[incident.status]
    values = {
        "agency": agency.name,
        "title": incident.title,
        "when": texts.instant(incident.scheduled_for) if incident.scheduled_for else "",
    }
    return PushNotice(
        title=words[f"{key}.title"],
        body=words[f"{key}.body"].format(**values),
        url=f"/portal/incidents/{incident.id}",
        # One notification per incident on the device: a later step replaces the earlier.
        tag=f"incident-{incident.id}",
        urgency="high" if incident.status is IncidentStatus.SCHEDULED else "normal",
    )


register_composer(STAFF_REPORTED_EMAIL, compose_staff_report)
for _kind in TENANT_EMAILS.values():
    register_composer(_kind, compose_tenant_step)
    register_push_composer(_kind, compose_tenant_step_push)
