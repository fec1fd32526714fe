"""The tokens of e-mailed account links: a password reset, the confirmation of a new e-mail."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin
from doorstep.core.security import Audience
from doorstep.core.types import enum_column


class AccountTokenPurpose(StrEnum):
    PASSWORD_RESET = "password_reset"  # noqa: S105 - the name of a kind of link
    EMAIL_CHANGE = "email_change"


class AccountToken(IdMixin, CreatedAtMixin, Base):
    """One e-mailed link for one person's account (a staff user or a tenant).

    Only the token's SHA-256 is kept: a copy of the database opens nothing. It works once
    (``used_at``, set under a row lock) and until ``expires_at``; when one link of a kind is
    used, the person's other live links of that kind die with it.
    """

    __tablename__ = "account_tokens"
    __table_args__ = (Index("ix_account_tokens_subject", "audience", "subject_id"),)

    purpose: Mapped[AccountTokenPurpose] = mapped_column(
        enum_column(AccountTokenPurpose, "account_token_purpose")
    )
    audience: Mapped[Audience] = mapped_column(enum_column(Audience, "account_token_audience"))
    subject_id: Mapped[uuid.UUID]
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The address a confirmation link is for (e-mail changes only).
    new_email: Mapped[str | None] = mapped_column(String(254))
    requested_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
