"""Sign-in, token refresh and sign-out for staff and tenants."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Body, Request, Response
from fastapi.responses import JSONResponse
from redis.asyncio import Redis

from doorstep.auth import service, two_factor
from doorstep.auth.cookies import COOKIE_PATHS, cookie_name, settings_of, token_response
from doorstep.auth.dependencies import AccessTokensDep
from doorstep.auth.ratelimit import LoginThrottle
from doorstep.auth.schemas import (
    RefreshRequest,
    StaffLogin,
    TenantLogin,
    TokenResponse,
    TwoFactorChallengeOut,
)
from doorstep.core.client_address import client_address
from doorstep.core.deps import ClockDep, RedisDep, SessionDep
from doorstep.core.errors import Unauthorized, problem_response, problem_responses
from doorstep.core.security import AccessTokens, Audience

router = APIRouter(prefix="/auth", tags=["auth"])


def _throttle(request: Request, redis: RedisDep) -> LoginThrottle:
    settings = settings_of(request)
    return LoginThrottle(
        redis=redis,
        per_account_and_client=settings.login_attempts_per_account_and_client,
        per_account=settings.login_attempts_per_account,
        per_client=settings.login_attempts_per_client,
        window_seconds=settings.login_window_seconds,
    )


@asynccontextmanager
async def _attempt(
    request: Request, redis: Redis, audience: Audience, email: str
) -> AsyncIterator[None]:
    """One sign-in attempt, reserved against the throttle before its password is checked
    (so concurrent guesses cannot overrun the budget) and given back unless the password was
    wrong."""
    throttle = _throttle(request, redis)
    client = client_address(request)
    await throttle.reserve(audience, email, client)
    try:
        yield
    except Unauthorized:
        raise
    except Exception:
        # Not a wrong password (the right one for a closed portal, several agencies to choose
        # from, a database fault): it must not count against the person.
        await throttle.release(audience, email, client)
        raise
    await throttle.release(audience, email, client)


_LOGIN_ERRORS = problem_responses(400, 401, 403, 409, 422, 429)


@router.post(
    "/staff/login",
    responses=_LOGIN_ERRORS,
    response_model=TokenResponse | TwoFactorChallengeOut,
)
async def staff_login(
    body: StaffLogin,
    request: Request,
    response: Response,
    session: SessionDep,
    clock: ClockDep,
    tokens: AccessTokensDep,
    redis: RedisDep,
) -> TokenResponse | TwoFactorChallengeOut:
    """Sign a staff member in with e-mail and password. With two-step sign-in on, the answer
    is a challenge instead of tokens: send it with the code to `/auth/staff/login/two-factor`."""
    now = clock.now()
    async with _attempt(request, redis, Audience.STAFF, body.email):
        issued = await service.login_staff(
            session,
            tokens,
            email=body.email,
            password=body.password,
            agency_id=body.agency_id,
            now=now,
            refresh_ttl=timedelta(seconds=settings_of(request).refresh_token_ttl_seconds),
        )
    if isinstance(issued, two_factor.IssuedChallenge):
        response.headers["Cache-Control"] = "no-store"
        return TwoFactorChallengeOut(
            challenge=issued.token, expires_in=int((issued.expires_at - now).total_seconds())
        )
    return token_response(request, response, Audience.STAFF, issued)


@router.post("/tenant/login", responses=_LOGIN_ERRORS)
async def tenant_login(
    body: TenantLogin,
    request: Request,
    response: Response,
    session: SessionDep,
    clock: ClockDep,
    tokens: AccessTokensDep,
    redis: RedisDep,
) -> TokenResponse:
    """Sign a tenant in to the portal with e-mail and password."""
    async with _attempt(request, redis, Audience.TENANT, body.email):
        issued = await service.login_tenant(
            session,
            tokens,
            email=body.email,
            password=body.password,
            agency_id=body.agency_id,
            now=clock.now(),
            refresh_ttl=timedelta(seconds=settings_of(request).refresh_token_ttl_seconds),
        )
    return token_response(request, response, Audience.TENANT, issued)


async def _refresh(
    audience: Audience,
    body: RefreshRequest | None,
    request: Request,
    response: Response,
    session: SessionDep,
    clock: ClockDep,
    tokens: AccessTokens,
) -> TokenResponse | JSONResponse:
    presented = (body.refresh_token if body else None) or request.cookies.get(cookie_name(audience))
    if not presented:
        raise Unauthorized("No refresh token: sign in again.")
    result = await service.rotate_refresh_token(
        session,
        tokens,
        audience=audience,
        presented=presented,
        now=clock.now(),
        refresh_ttl=timedelta(seconds=settings_of(request).refresh_token_ttl_seconds),
    )
    if isinstance(result, service.RefreshRejected):
        # Returned rather than raised: a replayed token's session revocation must commit.
        rejected = problem_response(
            Unauthorized("Your session has ended. Sign in again.").to_problem()
        )
        rejected.delete_cookie(cookie_name(audience), path=COOKIE_PATHS[audience])
        return rejected
    return token_response(request, response, audience, result)


_REFRESH_ERRORS = problem_responses(400, 401, 403, 422)
RefreshBody = Annotated[RefreshRequest | None, Body()]


@router.post("/staff/refresh", responses=_REFRESH_ERRORS, response_model=TokenResponse)
async def staff_refresh(
    request: Request,
    response: Response,
    session: SessionDep,
    clock: ClockDep,
    tokens: AccessTokensDep,
    body: RefreshBody = None,
) -> TokenResponse | JSONResponse:
    """Trade a refresh token (body or cookie) for a new token pair. Each works once."""
    return await _refresh(Audience.STAFF, body, request, response, session, clock, tokens)


@router.post("/tenant/refresh", responses=_REFRESH_ERRORS, response_model=TokenResponse)
async def tenant_refresh(
    request: Request,
    response: Response,
    session: SessionDep,
    clock: ClockDep,
    tokens: AccessTokensDep,
    body: RefreshBody = None,
) -> TokenResponse | JSONResponse:
    """Trade a refresh token (body or cookie) for a new token pair. Each works once."""
    return await _refresh(Audience.TENANT, body, request, response, session, clock, tokens)


async def _logout(
    audience: Audience,
    body: RefreshRequest | None,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
) -> Response:
    presented = (body.refresh_token if body else None) or request.cookies.get(cookie_name(audience))
    if presented:
        await service.revoke_by_refresh_token(
            session, audience=audience, presented=presented, now=clock.now()
        )
    response = Response(status_code=204)
    response.delete_cookie(cookie_name(audience), path=COOKIE_PATHS[audience])
    return response


@router.post("/staff/logout", status_code=204, responses=problem_responses(400, 422))
async def staff_logout(
    request: Request, session: SessionDep, clock: ClockDep, body: RefreshBody = None
) -> Response:
    """End this login session: its refresh token and every access token issued under it."""
    return await _logout(Audience.STAFF, body, request, session, clock)


@router.post("/tenant/logout", status_code=204, responses=problem_responses(400, 422))
async def tenant_logout(
    request: Request, session: SessionDep, clock: ClockDep, body: RefreshBody = None
) -> Response:
    """End this login session: its refresh token and every access token issued under it."""
    return await _logout(Audience.TENANT, body, request, session, clock)
