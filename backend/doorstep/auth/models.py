"""Login sessions and their rotating refresh tokens; staff two-step sign-in."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin
from doorstep.core.encryption import EncryptedBytes
from doorstep.core.security import Audience
from doorstep.core.types import enum_column


class AuthSession(IdMixin, CreatedAtMixin, Base):
    """One login on one device. Revoking it ends every token issued under it at once."""

    __tablename__ = "auth_sessions"
    __table_args__ = (Index("ix_auth_sessions_subject", "audience", "subject_id"),)

    audience: Mapped[Audience] = mapped_column(enum_column(Audience, "auth_audience"))
    subject_id: Mapped[uuid.UUID]
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    started_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(String(40))


class RefreshToken(IdMixin, CreatedAtMixin, Base):
    """A single-use refresh token, stored as its SHA-256. Using it issues the next one."""

    __tablename__ = "refresh_tokens"

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("auth_sessions.id", ondelete="CASCADE"), index=True
    )
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class StaffTwoFactor(IdMixin, CreatedAtMixin, Base):
    """A staff member's authenticator (TOTP, RFC 6238): its secret, sealed under the data keys
    (``core.encryption``, rotated with the stored files), set up but not yet confirmed
    (``enabled_at`` empty) or on.

    ``last_used_step`` is the 30-second step of the last code accepted: a code is taken once,
    and never one older than it."""

    __tablename__ = "staff_two_factor"

    staff_user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("staff_users.id", ondelete="CASCADE"), unique=True
    )
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    secret: Mapped[bytes] = mapped_column(EncryptedBytes("staff_two_factor.secret"))
    setup_started_at: Mapped[datetime]
    enabled_at: Mapped[datetime | None]
    last_used_step: Mapped[int | None] = mapped_column(BigInteger)


class TwoFactorRecoveryCode(IdMixin, CreatedAtMixin, Base):
    """A single-use recovery code, for when the phone is lost: only its SHA-256 is kept."""

    __tablename__ = "two_factor_recovery_codes"
    __table_args__ = (UniqueConstraint("staff_user_id", "code_digest"),)

    staff_user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("staff_users.id", ondelete="CASCADE"), index=True
    )
    code_digest: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None]


class LoginChallenge(IdMixin, CreatedAtMixin, Base):
    """The half of a staff sign-in that has passed the password: short-lived, stored as its
    SHA-256, finished once with a code (and dead after a few wrong ones)."""

    __tablename__ = "login_challenges"

    staff_user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("staff_users.id", ondelete="CASCADE"), index=True
    )
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
