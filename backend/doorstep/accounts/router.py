"""The account lifecycle over HTTP: the public reset and confirmation links (the token in the
path is the credential, unknown ones are throttled per client), each person's own account from
their profile, and staff turning a tenant's portal access off and on."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import JSONResponse
from redis.asyncio import Redis

from doorstep.accounts import service
from doorstep.accounts.models import AccountToken, AccountTokenPurpose
from doorstep.accounts.schemas import (
    EmailChanged,
    EmailChangeRequest,
    PasswordChange,
    PasswordReset,
    PasswordResetRequest,
    PortalAccessEvent,
    PortalAccessOut,
    PortalAccessUpdate,
    RecoveryCodesOut,
    RequestAccepted,
    ResetLinkOut,
    StaffTwoFactorOut,
    TeamTwoFactorOut,
    TwoFactorChange,
    TwoFactorConfirm,
    TwoFactorSetupOut,
    TwoFactorSetupRequest,
    TwoFactorStatus,
)
from doorstep.auth import service as auth_service
from doorstep.auth import two_factor
from doorstep.auth.cookies import COOKIE_PATHS, cookie_name, settings_of, token_response
from doorstep.auth.dependencies import AccessTokensDep, BookWriterDep, OwnerDep, StaffDep, TenantDep
from doorstep.auth.ratelimit import LoginThrottle, WindowBudget
from doorstep.auth.schemas import TokenResponse, TwoFactorLogin
from doorstep.core.client_address import client_address
from doorstep.core.deps import ClockDep, RedisDep, SessionDep
from doorstep.core.errors import NotFound, problem_response, problem_responses
from doorstep.core.security import Audience

public_router = APIRouter(prefix="/auth", tags=["accounts"])
staff_router = APIRouter(tags=["accounts"], responses=problem_responses(400, 401, 403, 404, 422))
portal_router = APIRouter(
    prefix="/portal/me", tags=["accounts"], responses=problem_responses(400, 401, 403, 422)
)

# Reset requests: per client address, refused beyond this (429); per e-mail address, quietly
# not sent beyond this (the answer stays the same, so it tells nothing, and a mailbox cannot
# be flooded with links).
RESET_REQUESTS_PER_CLIENT = 10
RESET_REQUESTS_PER_ADDRESS = 3
RESET_WINDOW_SECONDS = 3600
# Unknown link tokens tried per client before a pause, as for invites and payment links.
LINK_FAILURES_PER_CLIENT = 20
LINK_FAILURE_WINDOW_SECONDS = 900

RESET_ACCEPTED = (
    "If this address has an account, a link to choose a new password is on its way. It works "
    "once, within an hour."
)
EMAIL_CHANGE_ACCEPTED = (
    "A confirmation link is on its way to the new address. Your address changes when you open it."
)

LinkTokenPath = Annotated[str, Path(min_length=1, max_length=100, description="The link's token.")]
_LINK_ERRORS = problem_responses(400, 404, 410, 422, 429)


def _reset_budgets(redis: Redis) -> tuple[WindowBudget, WindowBudget]:
    return (
        WindowBudget(
            redis, "reset-request:client", RESET_REQUESTS_PER_CLIENT, RESET_WINDOW_SECONDS
        ),
        WindowBudget(
            redis, "reset-request:address", RESET_REQUESTS_PER_ADDRESS, RESET_WINDOW_SECONDS
        ),
    )


def _link_failures(redis: Redis) -> WindowBudget:
    return WindowBudget(
        redis, "account-link-fail:client", LINK_FAILURES_PER_CLIENT, LINK_FAILURE_WINDOW_SECONDS
    )


async def _request_reset(
    audience: Audience,
    body: PasswordResetRequest,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    redis: Redis,
) -> RequestAccepted:
    per_client, per_address = _reset_budgets(redis)
    await per_client.take(client_address(request))
    if await per_address.spend(f"{audience.value}:{body.email}"):
        settings = settings_of(request)
        await service.request_password_reset(
            session,
            audience=audience,
            email=body.email,
            agency_id=body.agency_id,
            now=clock.now(),
            secret=settings.secret_key.get_secret_value(),
            base_url=settings.public_base_url,
        )
    return RequestAccepted(detail=RESET_ACCEPTED)


_REQUEST_ERRORS = problem_responses(400, 422, 429)


@public_router.post("/staff/password-reset", status_code=202, responses=_REQUEST_ERRORS)
async def request_staff_password_reset(
    body: PasswordResetRequest,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    redis: RedisDep,
) -> RequestAccepted:
    """Forgotten password: e-mail a reset link. The answer is the same whether or not the
    address has an account."""
    return await _request_reset(Audience.STAFF, body, request, session, clock, redis)


@public_router.post("/tenant/password-reset", status_code=202, responses=_REQUEST_ERRORS)
async def request_tenant_password_reset(
    body: PasswordResetRequest,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    redis: RedisDep,
) -> RequestAccepted:
    """Forgotten password: e-mail a reset link. The answer is the same whether or not the
    address has an account."""
    return await _request_reset(Audience.TENANT, body, request, session, clock, redis)


async def _open_link(
    request: Request,
    session: SessionDep,
    redis: Redis,
    clock: ClockDep,
    token: str,
    *,
    audience: Audience,
    purpose: AccountTokenPurpose,
    lock: bool,
) -> AccountToken:
    failures = _link_failures(redis)
    client = client_address(request)
    await failures.check(client)
    row = await service.find_token(
        session, token, audience=audience, purpose=purpose, now=clock.now(), for_update=lock
    )
    if row is None:
        await failures.record(client)
        raise NotFound("No such link. Check the link in your e-mail, or ask for a new one.")
    return row


async def _describe_reset(
    audience: Audience,
    token: str,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    redis: Redis,
) -> ResetLinkOut:
    row = await _open_link(
        request,
        session,
        redis,
        clock,
        token,
        audience=audience,
        purpose=AccountTokenPurpose.PASSWORD_RESET,
        lock=False,
    )
    link = await service.describe_reset_link(session, row)
    return ResetLinkOut(email=link.email, agency_name=link.agency_name, expires_at=link.expires_at)


async def _reset(
    audience: Audience,
    token: str,
    body: PasswordReset,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    redis: Redis,
) -> Response:
    row = await _open_link(
        request,
        session,
        redis,
        clock,
        token,
        audience=audience,
        purpose=AccountTokenPurpose.PASSWORD_RESET,
        lock=True,
    )
    await service.reset_password(session, row, body.password, clock.now())
    return Response(status_code=204)


@public_router.get("/staff/password-reset/{token}", responses=_LINK_ERRORS)
async def open_staff_reset_link(
    token: LinkTokenPath, request: Request, session: SessionDep, clock: ClockDep, redis: RedisDep
) -> ResetLinkOut:
    """Whose account a reset link is for; a used or expired link is a 410 saying which."""
    return await _describe_reset(Audience.STAFF, token, request, session, clock, redis)


@public_router.get("/tenant/password-reset/{token}", responses=_LINK_ERRORS)
async def open_tenant_reset_link(
    token: LinkTokenPath, request: Request, session: SessionDep, clock: ClockDep, redis: RedisDep
) -> ResetLinkOut:
    """Whose account a reset link is for; a used or expired link is a 410 saying which."""
    return await _describe_reset(Audience.TENANT, token, request, session, clock, redis)


@public_router.post("/staff/password-reset/{token}", status_code=204, responses=_LINK_ERRORS)
async def reset_staff_password(
    token: LinkTokenPath,
    body: PasswordReset,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    redis: RedisDep,
) -> Response:
    """Choose a new password from a reset link (once). Every session of the account ends."""
    return await _reset(Audience.STAFF, token, body, request, session, clock, redis)


@public_router.post("/tenant/password-reset/{token}", status_code=204, responses=_LINK_ERRORS)
async def reset_tenant_password(
    token: LinkTokenPath,
    body: PasswordReset,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    redis: RedisDep,
) -> Response:
    """Choose a new password from a reset link (once). Every session of the account ends."""
    return await _reset(Audience.TENANT, token, body, request, session, clock, redis)


async def _confirm_email(
    audience: Audience,
    token: str,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    redis: Redis,
) -> EmailChanged:
    row = await _open_link(
        request,
        session,
        redis,
        clock,
        token,
        audience=audience,
        purpose=AccountTokenPurpose.EMAIL_CHANGE,
        lock=True,
    )
    email = await service.confirm_email_change(
        session, row, clock.now(), base_url=settings_of(request).public_base_url
    )
    return EmailChanged(email=email)


_CONFIRM_ERRORS = _LINK_ERRORS | problem_responses(409)


@public_router.post("/staff/email-change/{token}", responses=_CONFIRM_ERRORS)
async def confirm_staff_email_change(
    token: LinkTokenPath, request: Request, session: SessionDep, clock: ClockDep, redis: RedisDep
) -> EmailChanged:
    """Confirm a new e-mail address from the link sent to it (once): it becomes the sign-in
    address, and the old address is told."""
    return await _confirm_email(Audience.STAFF, token, request, session, clock, redis)


@public_router.post("/tenant/email-change/{token}", responses=_CONFIRM_ERRORS)
async def confirm_tenant_email_change(
    token: LinkTokenPath, request: Request, session: SessionDep, clock: ClockDep, redis: RedisDep
) -> EmailChanged:
    """Confirm a new e-mail address from the link sent to it (once): it becomes the sign-in
    address, and the old address is told."""
    return await _confirm_email(Audience.TENANT, token, request, session, clock, redis)


# ------------------------------------------------------------- one's own account


@asynccontextmanager
async def _password_check(
    request: Request, redis: Redis, audience: Audience, email: str
) -> AsyncIterator[None]:
    """A current-password check counts against the sign-in throttle of the account, as a
    login does, so a stolen access token cannot be used to guess the password."""
    settings = settings_of(request)
    throttle = LoginThrottle(
        redis=redis,
        per_account_and_client=settings.login_attempts_per_account_and_client,
        per_account=settings.login_attempts_per_account,
        per_client=settings.login_attempts_per_client,
        window_seconds=settings.login_window_seconds,
    )
    client = client_address(request)
    await throttle.reserve(audience.value, email, client)
    try:
        yield
    except service.WrongCurrentPassword:
        raise
    except Exception:
        await throttle.release(audience.value, email, client)
        raise
    await throttle.release(audience.value, email, client)


def _signed_out(audience: Audience) -> Response:
    response = Response(status_code=204)
    response.delete_cookie(cookie_name(audience), path=COOKIE_PATHS[audience])
    return response


_OWN_ERRORS = problem_responses(409, 429)


@staff_router.post("/me/password", status_code=204, responses=_OWN_ERRORS)
async def change_my_staff_password(
    body: PasswordChange,
    principal: StaffDep,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    redis: RedisDep,
) -> Response:
    """Change one's password, giving the current one. Other sessions end; this one stays."""
    async with _password_check(request, redis, Audience.STAFF, principal.user.email):
        await service.change_password(
            session,
            principal.user,
            Audience.STAFF,
            current_password=body.current_password,
            new_password=body.new_password,
            current_session_id=principal.session_id,
            now=clock.now(),
        )
    return Response(status_code=204)


