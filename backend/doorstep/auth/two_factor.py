"""Two-step sign-in for staff: an authenticator app's codes (TOTP, RFC 6238: 30-second steps,
6 digits, HMAC-SHA1 — what every authenticator app reads from an ``otpauth://`` URI), single-use
recovery codes, and the challenge a sign-in waits on between the password and the code.

The secret is kept sealed under the data keys (``core.encryption``: the column's type), shown
once while it is set up, never again. Recovery codes and challenge
tokens are random and long, so their SHA-256 is all that is stored. Auth owns these tables
(sign-in reads them); the account pages set them up through this module.
"""

from __future__ import annotations

import base64
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from cryptography.hazmat.primitives.hashes import SHA1
from cryptography.hazmat.primitives.twofactor.totp import TOTP
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import StaffUser
from doorstep.auth.models import LoginChallenge, StaffTwoFactor, TwoFactorRecoveryCode
from doorstep.core.errors import Conflict, InvalidInput, Unauthorized
from doorstep.core.security import new_opaque_token, token_digest

STEP_SECONDS = 30
DIGITS = 6
# A phone's clock a little off, or a code typed as it changed: the step before and the one
# after are accepted too (never one at or before the last accepted step).
DRIFT_STEPS = 1
SECRET_BYTES = 20  # 160 bits, RFC 4226's recommendation
RECOVERY_CODES = 10
# 16 base32 characters: 80 bits, beyond guessing even from a copy of the digests.
_RECOVERY_CHARACTERS = 16
CHALLENGE_VALIDITY = timedelta(minutes=5)
# Wrong codes one challenge takes before it dies and the password must be given again.
CHALLENGE_ATTEMPTS = 5


class CodeKind(StrEnum):
    AUTHENTICATOR = "authenticator"
    RECOVERY = "recovery"


class WrongTwoFactorCode(InvalidInput):
    slug = "wrong-two-factor-code"
    title = "The code is not right"

    def __init__(self) -> None:
        super().__init__(
            "code",
            "This code is not right, or was already used. Enter the code your app shows now.",
        )


class TwoFactorCodeRefused(Unauthorized):
    """A wrong (or already used) code at sign-in: 401, like a wrong password."""

    slug = "two-factor-code-refused"
    title = "The code is not right"


class TwoFactorChallengeExpired(Unauthorized):
    """The challenge is unknown, expired, already finished or spent by wrong codes."""

    slug = "two-factor-challenge-expired"
    title = "This sign-in has expired"

    def __init__(self) -> None:
        super().__init__("This sign-in has expired. Enter your e-mail address and password again.")


class TwoFactorAlreadyOn(Conflict):
    slug = "two-factor-on"
    title = "Two-step sign-in is already on"


class TwoFactorOff(Conflict):
    slug = "two-factor-off"
    title = "Two-step sign-in is not on"


# ------------------------------------------------------------------ the secret and codes


def _totp(secret: bytes) -> TOTP:
    return TOTP(secret, DIGITS, SHA1(), STEP_SECONDS)  # noqa: S303 - RFC 6238's default, what authenticator apps implement


def step_of(now: datetime) -> int:
    return int(now.timestamp()) // STEP_SECONDS


def code_at(secret: bytes, step: int) -> str:
    return _totp(secret).generate(step * STEP_SECONDS).decode()


def matching_step(secret: bytes, code: str, now: datetime) -> int | None:
    """The step whose code this is, within the drift allowed around ``now``; every candidate
    is compared (in constant time) so the answer's timing says nothing."""
    found = None
    current = step_of(now)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(code_at(secret, step).encode(), code.encode()):
            found = step
    return found


def secret_text(secret: bytes) -> str:
    """The secret as authenticator apps take it typed in: base32, without padding."""
    return base64.b32encode(secret).decode().rstrip("=")


def provisioning_uri(secret: bytes, *, account: str, issuer: str) -> str:
    return _totp(secret).get_provisioning_uri(account, issuer)


def _normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper()


def _new_recovery_code() -> str:
    raw = base64.b32encode(secrets.token_bytes(10)).decode()[:_RECOVERY_CHARACTERS].lower()
    return "-".join(raw[i : i + 4] for i in range(0, _RECOVERY_CHARACTERS, 4))


def _recovery_digest(code: str) -> str:
    return token_digest(_normalise(code))


def is_authenticator_code(code: str) -> bool:
    return len(code) == DIGITS and code.isdigit()


