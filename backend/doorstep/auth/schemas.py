from __future__ import annotations

import uuid
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from doorstep.core.schemas import Email, RequestModel, ResponseModel

Password = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class StaffLogin(RequestModel):
    email: Email
    password: Password
    agency_id: uuid.UUID | None = Field(
        default=None, description="Only needed when the e-mail has accounts with several agencies."
    )


class TenantLogin(RequestModel):
    email: Email
    password: Password
    agency_id: uuid.UUID | None = Field(
        default=None, description="Only needed when the e-mail has accounts with several agencies."
    )


class RefreshRequest(RequestModel):
    refresh_token: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = Field(
        default=None, description="Browsers omit it: the HttpOnly refresh cookie is used instead."
    )


class TokenResponse(ResponseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the OAuth2 token type name
    expires_in: int = Field(description="Seconds until the access token expires.")
    refresh_token: str = Field(description="Single use; present it to the refresh endpoint.")


class TwoFactorChallengeOut(ResponseModel):
    """The password was right, and the account has two-step sign-in on: no tokens yet."""

    two_factor_required: Literal[True] = True
    challenge: str = Field(
        description="Send it with the code to `/auth/staff/login/two-factor`; works once."
    )
    expires_in: int = Field(description="Seconds left to give the code.")


TwoFactorCode = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=6, max_length=40),
    Field(description="The 6-digit code of the authenticator app, or a recovery code."),
]


class TwoFactorLogin(RequestModel):
    challenge: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    code: TwoFactorCode