@staff_router.post("/me/email-change", status_code=202, responses=_OWN_ERRORS)
async def request_my_staff_email_change(
    body: EmailChangeRequest,
    principal: StaffDep,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    redis: RedisDep,
) -> RequestAccepted:
    """Ask to sign in with another address, giving one's password: a link goes to the new
    address, and the change happens when it is opened."""
    settings = settings_of(request)
    async with _password_check(request, redis, Audience.STAFF, principal.user.email):
        await service.request_email_change(
            session,
            principal.user,
            Audience.STAFF,
            new_email=body.new_email,
            current_password=body.current_password,
            now=clock.now(),
            secret=settings.secret_key.get_secret_value(),
            base_url=settings.public_base_url,
        )
    return RequestAccepted(detail=EMAIL_CHANGE_ACCEPTED)


@staff_router.post("/me/sign-out-everywhere", status_code=204)
async def sign_my_staff_account_out_everywhere(
    principal: StaffDep, session: SessionDep, clock: ClockDep
) -> Response:
    """End every session of one's account, on every device, this one included."""
    await service.sign_out_everywhere(session, Audience.STAFF, principal.user.id, clock.now())
    return _signed_out(Audience.STAFF)


@portal_router.post("/password", status_code=204, responses=_OWN_ERRORS)
async def change_my_tenant_password(
    body: PasswordChange,
    principal: TenantDep,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    redis: RedisDep,
) -> Response:
    """Change one's password, giving the current one. Other sessions end; this one stays."""
    async with _password_check(request, redis, Audience.TENANT, principal.tenant.email):
        await service.change_password(
            session,
            principal.tenant,
            Audience.TENANT,
            current_password=body.current_password,
            new_password=body.new_password,
            current_session_id=principal.session_id,
            now=clock.now(),
        )
    return Response(status_code=204)


