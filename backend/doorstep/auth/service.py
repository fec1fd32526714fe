"""Login sessions: password login, refresh-token rotation, logout, revocation."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffUser
from doorstep.agencies.settings import feature_switch_sql
from doorstep.auth import two_factor
from doorstep.auth.models import AuthSession, RefreshToken
from doorstep.core.errors import Conflict, Forbidden, Unauthorized
from doorstep.core.security import (
    AccessClaims,
    AccessTokens,
    Audience,
    hash_password,
    new_opaque_token,
    password_needs_rehash,
    token_digest,
    verify_password,
)
from doorstep.tenants.models import Tenant

BAD_CREDENTIALS = "The e-mail address or password is incorrect."
# A refresh whose answer was lost (a reload mid-request, a dropped mobile connection, two tabs
# starting together) presents the same token again moments later. Within this window that is
# a retry and gets the same successor back; after it, a second use means the token was copied.
REFRESH_RETRY_GRACE = timedelta(seconds=30)


class AgencyRequired(Conflict):
    slug = "agency-required"
    title = "Choose the agency to sign in to"


class TenantPortalClosed(Forbidden):
    """The agency has switched its tenant portal off: its tenants cannot sign in or use it
    until it is on again (their accounts stay as they are)."""

    slug = "tenant-portal-disabled"
    title = "The tenant portal is switched off"

    def __init__(self) -> None:
        super().__init__(
            "Your agency has switched its tenant portal off. Contact your agency for your "
            "invoices and payments."
        )


class TenantAccessDisabled(Forbidden):
    """Staff have turned this tenant's portal access off: the account stays, but cannot be
    used until they turn it on again."""

    slug = "tenant-portal-access-disabled"
    title = "Your portal access is turned off"

    def __init__(self) -> None:
        super().__init__(
            "Your agency has turned off your access to the tenant portal. Contact your agency "
            "if you think this is a mistake."
        )


_TENANT_PORTAL_OPEN = feature_switch_sql(Agency.settings, "tenant_portal")


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    expires_in: int
    refresh_token: str
    refresh_expires_at: datetime
    session_id: uuid.UUID


@dataclass(frozen=True)
class RefreshRejected:
    """A refresh that failed. When the token was replayed, its whole session was revoked."""

    reason: str


async def login_staff(
    session: AsyncSession,
    tokens: AccessTokens,
    *,
    email: str,
    password: str,
    agency_id: uuid.UUID | None = None,
    now: datetime,
    refresh_ttl: timedelta,
) -> IssuedTokens | two_factor.IssuedChallenge:
    """A staff member signs in with their e-mail and password.

    Staff e-mails are unique per agency, so one person may work for several agencies with the
    same address; the password says which account is meant, and when it opens more than one,
    they must say which agency. When the account has two-step sign-in on, the right password
    issues no tokens, only a challenge that a code finishes (``finish_staff_login``).
    """
    statement = select(StaffUser).where(
        func.lower(StaffUser.email) == email.lower(), StaffUser.is_active.is_(True)
    )
    if agency_id is not None:
        statement = statement.where(StaffUser.agency_id == agency_id)
    candidates = list((await session.scalars(statement)).all())
    if not candidates:
        verify_password(None, password)  # the same time whether the address exists or not
    matches = [u for u in candidates if verify_password(u.password_hash, password)]
    if not matches:
        raise Unauthorized(BAD_CREDENTIALS)
    if len(matches) > 1:
        raise AgencyRequired(
            "This e-mail address has staff accounts with several agencies: choose one."
        )
    user = matches[0]
    if password_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    if await two_factor.is_on(session, user.id):
        return await two_factor.start_challenge(session, user, now)
    user.last_login_at = now
    return await start_session(
        session, tokens, Audience.STAFF, user.id, user.agency_id, now, refresh_ttl
    )


async def finish_staff_login(
    session: AsyncSession,
    tokens: AccessTokens,
    user: StaffUser,
    *,
    now: datetime,
    refresh_ttl: timedelta,
) -> IssuedTokens:
    """The second step was passed (the caller checked the code against the challenge): the
    session starts as a password-only sign-in's does."""
    user.last_login_at = now
    return await start_session(
        session, tokens, Audience.STAFF, user.id, user.agency_id, now, refresh_ttl
    )


