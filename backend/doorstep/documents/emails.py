"""The e-mail telling a tenant that staff published a document on their lease, in the
agency's language (en, fr, nl; English otherwise), through the one e-mail template. The file
is not attached: the tenant reads it in the portal, where a withdrawn document disappears."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency
from doorstep.core.names import display_name
from doorstep.core.settings import get_settings
from doorstep.documents.i18n import Texts
from doorstep.documents.models import LeaseDocument
from doorstep.documents.service import PUBLISHED_EMAIL
from doorstep.leases.models import Lease
from doorstep.notifications.push import PushNotice, register_push_composer
from doorstep.notifications.service import ComposedEmail, register_composer
from doorstep.notifications.template import Action, EmailContent, Paragraph, render_email
from doorstep.properties.models import Property, Unit
from doorstep.tenants.models import Tenant


async def compose_published(session: AsyncSession, ref: str, now: datetime) -> ComposedEmail:
    """Seed 002: documents are "made instantly available in the tenant's portal" — and the
    tenant is told (``ref``: document:tenant)."""
    document_ref, tenant_ref = ref.split(":")
    document = await session.get_one(LeaseDocument, uuid.UUID(document_ref))
    tenant = await session.get_one(Tenant, uuid.UUID(tenant_ref))
    agency = await session.get_one(Agency, document.agency_id)
    property_name, unit_name = (
        await session.execute(
            select(Property.name, Unit.name)
            .join(Unit, Unit.property_id == Property.id)
            .join(Lease, Lease.unit_id == Unit.id)
            .where(Lease.id == document.lease_id)
        )
    ).one()
    t = Texts.for_tenant(agency, tenant)
    values = {
        "agency": agency.name,
        "title": document.title,
        "place": f"{property_name}, {unit_name}",
        "kind": t(f"kind.{document.kind.value}"),
    }
    base_url = get_settings().public_base_url.rstrip("/")
    rendered = render_email(
        EmailContent(
            lang=t.language,
            agency_name=agency.name,
            subject=t("published.subject", **values),
            greeting=t("email.greeting", name=display_name(tenant.first_name, tenant.last_name)),
            blocks=[Paragraph(t("published.body", **values)), Paragraph(t("published.portal"))],
            action=Action(t("published.action"), f"{base_url}/portal/documents"),
            signoff=t("email.signoff"),
        )
    )
    return ComposedEmail(
        to=tenant.email,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        from_name=agency.name,
    )


async def compose_published_push(session: AsyncSession, ref: str, now: datetime) -> PushNotice:
    """Seed 002's push beside that e-mail: a new document, read in the portal (``ref``: as the
    e-mail's)."""
    document_ref, tenant_ref = ref.split(":")
    document = await session.get_one(LeaseDocument, uuid.UUID(document_ref))
    tenant = await session.get_one(Tenant, uuid.UUID(tenant_ref))
    agency = await session.get_one(Agency, document.agency_id)
    t = Texts.for_tenant(agency, tenant)
    return PushNotice(
        title=t("published.push.title"),
        body=t("published.push.body", agency=agency.name),
        url="/portal/documents",
        # One on a device for all of a lease's new documents: several at once say it once.
        tag=f"documents-{document.lease_id}",
    )


register_composer(PUBLISHED_EMAIL, compose_published)
register_push_composer(PUBLISHED_EMAIL, compose_published_push)
