"""Who is calling: bearer-token authentication and role checks for staff and tenants."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.agencies.settings import feature_switch_sql
from doorstep.auth.models import AuthSession
from doorstep.auth.service import TenantPortalClosed
from doorstep.core.clock import Clock
from doorstep.core.db import fetch_rows, table_of
from doorstep.core.deps import SessionDep
from doorstep.core.errors import Forbidden, Unauthorized
from doorstep.core.security import AccessClaims, AccessTokens, Audience
from doorstep.tenants.models import Tenant

_bearer = HTTPBearer(auto_error=False, description="Access token from a login or refresh.")

# Roles that may change the agency's book (properties, units, tenants, leases).
BOOK_WRITERS = frozenset({StaffRole.OWNER, StaffRole.MANAGER})


@dataclass(frozen=True, slots=True)
class CallerAgency:
    """What requests read of the caller's agency, as plain values."""

    id: uuid.UUID
    name: str
    locale: str
    currency: str
    timezone: str
    country: str


@dataclass(frozen=True, slots=True)
class StaffIdentity:
    """A signed-in staff member as read routes need them: one row, read together with the
    check that their login session is live."""

    user_id: uuid.UUID
    role: StaffRole
    agency: CallerAgency
    session_id: uuid.UUID

    @property
    def agency_id(self) -> uuid.UUID:
        return self.agency.id


@dataclass(frozen=True, slots=True)
class TenantIdentity:
    """A signed-in tenant as read routes need them: one row, read together with the check
    that their login session is live."""

    tenant_id: uuid.UUID
    first_name: str
    last_name: str
    email: str
    phone: str | None
    language: str | None
    agency: CallerAgency
    session_id: uuid.UUID

    @property
    def agency_id(self) -> uuid.UUID:
        return self.agency.id


@dataclass(frozen=True)
class StaffPrincipal:
    """A signed-in staff member with their records, for routes that change them or hand them
    to services."""

    user: StaffUser
    agency: Agency
    session_id: uuid.UUID

    @property
    def agency_id(self) -> uuid.UUID:
        return self.agency.id

    @property
    def request_scope(self) -> str:
        """Whose Idempotency-Keys these are: a key only replays its own caller's request."""
        return f"staff:{self.user.id}"


@dataclass(frozen=True)
class TenantPrincipal:
    """A signed-in tenant with their records, for routes that change them or hand them to
    services."""

    tenant: Tenant
    agency: Agency
    session_id: uuid.UUID

    @property
    def tenant_id(self) -> uuid.UUID:
        return self.tenant.id

    @property
    def request_scope(self) -> str:
        """Whose Idempotency-Keys these are: a key only replays its own caller's request."""
        return f"tenant:{self.tenant.id}"


async def get_access_tokens(request: Request) -> AccessTokens:
    # A coroutine, so FastAPI does not hand it to its thread pool (see core.deps).
    tokens: AccessTokens = request.app.state.access_tokens
    return tokens


AccessTokensDep = Annotated[AccessTokens, Depends(get_access_tokens)]
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def _claims(
    credentials: HTTPAuthorizationCredentials | None,
    tokens: AccessTokens,
    audience: Audience,
    now: datetime,
) -> AccessClaims:
    if credentials is None:
        raise Unauthorized("Sign in to continue.")
    claims = tokens.verify(credentials.credentials, audience, now)
    if claims is None:
        raise Unauthorized("Your session has expired or the token is not valid.")
    return claims


_agencies = table_of(Agency)
_staff = table_of(StaffUser)
_tenants = table_of(Tenant)
_auth_sessions = table_of(AuthSession)
_AGENCY_COLUMNS = (
    _agencies.c.name.label("agency_name"),
    _agencies.c.locale.label("agency_locale"),
    _agencies.c.currency.label("agency_currency"),
    _agencies.c.timezone.label("agency_timezone"),
    _agencies.c.country.label("agency_country"),
)