@portal_router.post("/email-change", status_code=202, responses=_OWN_ERRORS)
async def request_my_tenant_email_change(
    body: EmailChangeRequest,
    principal: TenantDep,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    redis: RedisDep,
) -> RequestAccepted:
    """Ask to use another address, giving one's password: a link goes to the new address,
    and the change happens when it is opened."""
    settings = settings_of(request)
    async with _password_check(request, redis, Audience.TENANT, principal.tenant.email):
        await service.request_email_change(
            session,
            principal.tenant,
            Audience.TENANT,
            new_email=body.new_email,
            current_password=body.current_password,
            now=clock.now(),
            secret=settings.secret_key.get_secret_value(),
            base_url=settings.public_base_url,
        )
    return RequestAccepted(detail=EMAIL_CHANGE_ACCEPTED)


@portal_router.post("/sign-out-everywhere", status_code=204)
async def sign_my_tenant_account_out_everywhere(
    principal: TenantDep, session: SessionDep, clock: ClockDep
) -> Response:
    """End every session of one's account, on every device, this one included."""
    await service.sign_out_everywhere(session, Audience.TENANT, principal.tenant.id, clock.now())
    return _signed_out(Audience.TENANT)


# --------------------------------------------------- a tenant's portal access (staff)


def _portal_access_out(access: service.PortalAccess) -> PortalAccessOut:
    tenant = access.tenant
    actions = {
        service.PORTAL_ACCESS_DISABLED: "disabled",
        service.PORTAL_ACCESS_ENABLED: "enabled",
    }
    return PortalAccessOut(
        tenant_id=tenant.id,
        status=(
            "disabled"
            if tenant.portal_disabled_at is not None
            else "no_account"
            if tenant.password_hash is None
            else "enabled"
        ),
        disabled_at=tenant.portal_disabled_at,
        history=[
            PortalAccessEvent(
                action="disabled" if event.action == service.PORTAL_ACCESS_DISABLED else "enabled",
                at=event.occurred_at,
                by_staff_id=event.actor_staff_id,
                by_name=f"{actor.first_name} {actor.last_name}" if actor else None,
            )
            for event, actor in access.history
            if event.action in actions
        ],
    )


