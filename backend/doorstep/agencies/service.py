"""Agencies, staff accounts and the trust account."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser, TrustAccount
from doorstep.agencies.schemas import (
    AgencyCreate,
    AgencyUpdate,
    StaffUserCreate,
    StaffUserUpdate,
    TrustAccountUpdate,
)
from doorstep.agencies.settings import AgencySettings, read_settings
from doorstep.auth.service import revoke_all_sessions
from doorstep.core.errors import Conflict, FieldProblem, InvalidInput, NotFound
from doorstep.core.pagination import PageRequest, paginate
from doorstep.core.passwords import check_password
from doorstep.core.phones import normalise_phone
from doorstep.core.scoping import get_in_agency
from doorstep.core.security import Audience, hash_password


class EmailTaken(Conflict):
    slug = "email-taken"
    title = "This e-mail address is already in use"


class LastOwner(Conflict):
    slug = "last-owner"
    title = "An agency keeps at least one active owner"


async def create_agency(session: AsyncSession, data: AgencyCreate) -> Agency:
    """A new agency comes with default settings and its one trust account."""
    agency = Agency(
        name=data.name,
        country=data.country,
        currency=data.currency,
        locale=data.locale,
        timezone=data.timezone,
        settings=AgencySettings().model_dump(mode="json"),
    )
    session.add(agency)
    await session.flush()
    session.add(TrustAccount(agency_id=agency.id, name=f"{data.name} client account"))
    await session.flush()
    return agency


CLEARABLE_SETTINGS = frozenset({"contact_email", "contact_phone"})


async def update_agency(session: AsyncSession, agency: Agency, data: AgencyUpdate) -> Agency:
    if data.name is not None:
        agency.name = data.name
    if data.locale is not None:
        agency.locale = data.locale
    if data.timezone is not None:
        agency.timezone = data.timezone
    if data.settings is not None:
        current = read_settings(agency.settings)
        # null leaves a setting as it is, but empties a help contact: an agency may stop
        # giving tenants an address or a number.
        changes = {
            name: value
            for name, value in data.settings.model_dump(exclude_unset=True).items()
            if value is not None or name in CLEARABLE_SETTINGS
        }
        if changes.get("contact_phone") is not None:
            changes["contact_phone"] = normalise_phone(
                "settings.contact_phone", changes["contact_phone"], agency.country
            )
        features = changes.pop("features", None)
        merged = current.model_copy(update=changes)
        if features:
            merged.features = current.features.model_copy(update=features)
        agency.settings = AgencySettings.model_validate(merged.model_dump()).model_dump(mode="json")
    await session.flush()
    return agency


async def active_owner_count(session: AsyncSession, agency_id: uuid.UUID) -> int:
    count = await session.scalar(
        select(func.count()).where(
            StaffUser.agency_id == agency_id,
            StaffUser.role == StaffRole.OWNER,
            StaffUser.is_active.is_(True),
        )
    )
    return int(count or 0)


async def lock_agency(session: AsyncSession, agency_id: uuid.UUID) -> Agency:
    """The agency, locked until the transaction ends: changes of its settings go in turn."""
    agency = await session.scalar(select(Agency).where(Agency.id == agency_id).with_for_update())
    if agency is None:
        raise NotFound("No such agency.")
    return agency


async def set_approval_threshold(session: AsyncSession, agency_id: uuid.UUID, amount: int) -> int:
    """Set the four-eyes threshold; returns the one it replaced. Only the approvals module
    calls this, once the change is allowed (audit.thresholds)."""
    agency = await lock_agency(session, agency_id)
    current = read_settings(agency.settings)
    agency.settings = current.model_copy(update={"approval_threshold": amount}).model_dump(
        mode="json"
    )
    await session.flush()
    return current.approval_threshold


async def find_staff_by_email(
    session: AsyncSession, agency_id: uuid.UUID, email: str
) -> StaffUser | None:
    return await session.scalar(
        select(StaffUser).where(
            StaffUser.agency_id == agency_id, func.lower(StaffUser.email) == email.lower()
        )
    )


async def set_staff_password(session: AsyncSession, user: StaffUser, password: str) -> None:
    """A staff member's new password (a reset, or a change from their profile): it must pass
    the one policy (``core/passwords.py``)."""
    check_password(password, email=user.email, names=(user.first_name, user.last_name))
    user.password_hash = hash_password(password)
    await session.flush()


async def ensure_staff_email_free(session: AsyncSession, user: StaffUser, email: str) -> None:
    """Staff e-mail addresses are unique within the agency (another agency's are not asked)."""
    other = await find_staff_by_email(session, user.agency_id, email)
    if other is not None and other.id != user.id:
        message = "A colleague already uses this e-mail address."
        raise EmailTaken(message, errors=[FieldProblem(field="email", message=message)])


async def change_staff_email(session: AsyncSession, user: StaffUser, email: str) -> None:
    """A staff member's sign-in address changes (once they confirmed the new one)."""
    await ensure_staff_email_free(session, user, email)
    user.email = email
    await session.flush()


async def create_staff_user(
    session: AsyncSession, agency_id: uuid.UUID, data: StaffUserCreate
) -> StaffUser:
    """Staff e-mail addresses are unique within the agency. Whether another agency has staff
    with the address is none of this agency's business: it is neither checked nor told. The
    password must pass the one policy (``core/passwords.py``)."""
    check_password(data.password, email=data.email, names=(data.first_name, data.last_name))
    if await find_staff_by_email(session, agency_id, data.email) is not None:
        message = "A colleague already uses this e-mail address."
        raise EmailTaken(message, errors=[FieldProblem(field="email", message=message)])
    user = StaffUser(
        agency_id=agency_id,
        email=data.email,
        first_name=data.first_name,
        last_name=data.last_name,
        role=data.role,
        password_hash=hash_password(data.password),
    )
    session.add(user)
    await session.flush()
    return user


async def get_staff_user(
    session: AsyncSession, agency_id: uuid.UUID, user_id: uuid.UUID
) -> StaffUser:
    return await get_in_agency(
        session, StaffUser, user_id, agency_id, missing="No such staff member."
    )


async def list_staff_users(
    session: AsyncSession, agency_id: uuid.UUID, page: PageRequest
) -> tuple[list[StaffUser], str | None]:
    statement = select(StaffUser).where(StaffUser.agency_id == agency_id)
    return await paginate(
        session, statement, (StaffUser.last_name, StaffUser.first_name, StaffUser.id), page
    )


async def update_staff_user(
    session: AsyncSession,
    agency_id: uuid.UUID,
    user_id: uuid.UUID,
    data: StaffUserUpdate,
    now: datetime,
) -> StaffUser:
    """Change a colleague's name, role or access. Disabling someone ends their sessions, and
    the agency always keeps at least one active owner."""
    user = await get_staff_user(session, agency_id, user_id)
    if data.first_name is not None:
        user.first_name = data.first_name
    if data.last_name is not None:
        user.last_name = data.last_name
    loses_ownership = user.role is StaffRole.OWNER and (
        (data.role is not None and data.role is not StaffRole.OWNER) or data.is_active is False
    )
    if loses_ownership:
        await _ensure_another_owner(session, agency_id, user.id)
    if data.role is not None:
        user.role = data.role
    if data.is_active is not None:
        if not data.is_active and user.is_active:
            await revoke_all_sessions(
                session, audience=Audience.STAFF, subject_id=user.id, now=now, reason="disabled"
            )
        user.is_active = data.is_active
    await session.flush()
    return user


async def _ensure_another_owner(
    session: AsyncSession, agency_id: uuid.UUID, user_id: uuid.UUID
) -> None:
    # Lock the owners so two concurrent demotions cannot both see "another owner remains".
    owners = (
        await session.scalars(
            select(StaffUser.id)
            .where(
                StaffUser.agency_id == agency_id,
                StaffUser.role == StaffRole.OWNER,
                StaffUser.is_active.is_(True),
            )
            .with_for_update()
        )
    ).all()
    if not [owner for owner in owners if owner != user_id]:
        raise LastOwner("Make someone else an owner first.")


async def get_trust_account(session: AsyncSession, agency_id: uuid.UUID) -> TrustAccount:
    account = await session.scalar(select(TrustAccount).where(TrustAccount.agency_id == agency_id))
    if account is None:
        raise NotFound("This agency has no trust account.")
    return account


async def update_trust_account(
    session: AsyncSession, agency_id: uuid.UUID, data: TrustAccountUpdate
) -> TrustAccount:
    account = await get_trust_account(session, agency_id)
    if data.name is not None:
        account.name = data.name
    if data.receipt_oldest_invoice_first is not None:
        account.receipt_oldest_invoice_first = data.receipt_oldest_invoice_first
    for field in ("iban", "bic", "account_number"):
        if field in data.model_fields_set:
            setattr(account, field, getattr(data, field))
    await session.flush()
    return account


def validate_agency_currency(agency: Agency, currency: str, field: str) -> None:
    if currency != agency.currency:
        raise InvalidInput(
            field, f"Amounts for this agency are in {agency.currency}, not {currency}."
        )
