"""Login sessions and their rotating refresh tokens."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin
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