@staff_router.get("/tenants/{tenant_id}/portal-access")
async def get_tenant_portal_access(
    tenant_id: uuid.UUID, principal: StaffDep, session: SessionDep
) -> PortalAccessOut:
    """Whether the tenant can use the portal, and who turned it off or on, when."""
    return _portal_access_out(await service.portal_access(session, principal.agency_id, tenant_id))


@staff_router.put("/tenants/{tenant_id}/portal-access", responses=problem_responses(409))
async def set_tenant_portal_access(
    tenant_id: uuid.UUID,
    body: PortalAccessUpdate,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
) -> PortalAccessOut:
    """Turn a tenant's portal access off (their sessions end at once and sign-in is refused,
    saying so; nothing is deleted) or on again. Recorded in the audit log."""
    access = await service.set_portal_access(
        session,
        principal.agency_id,
        principal.user,
        tenant_id,
        enabled=body.enabled,
        now=clock.now(),
    )
    return _portal_access_out(access)


# ------------------------------------------------------- two-step sign-in (staff)

# Wrong codes per account a day, whatever the addresses they come from, beyond the sign-in
# throttle's budgets: at most 20 guesses with 3 codes valid at a time (the drift) is one chance
# in about 17 000 a day, for someone who has the password already.
WRONG_CODES_PER_ACCOUNT = 20
WRONG_CODES_WINDOW_SECONDS = 24 * 3600
CODE_AUDIENCE = "staff-two-factor"


