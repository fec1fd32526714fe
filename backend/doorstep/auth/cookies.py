"""The refresh-token cookie and the token response every way of signing in answers with
(login, refresh, an accepted invite): one place that sets the cookie's name, path and flags."""

from __future__ import annotations

from fastapi import Request, Response

from doorstep.auth import service
from doorstep.auth.schemas import TokenResponse
from doorstep.core.security import Audience
from doorstep.core.settings import Settings

COOKIE_PATHS = {
    Audience.STAFF: "/api/v1/auth/staff",
    Audience.TENANT: "/api/v1/auth/tenant",
}


def cookie_name(audience: Audience) -> str:
    return f"doorstep_{audience.value}_refresh"


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def token_response(
    request: Request, response: Response, audience: Audience, issued: service.IssuedTokens
) -> TokenResponse:
    settings = settings_of(request)
    response.set_cookie(
        cookie_name(audience),
        issued.refresh_token,
        max_age=settings.refresh_token_ttl_seconds,
        path=COOKIE_PATHS[audience],
        httponly=True,
        secure=settings.refresh_cookie_secure,
        samesite="strict",
    )
    response.headers["Cache-Control"] = "no-store"
    return TokenResponse(
        access_token=issued.access_token,
        expires_in=issued.expires_in,
        refresh_token=issued.refresh_token,
    )