# ---------------------------------------------------------------------------- state


async def factor_of(
    session: AsyncSession, staff_user_id: uuid.UUID, *, for_update: bool = False
) -> StaffTwoFactor | None:
    statement = select(StaffTwoFactor).where(StaffTwoFactor.staff_user_id == staff_user_id)
    if for_update:
        statement = statement.with_for_update()
    return await session.scalar(statement)


async def is_on(session: AsyncSession, staff_user_id: uuid.UUID) -> bool:
    enabled = await session.scalar(
        select(StaffTwoFactor.enabled_at).where(StaffTwoFactor.staff_user_id == staff_user_id)
    )
    return enabled is not None


async def recovery_codes_left(session: AsyncSession, staff_user_id: uuid.UUID) -> int:
    left = await session.scalar(
        select(func.count()).where(
            TwoFactorRecoveryCode.staff_user_id == staff_user_id,
            TwoFactorRecoveryCode.used_at.is_(None),
        )
    )
    return int(left or 0)


async def enabled_in_agency(
    session: AsyncSession, agency_id: uuid.UUID
) -> dict[uuid.UUID, datetime]:
    """When each of the agency's staff turned two-step sign-in on (those who have)."""
    rows = await session.execute(
        select(StaffTwoFactor.staff_user_id, StaffTwoFactor.enabled_at).where(
            StaffTwoFactor.agency_id == agency_id, StaffTwoFactor.enabled_at.is_not(None)
        )
    )
    return {staff_id: enabled_at for staff_id, enabled_at in rows if enabled_at is not None}


# ------------------------------------------------------------------------- set-up


@dataclass(frozen=True)
class NewSecret:
    secret: str
    uri: str


async def begin_setup(
    session: AsyncSession, user: StaffUser, *, issuer: str, now: datetime
) -> NewSecret:
    """A new secret for the authenticator app, kept until a code from it confirms it (asking
    again replaces it). Refused while two-step sign-in is on: turn it off first."""
    factor = await factor_of(session, user.id, for_update=True)
    if factor is not None and factor.enabled_at is not None:
        raise TwoFactorAlreadyOn("Two-step sign-in is already on for your account.")
    secret = secrets.token_bytes(SECRET_BYTES)
    if factor is None:
        session.add(
            StaffTwoFactor(
                staff_user_id=user.id,
                agency_id=user.agency_id,
                secret=secret,
                setup_started_at=now,
            )
        )
    else:
        factor.secret = secret
        factor.setup_started_at = now
        factor.last_used_step = None
    await session.flush()
    return NewSecret(
        secret=secret_text(secret),
        uri=provisioning_uri(secret, account=user.email, issuer=issuer),
    )


async def _replace_recovery_codes(session: AsyncSession, staff_user_id: uuid.UUID) -> list[str]:
    await session.execute(
        delete(TwoFactorRecoveryCode).where(TwoFactorRecoveryCode.staff_user_id == staff_user_id)
    )
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODES)]
    session.add_all(
        TwoFactorRecoveryCode(staff_user_id=staff_user_id, code_digest=_recovery_digest(code))
        for code in codes
    )
    await session.flush()
    return codes


async def confirm_setup(
    session: AsyncSession, user: StaffUser, code: str, *, now: datetime
) -> list[str]:
    """A code from the app proves it holds the secret: two-step sign-in is on, and the
    recovery codes are returned (this once; only their digests are kept)."""
    factor = await factor_of(session, user.id, for_update=True)
    if factor is None:
        raise TwoFactorOff("Start the set-up first: there is no secret to confirm.")
    if factor.enabled_at is not None:
        raise TwoFactorAlreadyOn("Two-step sign-in is already on for your account.")
    code = _normalise(code)
    step = matching_step(factor.secret, code, now) if is_authenticator_code(code) else None
    if step is None:
        raise WrongTwoFactorCode()
    factor.enabled_at = now
    factor.last_used_step = step
    return await _replace_recovery_codes(session, user.id)