def _login_throttle(request: Request, redis: Redis) -> LoginThrottle:
    settings = settings_of(request)
    return LoginThrottle(
        redis=redis,
        per_account_and_client=settings.login_attempts_per_account_and_client,
        per_account=settings.login_attempts_per_account,
        per_client=settings.login_attempts_per_client,
        window_seconds=settings.login_window_seconds,
    )


def _wrong_codes(redis: Redis) -> WindowBudget:
    return WindowBudget(
        redis, "two-factor-wrong:account", WRONG_CODES_PER_ACCOUNT, WRONG_CODES_WINDOW_SECONDS
    )


@asynccontextmanager
async def _code_check(
    request: Request, redis: Redis, user_id: uuid.UUID, email: str
) -> AsyncIterator[None]:
    """A code (with or without the password) counts against the sign-in throttle like a
    password does, reserved before it is checked; a wrong one also spends the account's daily
    budget of wrong codes, so a million codes can never be tried. Codes have their own
    account budgets (a right password, which gives its attempt back, must not wipe the count
    of wrong codes), and share the client address's budget with passwords."""
    throttle = _login_throttle(request, redis)
    wrong_codes = _wrong_codes(redis)
    client = client_address(request)
    await wrong_codes.check(str(user_id))
    await throttle.reserve(CODE_AUDIENCE, email, client)
    try:
        yield
    except two_factor.WrongTwoFactorCode:
        await wrong_codes.record(str(user_id))
        raise
    except service.WrongCurrentPassword:
        raise
    except Exception:
        await throttle.release(CODE_AUDIENCE, email, client)
        raise
    await throttle.release(CODE_AUDIENCE, email, client)


_SECOND_STEP_ERRORS = problem_responses(400, 401, 422, 429)


@public_router.post(
    "/staff/login/two-factor", responses=_SECOND_STEP_ERRORS, response_model=TokenResponse
)
async def finish_staff_login(
    body: TwoFactorLogin,
    request: Request,
    response: Response,
    session: SessionDep,
    clock: ClockDep,
    tokens: AccessTokensDep,
    redis: RedisDep,
) -> TokenResponse | JSONResponse:
    """Finish a staff sign-in that asked for two-step: the challenge from the password step
    and the authenticator app's current code (or a recovery code). A challenge lives five
    minutes and dies after five wrong codes; wrong codes are throttled like passwords."""
    now = clock.now()
    settings = settings_of(request)
    opened = await two_factor.open_challenge(session, body.challenge, now)
    if opened is None:
        raise two_factor.TwoFactorChallengeExpired()
    challenge, user = opened
    wrong: two_factor.TwoFactorCodeRefused | None = None
    try:
        async with _code_check(request, redis, user.id, user.email):
            await service.take_code(
                session,
                user,
                code=body.code,
                now=now,
                base_url=settings.public_base_url,
            )
    except two_factor.WrongTwoFactorCode:
        left = two_factor.fail_challenge(challenge, now)
        wrong = two_factor.TwoFactorCodeRefused(
            "This code is not right, or was already used."
            + (" Enter the code your app shows now." if left else " Sign in again.")
        )
    if wrong is not None:
        # Returned rather than raised: the challenge's count of wrong codes must commit.
        return problem_response(wrong.to_problem(), headers=wrong.headers)
    two_factor.spend_challenge(challenge, now)
    issued = await auth_service.finish_staff_login(
        session,
        tokens,
        user,
        now=now,
        refresh_ttl=timedelta(seconds=settings.refresh_token_ttl_seconds),
    )
    return token_response(request, response, Audience.STAFF, issued)


def _no_store(response: Response) -> None:
    response.headers["Cache-Control"] = "no-store"


def _status_out(state: service.TwoFactorState) -> TwoFactorStatus:
    return TwoFactorStatus(
        enabled=state.enabled_at is not None,
        enabled_at=state.enabled_at,
        setup_pending=state.setup_pending,
        recovery_codes_left=state.recovery_codes_left,
    )


@staff_router.get("/me/two-factor")
async def get_my_two_factor(principal: StaffDep, session: SessionDep) -> TwoFactorStatus:
    """Whether two-step sign-in is on for one's account, and how many recovery codes are left."""
    return _status_out(await service.two_factor_state(session, principal.user))


