from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from doorstep.auth.schemas import TwoFactorCode
from doorstep.core.schemas import Email, Flag, RequestModel, ResponseModel

Password = Annotated[str, StringConstraints(min_length=1, max_length=200)]
NewPassword = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200),
    Field(description="At least 10 characters, hard to guess (the password policy)."),
]


class PasswordResetRequest(RequestModel):
    email: Email
    agency_id: uuid.UUID | None = Field(
        default=None,
        description="Only this agency's account. Without it, every account of the address "
        "gets its own link, naming its agency.",
    )


class RequestAccepted(ResponseModel):
    detail: str = Field(description="What happens next, the same whatever the address.")


class ResetLinkOut(ResponseModel):
    email: str
    agency_name: str
    expires_at: datetime


class PasswordReset(RequestModel):
    password: NewPassword


class PasswordChange(RequestModel):
    current_password: Password
    new_password: NewPassword


class EmailChangeRequest(RequestModel):
    new_email: Email
    current_password: Password


class EmailChanged(ResponseModel):
    email: str


class PortalAccessUpdate(RequestModel):
    enabled: Flag


class PortalAccessEvent(ResponseModel):
    action: Literal["disabled", "enabled"]
    at: datetime
    by_staff_id: uuid.UUID | None
    by_name: str | None


class PortalAccessOut(ResponseModel):
    tenant_id: uuid.UUID
    status: Literal["no_account", "enabled", "disabled"] = Field(
        description="`no_account`: never signed up; `disabled`: turned off by staff."
    )
    disabled_at: datetime | None
    history: list[PortalAccessEvent] = Field(description="Newest first.")


class TwoFactorStatus(ResponseModel):
    enabled: bool
    enabled_at: datetime | None
    setup_pending: bool = Field(description="A secret was issued and awaits a code to confirm it.")
    recovery_codes_left: int


class TwoFactorSetupRequest(RequestModel):
    current_password: Password


class TwoFactorSetupOut(ResponseModel):
    secret: str = Field(description="Base32, for typing into the app; shown this once.")
    otpauth_uri: str = Field(description="The `otpauth://totp/` URI a QR code carries.")


class TwoFactorConfirm(RequestModel):
    code: TwoFactorCode


class TwoFactorChange(RequestModel):
    current_password: Password
    code: TwoFactorCode


class RecoveryCodesOut(ResponseModel):
    recovery_codes: list[str] = Field(description="Each works once; shown this once.")


class StaffTwoFactorOut(ResponseModel):
    staff_id: uuid.UUID
    enabled_at: datetime


class TeamTwoFactorOut(ResponseModel):
    items: list[StaffTwoFactorOut] = Field(
        description="The staff with two-step sign-in on: every colleague's for an owner, one's "
        "own for the other roles."
    )
