"""The account lifecycle (issue 13), for staff and tenants alike: a forgotten password reset
by an e-mailed link, a change of password or e-mail from the profile (the new address
confirmed from its mailbox), signing out of every device, staff turning a tenant's portal
access off and on, and staff's two-step sign-in (set up, turned off, reset by an owner).

Each person's records are written through their owner's service (``agencies`` for staff,
``tenants`` for tenants), sessions through ``auth``, the audit log through ``audit``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.accounts import messages
from doorstep.accounts.models import AccountToken, AccountTokenPurpose
from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.agencies.service import (
    change_staff_email,
    ensure_staff_email_free,
    set_staff_password,
)
from doorstep.agencies.settings import read_settings
from doorstep.audit.models import AuditEvent
from doorstep.audit.service import events_about, record_event
from doorstep.auth import two_factor
from doorstep.auth.service import revoke_all_sessions, revoke_other_sessions
from doorstep.core.errors import AppError, Conflict, InvalidInput
from doorstep.core.languages import tenant_locale
from doorstep.core.scoping import get_in_agency
from doorstep.core.security import Audience, new_link_token, token_digest, verify_password
from doorstep.notifications.push import forget_tenant_devices
from doorstep.notifications.service import queue_email
from doorstep.tenants.models import Tenant
from doorstep.tenants.service import (
    change_own_email,
    ensure_email_free,
    set_portal_disabled,
    set_portal_password,
)

RESET_VALIDITY = timedelta(hours=1)
EMAIL_CHANGE_VALIDITY = timedelta(hours=24)
# How long a dead link is kept: opened within it, it says it expired or was used rather than
# that it never existed.
DEAD_LINKS_KEPT_FOR = timedelta(days=30)
RESET_PURPOSE = "password-reset"
EMAIL_CHANGE_PURPOSE = "email-change"
# Where each kind of person opens a link: the agency app or the tenant portal.
APP_PATHS = {Audience.STAFF: "agency", Audience.TENANT: "portal"}
PORTAL_ACCESS_DISABLED = "tenant.portal_access_disabled"
PORTAL_ACCESS_ENABLED = "tenant.portal_access_enabled"

Person = StaffUser | Tenant


def reader_locale(agency: Agency, person: Person) -> str:
    """The locale of an account e-mail to ``person``: staff read the agency's, a tenant their
    own language if they chose one (``core.languages``)."""
    return tenant_locale(agency, person if isinstance(person, Tenant) else None)


class AccountLinkDead(AppError):
    """A link that was real but can no longer be used; each reason has its own type so the
    apps can say it in the reader's language."""

    status_code = 410
    slug = "account-link-dead"
    title = "This link can no longer be used"


class AccountLinkUsed(AccountLinkDead):
    slug = "account-link-used"
    title = "This link has already been used"


class AccountLinkExpired(AccountLinkDead):
    slug = "account-link-expired"
    title = "This link has expired"


class WrongCurrentPassword(InvalidInput):
    slug = "wrong-current-password"
    title = "The current password is not right"

    def __init__(self) -> None:
        super().__init__("current_password", "This is not your current password.")


class SameEmail(InvalidInput):
    slug = "same-email"
    title = "This is already your e-mail address"

    def __init__(self) -> None:
        super().__init__("new_email", "This is already your e-mail address.")


class NoPortalAccount(Conflict):
    slug = "no-portal-account"
    title = "This tenant has no portal account"


