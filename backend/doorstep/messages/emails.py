"""The e-mails about a new message: to the tenant when the agency writes, to the agency's
owners and managers when a tenant writes. In the agency's language (en, fr, nl; English
otherwise) through the one e-mail template.

They say who wrote and about what, with a link to the conversation, never the message itself:
the conversation in the portal is the archive both sides rely on, the reader signs in to read
it (so the read is recorded), and nothing of what was said sits in a mailbox that may be shared
or forwarded. The composers are registered with the outbox when this module is imported.
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
from doorstep.leases.models import Lease
from doorstep.messages.models import Conversation, Message
from doorstep.messages.service import STAFF_EMAIL, TENANT_EMAIL
from doorstep.notifications.push import PushNotice, register_push_composer
from doorstep.notifications.service import ComposedEmail, register_composer
from doorstep.notifications.template import Action, EmailContent, Paragraph, render_email
from doorstep.properties.models import Property, Unit
from doorstep.tenants.models import Tenant

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "greeting": "Dear {name},",
        "signoff": "Kind regards,",
        "tenant.subject": "New message from {agency}: {subject}",
        "tenant.body": "{agency} sent you a message about {place}: “{subject}”.",
        "tenant.read": "Sign in to the portal to read it and reply.",
        "tenant.action": "Read the message",
        "staff.subject": "New message from {tenant}: {subject}",
        "staff.body": "{tenant} wrote about {place}: “{subject}”.",
        "staff.action": "Open the conversation",
    },
    "fr": {
        "greeting": "Bonjour {name},",
        "signoff": "Cordialement,",
        "tenant.subject": "Nouveau message de {agency} : {subject}",
        "tenant.body": "{agency} vous a envoyé un message concernant {place} : « {subject} ».",
        "tenant.read": "Connectez-vous au portail pour le lire et y répondre.",
        "tenant.action": "Lire le message",
        "staff.subject": "Nouveau message de {tenant} : {subject}",
        "staff.body": "{tenant} a écrit au sujet de {place} : « {subject} ».",
        "staff.action": "Ouvrir la conversation",
    },
    "nl": {
        "greeting": "Beste {name},",
        "signoff": "Met vriendelijke groeten,",
        "tenant.subject": "Nieuw bericht van {agency}: {subject}",
        "tenant.body": "{agency} stuurde u een bericht over {place}: “{subject}”.",
        "tenant.read": "Meld u aan op het portaal om het te lezen en te antwoorden.",
        "tenant.action": "Het bericht lezen",
        "staff.subject": "Nieuw bericht van {tenant}: {subject}",
        "staff.body": "{tenant} schreef over {place}: “{subject}”.",
        "staff.action": "Het gesprek openen",
    },
}


def _base_url() -> str:
    return get_settings().public_base_url.rstrip("/")


class _Words:
    """The words of an e-mail to ``tenant`` (their language) or, with None, to staff (the
    agency's)."""

    def __init__(self, agency: Agency, tenant: Tenant | None) -> None:
        self.texts = Texts.for_tenant(agency, tenant)
        self.words = CATALOGUE.get(self.texts.language, CATALOGUE["en"])

    def __call__(self, key: str, **values: object) -> str:
        return self.words[key].format(**values)


async def _place(session: AsyncSession, conversation: Conversation) -> str:
    property_name, unit_name = (
        await session.execute(
            select(Property.name, Unit.name)
            .join(Unit, Unit.property_id == Property.id)
            .join(Lease, Lease.unit_id == Unit.id)
            .where(Lease.id == conversation.lease_id)
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


async def compose_to_tenant(session: AsyncSession, ref: str, now: datetime) -> ComposedEmail:
    """To the tenant of the conversation: the agency wrote (``ref``: the message)."""
    message = await session.get_one(Message, uuid.UUID(ref))
    conversation = await session.get_one(Conversation, message.conversation_id)
    agency = await session.get_one(Agency, conversation.agency_id)
    tenant = await session.get_one(Tenant, conversation.tenant_id)
    words = _Words(agency, tenant)
    values = {
        "agency": agency.name,
        "subject": conversation.subject,
        "place": await _place(session, conversation),
    }
    return _render(
        words,
        agency,
        to=tenant.email,
        name=display_name(tenant.first_name, tenant.last_name),
        subject=words("tenant.subject", **values),
        paragraphs=[words("tenant.body", **values), words("tenant.read")],
        action=Action(words("tenant.action"), f"{_base_url()}/portal/messages/{conversation.id}"),
    )


async def compose_to_staff(session: AsyncSession, ref: str, now: datetime) -> ComposedEmail:
    """To one owner or manager: a tenant wrote (``ref``: message:staff)."""
    message_ref, staff_ref = ref.split(":")
    message = await session.get_one(Message, uuid.UUID(message_ref))
    staff = await session.get_one(StaffUser, uuid.UUID(staff_ref))
    conversation = await session.get_one(Conversation, message.conversation_id)
    agency = await session.get_one(Agency, conversation.agency_id)
    tenant = await session.get_one(Tenant, conversation.tenant_id)
    words = _Words(agency, None)
    values = {
        "tenant": display_name(tenant.first_name, tenant.last_name),
        "subject": conversation.subject,
        "place": await _place(session, conversation),
    }
    return _render(
        words,
        agency,
        to=staff.email,
        name=display_name(staff.first_name, staff.last_name),
        subject=words("staff.subject", **values),
        paragraphs=[words("staff.body", **values)],
        action=Action(words("staff.action"), f"{_base_url()}/agency/messages/{conversation.id}"),
    )


# What a phone's lock screen may show: who wrote, never the subject or the message (a subject
# such as "Rent arrears" is the tenant's business only).
PUSH_CATALOGUE: dict[str, tuple[str, str]] = {
    "en": ("New message", "{agency} sent you a message. Open the portal to read it."),
    "fr": ("Nouveau message", "{agency} vous a envoyé un message. Ouvrez le portail pour le lire."),
    "nl": ("Nieuw bericht", "{agency} stuurde u een bericht. Open het portaal om het te lezen."),
}


async def compose_tenant_push(session: AsyncSession, ref: str, now: datetime) -> PushNotice:
    """The push notification to the tenant's devices: the agency wrote (``ref``: the message)."""
    message = await session.get_one(Message, uuid.UUID(ref))
    conversation = await session.get_one(Conversation, message.conversation_id)
    agency = await session.get_one(Agency, conversation.agency_id)
    tenant = await session.get_one(Tenant, conversation.tenant_id)
    title, body = PUSH_CATALOGUE.get(
        Texts.for_tenant(agency, tenant).language, PUSH_CATALOGUE["en"]
    )
    return PushNotice(
        title=title,
        body=body.format(agency=agency.name),
        url=f"/portal/messages/{conversation.id}",
        # One notification per conversation on the device: a later message replaces it.
        tag=f"conversation-{conversation.id}",
    )


register_composer(TENANT_EMAIL, compose_to_tenant)
register_push_composer(TENANT_EMAIL, compose_tenant_push)
register_composer(STAFF_EMAIL, compose_to_staff)