def _live_session_join(people: Any) -> Any:
    return people.join(_agencies, _agencies.c.id == people.c.agency_id).join(
        _auth_sessions, _auth_sessions.c.subject_id == people.c.id
    )


def _live_session_filter(audience: Audience, people: Any, live: Any) -> tuple[Any, ...]:
    """Who the token names, only while the token's login session is live: a revoked session
    (logout, refresh-token replay, account disabled) stops its access tokens at once, not at
    expiry. The claims are bound parameters."""
    return (
        people.c.id == bindparam("subject"),
        people.c.agency_id == bindparam("agency_id"),
        live,
        _auth_sessions.c.id == bindparam("session_id"),
        _auth_sessions.c.audience == audience.value,
        _auth_sessions.c.revoked_at.is_(None),
        _auth_sessions.c.expires_at > bindparam("now"),
    )


def _identity_statement(audience: Audience, people: Any, *columns: Any, live: Any) -> Select[Any]:
    """Who the token names, with their agency, only while the token's login session is live.
    Built once."""
    return (
        select(*columns, *_AGENCY_COLUMNS)
        .select_from(_live_session_join(people))
        .where(*_live_session_filter(audience, people, live))
    )


_STAFF_LIVE = _staff.c.is_active.is_(True)


_STAFF_IDENTITY = _identity_statement(Audience.STAFF, _staff, _staff.c.role, live=_STAFF_LIVE)
# The staff member and their agency as records, under the very check ``_STAFF_IDENTITY``
# makes, in one statement: a route that needs the records (every money write) reads them
# with the identity rather than after it.
_STAFF_PRINCIPAL = (
    select(StaffUser, Agency)
    .select_from(_live_session_join(_staff))
    .where(*_live_session_filter(Audience.STAFF, _staff, _STAFF_LIVE))
)
_TENANT_IDENTITY = _identity_statement(
    Audience.TENANT,
    _tenants,
    _tenants.c.first_name,
    _tenants.c.last_name,
    _tenants.c.email,
    _tenants.c.phone,
    _tenants.c.language,
    # Read in the same row, not as another query: the agency can close its portal at any
    # time, and every tenant request must then stop (seed 000: a feature that is off is off).
    feature_switch_sql(_agencies.c.settings, "tenant_portal").label("tenant_portal"),
    # Staff turning a tenant's access off revoke their sessions too; this keeps it off even for
    # a session that began in the same instant.
    live=_tenants.c.password_hash.is_not(None) & _tenants.c.portal_disabled_at.is_(None),
)


async def _identity_row(
    request: Request,
    session: AsyncSession,
    credentials: HTTPAuthorizationCredentials | None,
    audience: Audience,
    statement: Select[Any],
) -> tuple[AccessClaims, Any]:
    """The token's claims and the row ``statement`` reads for them. The clock and the token
    keys are read off the application here rather than as dependencies of their own: each
    dependency costs FastAPI a resolution on every request."""
    claims, parameters = _claims_parameters(request, credentials, audience)
    rows = await fetch_rows(session, statement, parameters)
    if not rows:
        raise Unauthorized(_SESSION_ENDED)
    return claims, rows[0]


_SESSION_ENDED = "Your session has ended. Sign in again."


def _claims_parameters(
    request: Request, credentials: HTTPAuthorizationCredentials | None, audience: Audience
) -> tuple[AccessClaims, dict[str, Any]]:
    """The token's claims, and the live-session check's parameters for them."""
    state = request.app.state
    clock: Clock = state.clock
    now = clock.now()
    claims = _claims(credentials, state.access_tokens, audience, now)
    return claims, {
        "subject": claims.subject,
        "agency_id": claims.agency_id,
        "session_id": claims.session_id,
        "now": now,
    }


def _caller_agency(row: Any, agency_id: uuid.UUID) -> CallerAgency:
    return CallerAgency(
        id=agency_id,
        name=row["agency_name"],
        locale=row["agency_locale"],
        currency=row["agency_currency"],
        timezone=row["agency_timezone"],
        country=row["agency_country"],
    )


