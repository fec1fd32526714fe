"""Who is calling: bearer-token authentication and role checks for staff and tenants."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.auth.models import AuthSession
from doorstep.core.deps import ClockDep, SessionDep
from doorstep.core.errors import Forbidden, Unauthorized
from doorstep.core.security import AccessClaims, AccessTokens, Audience
from doorstep.tenants.models import Tenant

_bearer = HTTPBearer(auto_error=False, description="Access token from a login or refresh.")

# Roles that may change the agency's book (properties, units, tenants, leases).
BOOK_WRITERS = frozenset({StaffRole.OWNER, StaffRole.MANAGER})


@dataclass(frozen=True)
class StaffPrincipal:
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


def get_access_tokens(request: Request) -> AccessTokens:
    tokens: AccessTokens = request.app.state.access_tokens
    return tokens


AccessTokensDep = Annotated[AccessTokens, Depends(get_access_tokens)]
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def _claims(
    credentials: HTTPAuthorizationCredentials | None,
    tokens: AccessTokens,
    audience: Audience,
    clock: ClockDep,
) -> AccessClaims:
    if credentials is None:
        raise Unauthorized("Sign in to continue.")
    claims = tokens.verify(credentials.credentials, audience, clock.now())
    if claims is None:
        raise Unauthorized("Your session has expired or the token is not valid.")
    return claims


async def current_staff(
    session: SessionDep, clock: ClockDep, tokens: AccessTokensDep, credentials: BearerDep
) -> StaffPrincipal:
    claims = _claims(credentials, tokens, Audience.STAFF, clock)
    row = (
        await session.execute(
            select(StaffUser, Agency)
            .join(Agency, Agency.id == StaffUser.agency_id)
            .join(AuthSession, AuthSession.subject_id == StaffUser.id)
            .where(
                StaffUser.id == claims.subject,
                StaffUser.agency_id == claims.agency_id,
                StaffUser.is_active.is_(True),
                AuthSession.id == claims.session_id,
                AuthSession.audience == Audience.STAFF,
                AuthSession.revoked_at.is_(None),
                AuthSession.expires_at > clock.now(),
            )
        )
    ).one_or_none()
    if row is None:
        raise Unauthorized("Your session has ended. Sign in again.")
    user, agency = row
    return StaffPrincipal(user=user, agency=agency, session_id=claims.session_id)


async def current_tenant(
    session: SessionDep, clock: ClockDep, tokens: AccessTokensDep, credentials: BearerDep
) -> TenantPrincipal:
    claims = _claims(credentials, tokens, Audience.TENANT, clock)
    row = (
        await session.execute(
            select(Tenant, Agency)
            .join(Agency, Agency.id == Tenant.agency_id)
            .join(AuthSession, AuthSession.subject_id == Tenant.id)
            .where(
                Tenant.id == claims.subject,
                Tenant.agency_id == claims.agency_id,
                Tenant.password_hash.is_not(None),
                AuthSession.id == claims.session_id,
                AuthSession.audience == Audience.TENANT,
                AuthSession.revoked_at.is_(None),
                AuthSession.expires_at > clock.now(),
            )
        )
    ).one_or_none()
    if row is None:
        raise Unauthorized("Your session has ended. Sign in again.")
    tenant, agency = row
    return TenantPrincipal(tenant=tenant, agency=agency, session_id=claims.session_id)


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