async def verify(
    session: AsyncSession,
    staff_user_id: uuid.UUID,
    code: str,
    *,
    now: datetime,
) -> CodeKind:
    """Take a code of a staff member whose two-step sign-in is on: the app's current code
    (once: a step at or before the last accepted one is refused, under the factor's row lock
    so two requests cannot both take it) or an unused recovery code (spent). Raises
    :class:`WrongTwoFactorCode` otherwise."""
    factor = await factor_of(session, staff_user_id, for_update=True)
    if factor is None or factor.enabled_at is None:
        raise TwoFactorOff("Two-step sign-in is not on for this account.")
    code = _normalise(code)
    if is_authenticator_code(code):
        step = matching_step(factor.secret, code, now)
        if step is None or (factor.last_used_step is not None and step <= factor.last_used_step):
            raise WrongTwoFactorCode()
        factor.last_used_step = step
        await session.flush()
        return CodeKind.AUTHENTICATOR
    recovery = await session.scalar(
        select(TwoFactorRecoveryCode)
        .where(
            TwoFactorRecoveryCode.staff_user_id == staff_user_id,
            TwoFactorRecoveryCode.code_digest == _recovery_digest(code),
            TwoFactorRecoveryCode.used_at.is_(None),
        )
        .with_for_update()
    )
    if recovery is None:
        raise WrongTwoFactorCode()
    recovery.used_at = now
    await session.flush()
    return CodeKind.RECOVERY


async def regenerate_recovery_codes(session: AsyncSession, staff_user_id: uuid.UUID) -> list[str]:
    """New recovery codes; the old ones stop working."""
    if not await is_on(session, staff_user_id):
        raise TwoFactorOff("Two-step sign-in is not on for this account.")
    return await _replace_recovery_codes(session, staff_user_id)


async def turn_off(session: AsyncSession, staff_user_id: uuid.UUID) -> bool:
    """Forget the secret and the recovery codes (and any live challenge): sign-in asks for the
    password alone. False when there was nothing on."""
    was_on = await is_on(session, staff_user_id)
    await session.execute(
        delete(StaffTwoFactor).where(StaffTwoFactor.staff_user_id == staff_user_id)
    )
    await session.execute(
        delete(TwoFactorRecoveryCode).where(TwoFactorRecoveryCode.staff_user_id == staff_user_id)
    )
    await session.execute(
        delete(LoginChallenge).where(
            LoginChallenge.staff_user_id == staff_user_id, LoginChallenge.used_at.is_(None)
        )
    )
    await session.flush()
    return was_on


# ------------------------------------------------------------------- the sign-in


@dataclass(frozen=True)
class IssuedChallenge:
    token: str
    expires_at: datetime


async def start_challenge(session: AsyncSession, user: StaffUser, now: datetime) -> IssuedChallenge:
    """The password was right and two-step sign-in is on: no tokens yet, a challenge that the
    code finishes within a few minutes."""
    token = new_opaque_token()
    challenge = LoginChallenge(
        staff_user_id=user.id,
        agency_id=user.agency_id,
        token_digest=token_digest(token),
        issued_at=now,
        expires_at=now + CHALLENGE_VALIDITY,
    )
    session.add(challenge)
    await session.flush()
    return IssuedChallenge(token=token, expires_at=challenge.expires_at)


async def open_challenge(
    session: AsyncSession, token: str, now: datetime
) -> tuple[LoginChallenge, StaffUser] | None:
    """The live challenge this token names and its active staff member, locked (one code at a
    time finishes it), or None: unknown, expired, spent, or the account disabled since."""
    row = (
        await session.execute(
            select(LoginChallenge, StaffUser)
            .join(StaffUser, StaffUser.id == LoginChallenge.staff_user_id)
            .where(LoginChallenge.token_digest == token_digest(token))
            .with_for_update(of=LoginChallenge)
        )
    ).one_or_none()
    if row is None:
        return None
    challenge, user = row
    if challenge.used_at is not None or challenge.expires_at <= now or not user.is_active:
        return None
    return challenge, user


def spend_challenge(challenge: LoginChallenge, now: datetime) -> None:
    challenge.used_at = now


async def forget_expired_challenges(session: AsyncSession, now: datetime) -> int:
    """Delete the challenges past their few minutes (finished ones expire too): none can be
    opened again, and an unknown challenge is refused exactly as an expired one is. How many
    went."""
    result = await session.execute(delete(LoginChallenge).where(LoginChallenge.expires_at <= now))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def fail_challenge(challenge: LoginChallenge, now: datetime) -> int:
    """One more wrong code on this challenge; after the last allowed it is dead. How many
    attempts it has left."""
    challenge.failed_attempts += 1
    if challenge.failed_attempts >= CHALLENGE_ATTEMPTS:
        challenge.used_at = now
    return CHALLENGE_ATTEMPTS - challenge.failed_attempts