async def login_tenant(
    session: AsyncSession,
    tokens: AccessTokens,
    *,
    email: str,
    password: str,
    agency_id: uuid.UUID | None,
    now: datetime,
    refresh_ttl: timedelta,
) -> IssuedTokens:
    """A tenant signs in with the e-mail and password of their portal account.

    One person may rent through several agencies with the same e-mail; when the password
    opens more than one account, the tenant must say which agency they mean. An agency whose
    tenant portal is switched off lets no one in (said only to someone with the right
    password, so it tells a guesser nothing).
    """
    statement = (
        select(Tenant, _TENANT_PORTAL_OPEN)
        .join(Agency, Agency.id == Tenant.agency_id)
        .where(func.lower(Tenant.email) == email.lower(), Tenant.password_hash.is_not(None))
    )
    if agency_id is not None:
        statement = statement.where(Tenant.agency_id == agency_id)
    candidates = [(tenant, bool(open_)) for tenant, open_ in (await session.execute(statement))]
    if not candidates:
        verify_password(None, password)
    opened = [(t, open_) for t, open_ in candidates if verify_password(t.password_hash, password)]
    if not opened:
        raise Unauthorized(BAD_CREDENTIALS)
    in_open_portals = [tenant for tenant, open_ in opened if open_]
    if not in_open_portals:
        raise TenantPortalClosed()
    matches = [tenant for tenant in in_open_portals if tenant.portal_disabled_at is None]
    if not matches:
        raise TenantAccessDisabled()
    if len(matches) > 1:
        raise AgencyRequired(
            "This e-mail address has portal accounts with several agencies: choose one."
        )
    tenant = matches[0]
    tenant.last_login_at = now
    return await start_session(
        session, tokens, Audience.TENANT, tenant.id, tenant.agency_id, now, refresh_ttl
    )


async def start_session(
    session: AsyncSession,
    tokens: AccessTokens,
    audience: Audience,
    subject_id: uuid.UUID,
    agency_id: uuid.UUID,
    now: datetime,
    refresh_ttl: timedelta,
) -> IssuedTokens:
    auth_session = AuthSession(
        audience=audience,
        subject_id=subject_id,
        agency_id=agency_id,
        started_at=now,
        expires_at=now + refresh_ttl,
    )
    session.add(auth_session)
    await session.flush()
    return await _issue(session, tokens, auth_session, now)


async def _issue(
    session: AsyncSession,
    tokens: AccessTokens,
    auth_session: AuthSession,
    now: datetime,
    *,
    refresh_token: str | None = None,
) -> IssuedTokens:
    refresh_token = refresh_token or new_opaque_token()
    session.add(
        RefreshToken(
            session_id=auth_session.id, token_digest=token_digest(refresh_token), issued_at=now
        )
    )
    await session.flush()
    return _pair(tokens, auth_session, refresh_token, now)


def _pair(
    tokens: AccessTokens, auth_session: AuthSession, refresh_token: str, now: datetime
) -> IssuedTokens:
    access_token = tokens.issue(
        AccessClaims(
            subject=auth_session.subject_id,
            audience=auth_session.audience,
            agency_id=auth_session.agency_id,
            session_id=auth_session.id,
        ),
        now,
    )
    return IssuedTokens(
        access_token=access_token,
        expires_in=int(tokens.ttl.total_seconds()),
        refresh_token=refresh_token,
        refresh_expires_at=auth_session.expires_at,
        session_id=auth_session.id,
    )