async def staff_identity(
    request: Request, session: SessionDep, credentials: BearerDep
) -> StaffIdentity:
    claims, row = await _identity_row(
        request, session, credentials, Audience.STAFF, _STAFF_IDENTITY
    )
    return StaffIdentity(
        user_id=claims.subject,
        role=StaffRole(row["role"]),
        agency=_caller_agency(row, claims.agency_id),
        session_id=claims.session_id,
    )


async def tenant_identity(
    request: Request, session: SessionDep, credentials: BearerDep
) -> TenantIdentity:
    claims, row = await _identity_row(
        request, session, credentials, Audience.TENANT, _TENANT_IDENTITY
    )
    if not row["tenant_portal"]:
        raise TenantPortalClosed()
    return TenantIdentity(
        tenant_id=claims.subject,
        first_name=row["first_name"],
        last_name=row["last_name"],
        email=row["email"],
        phone=row["phone"],
        language=row["language"],
        agency=_caller_agency(row, claims.agency_id),
        session_id=claims.session_id,
    )


StaffIdentityDep = Annotated[StaffIdentity, Depends(staff_identity)]
TenantIdentityDep = Annotated[TenantIdentity, Depends(tenant_identity)]


async def current_staff(
    request: Request, session: SessionDep, credentials: BearerDep
) -> StaffPrincipal:
    """The staff member's records, for routes that need more than the identity: read in the
    statement that checks the login session is live (``staff_identity``'s check)."""
    claims, parameters = _claims_parameters(request, credentials, Audience.STAFF)
    row = (await session.execute(_STAFF_PRINCIPAL, parameters)).one_or_none()
    if row is None:
        raise Unauthorized(_SESSION_ENDED)
    user, agency = row
    return StaffPrincipal(user=user, agency=agency, session_id=claims.session_id)


async def current_tenant(identity: TenantIdentityDep, session: SessionDep) -> TenantPrincipal:
    """The tenant's records, for routes that need more than the identity: read after
    ``tenant_identity`` checked the session, by primary key."""
    row = (
        await session.execute(
            select(Tenant, Agency)
            .join(Agency, Agency.id == Tenant.agency_id)
            .where(Tenant.id == identity.tenant_id)
        )
    ).one_or_none()
    if row is None:  # deleted since, in a transaction that committed meanwhile
        raise Unauthorized("Your session has ended. Sign in again.")
    tenant, agency = row
    return TenantPrincipal(tenant=tenant, agency=agency, session_id=identity.session_id)


StaffDep = Annotated[StaffPrincipal, Depends(current_staff)]
TenantDep = Annotated[TenantPrincipal, Depends(current_tenant)]


def require_role(
    *roles: StaffRole,
) -> Callable[[StaffPrincipal], Coroutine[Any, Any, StaffPrincipal]]:
    allowed = frozenset(roles)

    async def check(principal: StaffDep) -> StaffPrincipal:
        if principal.user.role not in allowed:
            raise Forbidden(
                f"Your role ({principal.user.role.value}) cannot do this; "
                f"it needs one of: {', '.join(sorted(r.value for r in allowed))}."
            )
        return principal

    return check


BookWriterDep = Annotated[StaffPrincipal, Depends(require_role(*BOOK_WRITERS))]
OwnerDep = Annotated[StaffPrincipal, Depends(require_role(StaffRole.OWNER))]
# Roles that handle money day to day: invoices, payments, credit notes, refund requests.
FINANCE_WRITERS = frozenset({StaffRole.OWNER, StaffRole.MANAGER, StaffRole.ACCOUNTANT})
FinanceWriterDep = Annotated[StaffPrincipal, Depends(require_role(*FINANCE_WRITERS))]
FinanceAdminDep = Annotated[
    StaffPrincipal, Depends(require_role(StaffRole.OWNER, StaffRole.ACCOUNTANT))
]