def _link(base_url: str, audience: Audience, page: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/{APP_PATHS[audience]}/{page}/{token}"


async def _agency(session: AsyncSession, agency_id: uuid.UUID) -> Agency:
    return await session.get_one(Agency, agency_id)


async def _new_token(
    session: AsyncSession,
    person: Person,
    audience: Audience,
    purpose: AccountTokenPurpose,
    *,
    secret: str,
    now: datetime,
    validity: timedelta,
    new_email: str | None = None,
) -> tuple[AccountToken, str]:
    """A link token for ``person`` (the primitive invites use); only its digest is stored
    (nothing is ever sent twice, so unlike an invite's no salt is kept)."""
    new = new_link_token(
        secret,
        RESET_PURPOSE if purpose is AccountTokenPurpose.PASSWORD_RESET else EMAIL_CHANGE_PURPOSE,
    )
    row = AccountToken(
        purpose=purpose,
        audience=audience,
        subject_id=person.id,
        agency_id=person.agency_id,
        token_hash=new.digest,
        new_email=new_email,
        requested_at=now,
        expires_at=now + validity,
    )
    session.add(row)
    await session.flush()
    return row, new.token


# ------------------------------------------------------------------- forgotten password


async def accounts_for_reset(
    session: AsyncSession, audience: Audience, email: str, agency_id: uuid.UUID | None
) -> list[Person]:
    """The accounts a reset may be sent for: active staff, or tenants with a portal account
    whose access is on. An e-mail may have accounts at several agencies (unless ``agency_id``
    names one): each gets its own link, naming its agency."""
    people: list[Person]
    if audience is Audience.STAFF:
        staff = select(StaffUser).where(
            func.lower(StaffUser.email) == email.lower(), StaffUser.is_active.is_(True)
        )
        if agency_id is not None:
            staff = staff.where(StaffUser.agency_id == agency_id)
        people = list((await session.scalars(staff)).all())
    else:
        tenants = select(Tenant).where(
            func.lower(Tenant.email) == email.lower(),
            Tenant.password_hash.is_not(None),
            Tenant.portal_disabled_at.is_(None),
        )
        if agency_id is not None:
            tenants = tenants.where(Tenant.agency_id == agency_id)
        people = list((await session.scalars(tenants)).all())
    return people


async def request_password_reset(
    session: AsyncSession,
    *,
    audience: Audience,
    email: str,
    agency_id: uuid.UUID | None,
    now: datetime,
    secret: str,
    base_url: str,
) -> int:
    """E-mail a reset link (valid one hour, works once) to each account of this address.

    The caller answers the same whatever this returns (the number of e-mails queued): whether
    an address has an account is nobody's business but its owner's."""
    people = await accounts_for_reset(session, audience, email, agency_id)
    for person in people:
        row, token = await _new_token(
            session,
            person,
            audience,
            AccountTokenPurpose.PASSWORD_RESET,
            secret=secret,
            now=now,
            validity=RESET_VALIDITY,
        )
        agency = await _agency(session, person.agency_id)
        message = messages.reset_email(
            locale=reader_locale(agency, person),
            timezone=agency.timezone,
            agency_name=agency.name,
            audience=audience.value,
            first_name=person.first_name,
            link=_link(base_url, audience, "reset-password", token),
            hours=int(RESET_VALIDITY.total_seconds() // 3600),
        )
        await queue_email(
            session,
            agency_id=agency.id,
            to=person.email,
            subject=message.subject,
            text=message.text,
            html=message.html,
            kind="account.password_reset",
            dedupe_key=f"account-token:{row.id}",
            from_name=agency.name,
        )
    return len(people)


async def find_token(
    session: AsyncSession,
    token: str,
    *,
    audience: Audience,
    purpose: AccountTokenPurpose,
    now: datetime,
    for_update: bool = False,
) -> AccountToken | None:
    """The live link this token opens, or None for one that never was (the router counts
    those against the client). A used or expired link raises saying which. With
    ``for_update`` the row is locked, so of concurrent redemptions exactly one finds it
    unused."""
    statement = select(AccountToken).where(
        AccountToken.token_hash == token_digest(token),
        AccountToken.audience == audience,
        AccountToken.purpose == purpose,
    )
    if for_update:
        statement = statement.with_for_update()
    row = await session.scalar(statement)
    if row is None:
        return None
    if row.used_at is not None:
        raise AccountLinkUsed("This link has already been used. Ask for a new one if you need it.")
    if row.expires_at <= now:
        raise AccountLinkExpired("This link has expired. Ask for a new one.")
    return row


async def forget_dead_links(session: AsyncSession, now: datetime) -> int:
    """Delete the links expired more than ``DEAD_LINKS_KEPT_FOR`` ago (used ones included):
    the table holds a month of requests, not every one ever made. How many went."""
    result = await session.execute(
        delete(AccountToken).where(AccountToken.expires_at <= now - DEAD_LINKS_KEPT_FOR)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def _person(session: AsyncSession, row: AccountToken) -> Person:
    """The live account a link is for; one disabled since the link was sent cannot use it."""
    if row.audience is Audience.STAFF:
        user = await session.get_one(StaffUser, row.subject_id)
        if not user.is_active:
            raise AccountLinkExpired("This account is no longer active.")
        return user
    tenant = await session.get(Tenant, row.subject_id)
    if tenant is None or tenant.password_hash is None or tenant.portal_disabled_at is not None:
        raise AccountLinkExpired("This account can no longer use the tenant portal.")
    return tenant


@dataclass(frozen=True)
class ResetLink:
    email: str
    agency_name: str
    expires_at: datetime


async def describe_reset_link(session: AsyncSession, row: AccountToken) -> ResetLink:
    """What the reset page shows: whose account the link is for."""
    person = await _person(session, row)
    agency = await _agency(session, row.agency_id)
    return ResetLink(email=person.email, agency_name=agency.name, expires_at=row.expires_at)


async def _spend(session: AsyncSession, row: AccountToken, now: datetime) -> None:
    """The link is used; the person's other live links of the same kind die with it."""
    row.used_at = now
    await session.execute(
        update(AccountToken)
        .where(
            AccountToken.audience == row.audience,
            AccountToken.subject_id == row.subject_id,
            AccountToken.purpose == row.purpose,
            AccountToken.used_at.is_(None),
        )
        .values(used_at=now)
    )
    await session.flush()


async def _set_password(session: AsyncSession, person: Person, password: str) -> None:
    if isinstance(person, StaffUser):
        await set_staff_password(session, person, password)
    else:
        await set_portal_password(session, person, password)


async def reset_password(
    session: AsyncSession, row: AccountToken, password: str, now: datetime
) -> None:
    """Set the new password (the one policy) from a live reset link, locked by the caller:
    the link is spent, and every session of the person ends — whoever may have had their old
    password is signed out everywhere."""
    person = await _person(session, row)
    await _set_password(session, person, password)
    await _spend(session, row, now)
    await revoke_all_sessions(
        session, audience=row.audience, subject_id=person.id, now=now, reason="password-reset"
    )


# ---------------------------------------------------------------- from the profile


def check_current_password(person: Person, password: str) -> None:
    if not verify_password(person.password_hash, password):
        raise WrongCurrentPassword()


async def change_password(
    session: AsyncSession,
    person: Person,
    audience: Audience,
    *,
    current_password: str,
    new_password: str,
    current_session_id: uuid.UUID,
    now: datetime,
) -> None:
    """A signed-in person changes their password, giving the current one. Every other
    session ends; the one they changed it from stays signed in."""
    check_current_password(person, current_password)
    await _set_password(session, person, new_password)
    await revoke_other_sessions(
        session,
        audience=audience,
        subject_id=person.id,
        keep_session_id=current_session_id,
        now=now,
        reason="password-changed",
    )


async def request_email_change(
    session: AsyncSession,
    person: Person,
    audience: Audience,
    *,
    new_email: str,
    current_password: str,
    now: datetime,
    secret: str,
    base_url: str,
) -> None:
    """A signed-in person asks to use another address, giving their password. The new
    address gets a confirmation link (24 hours, once); nothing changes until it is opened.

    Staff are told at once when a colleague has the address (the staff list shows it anyway);
    a tenant is not, so the request says nothing about the agency's other tenants — the
    confirmation refuses it then, to the owner of that mailbox alone."""
    check_current_password(person, current_password)
    if new_email.lower() == person.email.lower():
        raise SameEmail()
    if isinstance(person, StaffUser):
        await ensure_staff_email_free(session, person, new_email)
    row, token = await _new_token(
        session,
        person,
        audience,
        AccountTokenPurpose.EMAIL_CHANGE,
        secret=secret,
        now=now,
        validity=EMAIL_CHANGE_VALIDITY,
        new_email=new_email,
    )
    agency = await _agency(session, person.agency_id)
    message = messages.confirm_email(
        locale=reader_locale(agency, person),
        timezone=agency.timezone,
        agency_name=agency.name,
        audience=audience.value,
        first_name=person.first_name,
        link=_link(base_url, audience, "confirm-email", token),
        hours=int(EMAIL_CHANGE_VALIDITY.total_seconds() // 3600),
    )
    await queue_email(
        session,
        agency_id=agency.id,
        to=new_email,
        subject=message.subject,
        text=message.text,
        html=message.html,
        kind="account.email_confirmation",
        dedupe_key=f"account-token:{row.id}",
        from_name=agency.name,
    )


async def confirm_email_change(
    session: AsyncSession, row: AccountToken, now: datetime, *, base_url: str
) -> str:
    """The new address was opened from its mailbox: it becomes the person's sign-in address
    (if no one else of the agency has taken it meanwhile), and the old address is told."""
    person = await _person(session, row)
    new_email = row.new_email
    assert new_email is not None  # every e-mail-change link names its address
    old_email = person.email
    if isinstance(person, StaffUser):
        await change_staff_email(session, person, new_email)
    else:
        await ensure_email_free(session, person, new_email)
        await change_own_email(session, person, new_email)
    await _spend(session, row, now)
    agency = await _agency(session, person.agency_id)
    notice = messages.email_changed_notice(
        locale=reader_locale(agency, person),
        timezone=agency.timezone,
        agency_name=agency.name,
        audience=row.audience.value,
        first_name=person.first_name,
        new_email=new_email,
        contact_email=read_settings(agency.settings).contact_email,
        sign_in_link=f"{base_url.rstrip('/')}/{APP_PATHS[row.audience]}/login",
    )
    await queue_email(
        session,
        agency_id=agency.id,
        to=old_email,
        subject=notice.subject,
        text=notice.text,
        html=notice.html,
        kind="account.email_changed",
        dedupe_key=f"account-token:{row.id}:old-address",
        from_name=agency.name,
    )
    return new_email


async def sign_out_everywhere(
    session: AsyncSession, audience: Audience, subject_id: uuid.UUID, now: datetime
) -> None:
    """Every session of the person ends, this one included: their access tokens stop at
    once (the identity dependencies read the session row) and no refresh token works."""
    await revoke_all_sessions(
        session, audience=audience, subject_id=subject_id, now=now, reason="signed-out-everywhere"
    )


# ------------------------------------------------------- a tenant's portal access (staff)


@dataclass(frozen=True)
class PortalAccess:
    tenant: Tenant
    history: list[tuple[AuditEvent, StaffUser | None]]


async def portal_access(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID
) -> PortalAccess:
    tenant = await get_in_agency(session, Tenant, tenant_id, agency_id, missing="No such tenant.")
    history = await events_about(session, agency_id, subject_type="tenant", subject_id=tenant.id)
    return PortalAccess(tenant=tenant, history=history)


async def set_portal_access(
    session: AsyncSession,
    agency_id: uuid.UUID,
    actor: StaffUser,
    tenant_id: uuid.UUID,
    *,
    enabled: bool,
    now: datetime,
) -> PortalAccess:
    """Staff turn a tenant's portal access off, without deleting anything, or on again.
    Turning it off ends every session of the tenant at once, forgets their push devices, and
    sign-in is refused, saying so; each change is recorded in the audit log with who and
    when. Asking for the state it is already in changes and records nothing."""
    tenant = await get_in_agency(
        session, Tenant, tenant_id, agency_id, missing="No such tenant.", for_update=True
    )
    is_enabled = tenant.portal_disabled_at is None
    if enabled != is_enabled:
        if not enabled and tenant.password_hash is None:
            raise NoPortalAccount(
                "This tenant has no portal account yet: there is no access to turn off."
            )
        await set_portal_disabled(session, tenant, None if enabled else now)
        if not enabled:
            await revoke_all_sessions(
                session,
                audience=Audience.TENANT,
                subject_id=tenant.id,
                now=now,
                reason="portal-access-disabled",
            )
            # Their devices would otherwise keep getting notifications that open a portal
            # they cannot enter; turning access on again lets them subscribe anew.
            await forget_tenant_devices(session, agency_id, tenant.id)
        await record_event(
            session,
            agency_id=agency_id,
            action=PORTAL_ACCESS_ENABLED if enabled else PORTAL_ACCESS_DISABLED,
            subject_type="tenant",
            subject_id=tenant.id,
            actor_staff_id=actor.id,
            now=now,
        )
    return await portal_access(session, agency_id, tenant.id)


async def forget_tenant(session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID) -> int:
    """A deleted customer's e-mailed links go with them (an e-mail change link holds the new
    address): how many."""
    result = await session.execute(
        delete(AccountToken).where(
            AccountToken.agency_id == agency_id,
            AccountToken.audience == Audience.TENANT,
            AccountToken.subject_id == tenant_id,
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


# ------------------------------------------------------- two-step sign-in (staff)

TWO_FACTOR_ENABLED = "staff.two_factor_enabled"
TWO_FACTOR_DISABLED = "staff.two_factor_disabled"
TWO_FACTOR_RESET = "staff.two_factor_reset"
TWO_FACTOR_RECOVERY_CODE_USED = "staff.two_factor_recovery_code_used"
TWO_FACTOR_RECOVERY_CODES_RENEWED = "staff.two_factor_recovery_codes_renewed"


class ResetOwnTwoFactor(Conflict):
    slug = "reset-own-two-factor"
    title = "Turn off your own two-step sign-in from your account"


@dataclass(frozen=True)
class TwoFactorState:
    enabled_at: datetime | None
    setup_pending: bool
    recovery_codes_left: int


async def two_factor_state(session: AsyncSession, user: StaffUser) -> TwoFactorState:
    factor = await two_factor.factor_of(session, user.id)
    return TwoFactorState(
        enabled_at=factor.enabled_at if factor else None,
        setup_pending=factor is not None and factor.enabled_at is None,
        recovery_codes_left=await two_factor.recovery_codes_left(session, user.id),
    )


async def _record(
    session: AsyncSession, user: StaffUser, action: str, actor: StaffUser, now: datetime
) -> None:
    await record_event(
        session,
        agency_id=user.agency_id,
        action=action,
        subject_type="staff",
        subject_id=user.id,
        actor_staff_id=actor.id,
        now=now,
    )


def _account_link(base_url: str) -> str:
    return f"{base_url.rstrip('/')}/agency/account"


async def start_two_factor(
    session: AsyncSession,
    user: StaffUser,
    *,
    current_password: str,
    now: datetime,
) -> two_factor.NewSecret:
    """Setting up two-step sign-in starts with the password (a borrowed session alone cannot
    tie the account to someone else's phone): a new secret for the app, the agency's name as
    its issuer and the staff member's e-mail as its account."""
    check_current_password(user, current_password)
    agency = await _agency(session, user.agency_id)
    return await two_factor.begin_setup(session, user, issuer=agency.name, now=now)


async def confirm_two_factor(
    session: AsyncSession, user: StaffUser, *, code: str, now: datetime
) -> list[str]:
    """A code from the app turns two-step sign-in on (recorded in the audit log); the recovery
    codes are shown this once."""
    codes = await two_factor.confirm_setup(session, user, code, now=now)
    await _record(session, user, TWO_FACTOR_ENABLED, user, now)
    return codes


async def take_code(
    session: AsyncSession,
    user: StaffUser,
    *,
    code: str,
    now: datetime,
    base_url: str,
) -> two_factor.CodeKind:
    """Check a code of a staff member with two-step sign-in on. A recovery code is spent, put
    in the audit log, and told to its owner by e-mail (with how many remain), so a stolen one
    used by someone else does not go unnoticed."""
    kind = await two_factor.verify(session, user.id, code, now=now)
    if kind is two_factor.CodeKind.RECOVERY:
        await _record(session, user, TWO_FACTOR_RECOVERY_CODE_USED, user, now)
        agency = await _agency(session, user.agency_id)
        message = messages.recovery_code_used_email(
            locale=reader_locale(agency, user),
            timezone=agency.timezone,
            agency_name=agency.name,
            first_name=user.first_name,
            left=await two_factor.recovery_codes_left(session, user.id),
            link=_account_link(base_url),
        )
        await queue_email(
            session,
            agency_id=agency.id,
            to=user.email,
            subject=message.subject,
            text=message.text,
            html=message.html,
            kind="account.two_factor_recovery_code_used",
            dedupe_key=f"two-factor-recovery:{user.id}:{now.isoformat()}",
            from_name=agency.name,
        )
    return kind


async def renew_recovery_codes(
    session: AsyncSession,
    user: StaffUser,
    *,
    current_password: str,
    code: str,
    now: datetime,
    base_url: str,
) -> list[str]:
    """New recovery codes (the old ones stop working), given the password and a code."""
    check_current_password(user, current_password)
    await take_code(session, user, code=code, now=now, base_url=base_url)
    codes = await two_factor.regenerate_recovery_codes(session, user.id)
    await _record(session, user, TWO_FACTOR_RECOVERY_CODES_RENEWED, user, now)
    return codes


async def _tell_two_factor_off(
    session: AsyncSession, user: StaffUser, by: StaffUser | None, now: datetime, base_url: str
) -> None:
    agency = await _agency(session, user.agency_id)
    message = messages.two_factor_off_email(
        locale=reader_locale(agency, user),
        timezone=agency.timezone,
        agency_name=agency.name,
        first_name=user.first_name,
        by_name=f"{by.first_name} {by.last_name}" if by else None,
        link=_account_link(base_url),
    )
    await queue_email(
        session,
        agency_id=agency.id,
        to=user.email,
        subject=message.subject,
        text=message.text,
        html=message.html,
        kind="account.two_factor_off",
        dedupe_key=f"two-factor-off:{user.id}:{now.isoformat()}",
        from_name=agency.name,
    )


async def turn_two_factor_off(
    session: AsyncSession,
    user: StaffUser,
    *,
    current_password: str,
    code: str,
    now: datetime,
    base_url: str,
) -> None:
    """Turning two-step sign-in off takes the password and a code (or a recovery code);
    recorded, and told by e-mail."""
    check_current_password(user, current_password)
    await take_code(session, user, code=code, now=now, base_url=base_url)
    await two_factor.turn_off(session, user.id)
    await _record(session, user, TWO_FACTOR_DISABLED, user, now)
    await _tell_two_factor_off(session, user, None, now, base_url)


async def team_two_factor(
    session: AsyncSession, caller: StaffUser
) -> list[tuple[uuid.UUID, datetime]]:
    """Who has two-step sign-in on: owners see the whole team (to know who to remind), the
    other roles only themselves (which accounts lack it is no one else's business)."""
    enabled = await two_factor.enabled_in_agency(session, caller.agency_id)
    if caller.role is not StaffRole.OWNER:
        enabled = {k: v for k, v in enabled.items() if k == caller.id}
    return sorted(enabled.items(), key=lambda item: item[1])


async def reset_colleague_two_factor(
    session: AsyncSession,
    agency_id: uuid.UUID,
    actor: StaffUser,
    staff_id: uuid.UUID,
    *,
    now: datetime,
    base_url: str,
) -> None:
    """An owner turns a colleague's two-step sign-in off when they lost their phone and their
    recovery codes: recorded with who did it, and the colleague is told by e-mail. Not one's
    own (that takes a code, from one's account)."""
    user = await get_in_agency(
        session, StaffUser, staff_id, agency_id, missing="No such staff member."
    )
    if user.id == actor.id:
        raise ResetOwnTwoFactor(
            "Turn your own two-step sign-in off from your account, with a code."
        )
    if not await two_factor.turn_off(session, user.id):
        raise two_factor.TwoFactorOff("Two-step sign-in is not on for this colleague.")
    await _record(session, user, TWO_FACTOR_RESET, actor, now)
    await _tell_two_factor_off(session, user, actor, now, base_url)