async def rotate_refresh_token(
    session: AsyncSession,
    tokens: AccessTokens,
    *,
    audience: Audience,
    presented: str,
    now: datetime,
    refresh_ttl: timedelta,
) -> IssuedTokens | RefreshRejected:
    """Trade a refresh token for a new pair; each refresh token has one successor.

    A refresh token presented again after ``REFRESH_RETRY_GRACE`` has been copied: the whole
    session is revoked so neither the thief nor the owner can continue with it (the owner signs
    in again). Within the grace period it is the same client retrying a lost answer (or
    several tabs refreshing at once), and it gets the same successor as the first use: one
    refresh token never forks into several valid lines, however many times it is sent.
    """
    row = (
        await session.execute(
            select(RefreshToken, AuthSession)
            .join(AuthSession, AuthSession.id == RefreshToken.session_id)
            .where(RefreshToken.token_digest == token_digest(presented))
            .with_for_update()
        )
    ).one_or_none()
    if row is None:
        return RefreshRejected("unknown")
    refresh, auth_session = row
    if auth_session.audience is not audience:
        return RefreshRejected("unknown")
    if auth_session.revoked_at is not None or auth_session.expires_at <= now:
        return RefreshRejected("session-ended")
    if refresh.used_at is not None and now - refresh.used_at > REFRESH_RETRY_GRACE:
        auth_session.revoked_at = now
        auth_session.revoked_reason = "refresh-token-reused"
        return RefreshRejected("reused")
    if not await subject_can_sign_in(session, auth_session):
        auth_session.revoked_at = now
        auth_session.revoked_reason = "account-disabled"
        return RefreshRejected("session-ended")
    if auth_session.audience is Audience.TENANT and not await session.scalar(
        select(_TENANT_PORTAL_OPEN).where(Agency.id == auth_session.agency_id)
    ):
        # Refused, not revoked: nothing has changed yet, and the session may go on when the
        # agency switches its portal back on.
        raise TenantPortalClosed()
    successor = tokens.refresh_successor(presented)
    auth_session.expires_at = now + refresh_ttl
    if refresh.used_at is None:
        refresh.used_at = now
        return await _issue(session, tokens, auth_session, now, refresh_token=successor)
    issued_successor = await session.scalar(
        select(RefreshToken.id).where(
            RefreshToken.session_id == auth_session.id,
            RefreshToken.token_digest == token_digest(successor),
        )
    )
    if issued_successor is None:  # the secret key changed since the first use
        return RefreshRejected("session-ended")
    return _pair(tokens, auth_session, successor, now)


async def subject_can_sign_in(session: AsyncSession, auth_session: AuthSession) -> bool:
    if auth_session.audience is Audience.STAFF:
        active = await session.scalar(
            select(StaffUser.is_active).where(StaffUser.id == auth_session.subject_id)
        )
        return bool(active)
    can_use_portal = await session.scalar(
        select(Tenant.password_hash.is_not(None) & Tenant.portal_disabled_at.is_(None)).where(
            Tenant.id == auth_session.subject_id
        )
    )
    return bool(can_use_portal)


async def revoke_by_refresh_token(
    session: AsyncSession, *, audience: Audience, presented: str, now: datetime
) -> None:
    session_id = await session.scalar(
        select(RefreshToken.session_id).where(RefreshToken.token_digest == token_digest(presented))
    )
    if session_id is not None:
        await revoke_session(session, session_id, audience=audience, now=now, reason="logout")


async def revoke_session(
    session: AsyncSession,
    session_id: uuid.UUID,
    *,
    audience: Audience,
    now: datetime,
    reason: str,
) -> None:
    await session.execute(
        update(AuthSession)
        .where(
            AuthSession.id == session_id,
            AuthSession.audience == audience,
            AuthSession.revoked_at.is_(None),
        )
        .values(revoked_at=now, revoked_reason=reason)
    )


async def revoke_all_sessions(
    session: AsyncSession, *, audience: Audience, subject_id: uuid.UUID, now: datetime, reason: str
) -> None:
    """End every login of one person at once (account disabled, tenant deleted)."""
    await session.execute(
        update(AuthSession)
        .where(
            AuthSession.audience == audience,
            AuthSession.subject_id == subject_id,
            AuthSession.revoked_at.is_(None),
        )
        .values(revoked_at=now, revoked_reason=reason)
    )


async def revoke_other_sessions(
    session: AsyncSession,
    *,
    audience: Audience,
    subject_id: uuid.UUID,
    keep_session_id: uuid.UUID,
    now: datetime,
    reason: str,
) -> None:
    """End every login of one person but the one they are using (a change of password from
    their profile: the device they changed it on stays signed in)."""
    await session.execute(
        update(AuthSession)
        .where(
            AuthSession.audience == audience,
            AuthSession.subject_id == subject_id,
            AuthSession.id != keep_session_id,
            AuthSession.revoked_at.is_(None),
        )
        .values(revoked_at=now, revoked_reason=reason)
    )


async def session_is_live(session: AsyncSession, session_id: uuid.UUID, now: datetime) -> bool:
    live = await session.scalar(
        select(AuthSession.id).where(
            AuthSession.id == session_id,
            AuthSession.revoked_at.is_(None),
            AuthSession.expires_at > now,
        )
    )
    return live is not None