@staff_router.post("/me/two-factor/setup", responses=_OWN_ERRORS)
async def start_my_two_factor(
    body: TwoFactorSetupRequest,
    principal: StaffDep,
    request: Request,
    response: Response,
    session: SessionDep,
    clock: ClockDep,
    redis: RedisDep,
) -> TwoFactorSetupOut:
    """Start setting up two-step sign-in, giving one's password: the secret for the
    authenticator app (and its `otpauth://` URI for a QR code), shown this once. Nothing
    changes at sign-in until a code confirms it."""
    async with _password_check(request, redis, Audience.STAFF, principal.user.email):
        new = await service.start_two_factor(
            session,
            principal.user,
            current_password=body.current_password,
            now=clock.now(),
        )
    _no_store(response)
    return TwoFactorSetupOut(secret=new.secret, otpauth_uri=new.uri)


@staff_router.post("/me/two-factor/confirm", responses=_OWN_ERRORS)
async def confirm_my_two_factor(
    body: TwoFactorConfirm,
    principal: StaffDep,
    request: Request,
    response: Response,
    session: SessionDep,
    clock: ClockDep,
    redis: RedisDep,
) -> RecoveryCodesOut:
    """Turn two-step sign-in on with a code from the app: the recovery codes, shown once."""
    user = principal.user
    async with _code_check(request, redis, user.id, user.email):
        codes = await service.confirm_two_factor(
            session,
            user,
            code=body.code,
            now=clock.now(),
        )
    _no_store(response)
    return RecoveryCodesOut(recovery_codes=codes)


@staff_router.post("/me/two-factor/recovery-codes", responses=_OWN_ERRORS)
async def renew_my_recovery_codes(
    body: TwoFactorChange,
    principal: StaffDep,
    request: Request,
    response: Response,
    session: SessionDep,
    clock: ClockDep,
    redis: RedisDep,
) -> RecoveryCodesOut:
    """New recovery codes, giving one's password and a code; the old ones stop working."""
    user = principal.user
    settings = settings_of(request)
    async with _code_check(request, redis, user.id, user.email):
        codes = await service.renew_recovery_codes(
            session,
            user,
            current_password=body.current_password,
            code=body.code,
            now=clock.now(),
            base_url=settings.public_base_url,
        )
    _no_store(response)
    return RecoveryCodesOut(recovery_codes=codes)


@staff_router.post("/me/two-factor/disable", responses=_OWN_ERRORS)
async def turn_my_two_factor_off(
    body: TwoFactorChange,
    principal: StaffDep,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    redis: RedisDep,
) -> TwoFactorStatus:
    """Turn two-step sign-in off, giving one's password and a code (or a recovery code).
    An e-mail says so."""
    user = principal.user
    settings = settings_of(request)
    async with _code_check(request, redis, user.id, user.email):
        await service.turn_two_factor_off(
            session,
            user,
            current_password=body.current_password,
            code=body.code,
            now=clock.now(),
            base_url=settings.public_base_url,
        )
    return _status_out(await service.two_factor_state(session, user))


@staff_router.get("/staff/two-factor")
async def list_team_two_factor(principal: StaffDep, session: SessionDep) -> TeamTwoFactorOut:
    """Who has two-step sign-in on, and since when: the whole team for an owner, oneself for
    the other roles."""
    enabled = await service.team_two_factor(session, principal.user)
    return TeamTwoFactorOut(
        items=[StaffTwoFactorOut(staff_id=staff_id, enabled_at=at) for staff_id, at in enabled]
    )


@staff_router.post(
    "/staff/{staff_id}/two-factor/reset", status_code=204, responses=problem_responses(409)
)
async def reset_staff_two_factor(
    staff_id: uuid.UUID,
    principal: OwnerDep,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
) -> Response:
    """Owners turn a colleague's two-step sign-in off (a lost phone): recorded in the audit
    log, and the colleague is told by e-mail. They set it up again from their account."""
    await service.reset_colleague_two_factor(
        session,
        principal.agency_id,
        principal.user,
        staff_id,
        now=clock.now(),
        base_url=settings_of(request).public_base_url,
    )
    return Response(status_code=204)
