"""Agencies, their staff and their trust account."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ForeignKey, Index, String, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin
from doorstep.core.types import enum_column


class StaffRole(StrEnum):
    OWNER = "owner"
    MANAGER = "manager"
    ACCOUNTANT = "accountant"
    VIEWER = "viewer"


class Agency(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "agencies"

    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    currency: Mapped[str] = mapped_column(String(3))
    locale: Mapped[str] = mapped_column(String(20))
    timezone: Mapped[str] = mapped_column(String(64))
    settings: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))


class StaffUser(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "staff_users"
    # Unique within an agency, not across Doorstep: one person may work for two agencies, and
    # an agency adding a colleague must learn nothing about other agencies' staff.
    __table_args__ = (
        Index(
            "uq_staff_users_agency_id_email",
            "agency_id",
            func.lower(text("email")),
            unique=True,
        ),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    first_name: Mapped[str] = mapped_column(String(200))
    last_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[StaffRole] = mapped_column(enum_column(StaffRole, "staff_role"))
    password_hash: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(server_default=text("true"))
    last_login_at: Mapped[datetime | None]


class TrustAccount(IdMixin, CreatedAtMixin, Base):
    """The agency's client-money account. Seed 003: 'must receipt the oldest invoice first'."""

    __tablename__ = "trust_accounts"

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    receipt_oldest_invoice_first: Mapped[bool] = mapped_column(server_default=text("false"))
    # Bank-transfer instructions given to tenants (collections follow-ups): the account holder
    # is ``name``; IBAN (+ BIC) where IBAN is used, else a domestic account number.
    iban: Mapped[str | None] = mapped_column(String(34))
    bic: Mapped[str | None] = mapped_column(String(11))
    account_number: Mapped[str | None] = mapped_column(String(60))
