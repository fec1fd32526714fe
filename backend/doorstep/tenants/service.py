"""Tenant records (the agency's customers)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.core.errors import Conflict, FieldProblem, NotFound
from doorstep.core.languages import Language
from doorstep.core.pagination import PageRequest, paginate
from doorstep.core.passwords import check_password
from doorstep.core.person_search import person_matches, person_search
from doorstep.core.phones import display_phone, normalise_phone
from doorstep.core.scoping import get_in_agency
from doorstep.core.security import hash_password
from doorstep.core.updates import apply_changes, sent_changes
from doorstep.tenants.models import Tenant
from doorstep.tenants.schemas import TenantCreate, TenantOut, TenantUpdate


class TenantEmailTaken(Conflict):
    slug = "tenant-email-taken"
    title = "Another tenant of this agency has this e-mail address"


def tenant_out(tenant: Tenant, *, phone_region: str) -> TenantOut:
    """The record as staff see it, the phone number also as `phone_region` writes it."""
    return TenantOut(
        id=tenant.id,
        first_name=tenant.first_name,
        last_name=tenant.last_name,
        email=tenant.email,
        phone=tenant.phone,
        phone_display=display_phone(tenant.phone, phone_region),
        language=Language(tenant.language) if tenant.language is not None else None,
        has_portal_account=tenant.password_hash is not None,
        created_at=tenant.created_at,
    )


async def _ensure_email_free(
    session: AsyncSession, agency_id: uuid.UUID, email: str, tenant_id: uuid.UUID | None
) -> None:
    statement = select(Tenant.id).where(
        Tenant.agency_id == agency_id, func.lower(Tenant.email) == email.lower()
    )
    if tenant_id is not None:
        statement = statement.where(Tenant.id != tenant_id)
    if await session.scalar(statement) is not None:
        message = "Another tenant of this agency already has this e-mail address."
        raise TenantEmailTaken(message, errors=[FieldProblem(field="email", message=message)])


async def create_tenant(
    session: AsyncSession,
    agency_id: uuid.UUID,
    data: TenantCreate,
    *,
    phone_region: str | None = None,
) -> Tenant:
    """The e-mail identifies the tenant within the agency (invites and sign-in use it). A phone
    number typed without its country code is one of `phone_region` (the agency's country)."""
    await _ensure_email_free(session, agency_id, data.email, None)
    values = data.model_dump()
    values["phone"] = normalise_phone("phone", data.phone, phone_region)
    values["language"] = data.language.value if data.language is not None else None
    tenant = Tenant(agency_id=agency_id, **values)
    session.add(tenant)
    await session.flush()
    return tenant


async def get_tenant(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID, *, for_update: bool = False
) -> Tenant:
    """A live tenant of the agency: a deleted customer's tombstone is not found."""
    tenant = await get_in_agency(
        session, Tenant, tenant_id, agency_id, missing="No such tenant.", for_update=for_update
    )
    if tenant.deleted_at is not None:
        raise NotFound("No such tenant.")
    return tenant


DELETED_FIRST_NAME = "Deleted"
DELETED_LAST_NAME = "customer"


async def anonymise_tenant(
    session: AsyncSession, tenant: Tenant, *, deleted_by_id: uuid.UUID, now: datetime
) -> None:
    """Seed 001, deleting a customer: the row stays as a tombstone (invoices, payments and
    leases of the agency's books point at it) with a neutral label and no personal data or
    portal credentials left; who deleted it and when is recorded on it."""
    tenant.first_name = DELETED_FIRST_NAME
    tenant.last_name = DELETED_LAST_NAME
    # Unique per agency and never deliverable (.invalid is reserved, RFC 2606).
    tenant.email = f"deleted-{tenant.id.hex}@deleted.invalid"
    tenant.phone = None
    tenant.language = None
    tenant.password_hash = None
    tenant.last_login_at = None
    tenant.deleted_at = now
    tenant.deleted_by_id = deleted_by_id
    await session.flush()


async def update_tenant(
    session: AsyncSession,
    agency_id: uuid.UUID,
    tenant_id: uuid.UUID,
    data: TenantUpdate,
    *,
    phone_region: str | None = None,
) -> Tenant:
    tenant = await get_tenant(session, agency_id, tenant_id)
    changes = sent_changes(data, clearable={"phone", "language"})
    if changes.get("language") is not None:
        changes["language"] = Language(changes["language"]).value
    if changes.get("phone") is not None:
        changes["phone"] = normalise_phone("phone", changes["phone"], phone_region)
    if "email" in changes:
        await _ensure_email_free(session, agency_id, changes["email"], tenant.id)
    apply_changes(tenant, changes)
    await session.flush()
    return tenant


async def ensure_email_free(session: AsyncSession, tenant: Tenant, email: str) -> None:
    """No other tenant of the agency has this address (the agency's tenants are told apart
    by it)."""
    await _ensure_email_free(session, tenant.agency_id, email, tenant.id)


async def change_own_email(session: AsyncSession, tenant: Tenant, email: str) -> Tenant:
    """The tenant's address changes, once they confirmed the new one from its mailbox."""
    await ensure_email_free(session, tenant, email)
    tenant.email = email
    await session.flush()
    return tenant


async def set_portal_disabled(
    session: AsyncSession, tenant: Tenant, disabled_at: datetime | None
) -> None:
    """Staff turn the tenant's portal access off (``disabled_at``) or on again (None). The
    account and its password stay; sign-in is refused while it is off."""
    tenant.portal_disabled_at = disabled_at
    await session.flush()


async def update_own_phone(
    session: AsyncSession, tenant: Tenant, phone: str | None, *, phone_region: str
) -> Tenant:
    """A number typed without its country code is one of `phone_region` (the agency's)."""
    tenant.phone = normalise_phone("phone", phone, phone_region)
    await session.flush()
    return tenant


async def set_own_language(session: AsyncSession, tenant: Tenant, language: Language) -> Tenant:
    """The tenant chose the language of their portal: their e-mails and documents follow."""
    tenant.language = language.value
    await session.flush()
    return tenant


async def list_tenants(
    session: AsyncSession,
    agency_id: uuid.UUID,
    *,
    search: str | None,
    phone_region: str | None,
    has_portal_account: bool | None,
    page: PageRequest,
) -> tuple[list[Tenant], str | None]:
    """Staff's tenant list; ``search`` finds a name, an e-mail address or a phone number
    (typed without its country code: one of ``phone_region``, the agency's country)."""
    statement = select(Tenant).where(Tenant.agency_id == agency_id, Tenant.deleted_at.is_(None))
    if search and search.strip():
        statement = statement.where(
            person_matches(
                Tenant.first_name,
                Tenant.last_name,
                Tenant.email,
                Tenant.phone,
                person_search(search.strip(), phone_region),
            )
        )
    if has_portal_account is not None:
        statement = statement.where(
            Tenant.password_hash.is_not(None)
            if has_portal_account
            else Tenant.password_hash.is_(None)
        )
    return await paginate(
        session, statement, (Tenant.last_name, Tenant.first_name, Tenant.id), page
    )


async def set_portal_password(session: AsyncSession, tenant: Tenant, password: str) -> None:
    """Open (or reset) the tenant's portal login; the password must pass the one policy."""
    check_password(password, email=tenant.email, names=(tenant.first_name, tenant.last_name))
    tenant.password_hash = hash_password(password)
    await session.flush()
