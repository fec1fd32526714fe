"""Tenants (the agency's customers) and their portal credentials."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, func, text
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin
from doorstep.core.languages import LANGUAGES


class Tenant(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "tenants"
    __table_args__ = (
        Index("uq_tenants_agency_id_email", "agency_id", func.lower(text("email")), unique=True),
        CheckConstraint(
            "(deleted_at IS NULL) = (deleted_by_id IS NULL)", name="deleted_has_author"
        ),
        CheckConstraint(
            "language IN (" + ", ".join(f"'{code}'" for code in LANGUAGES) + ")",
            name="language_known",
        ),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(200))
    last_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(20))
    # The language the tenant reads their e-mails and documents in (core.languages), chosen by
    # them in the portal or by staff; None: the agency's. Always read through
    # core.languages.tenant_locale.
    language: Mapped[str | None] = mapped_column(String(8))
    # Set when the tenant has a portal account (invite accepted, or created by staff tooling).
    password_hash: Mapped[str | None] = mapped_column(String(200))
    last_login_at: Mapped[datetime | None]
    # A deleted customer (seed 001) stays as an anonymised tombstone while the agency's
    # financial records point at it: who deleted it and when is the audit record.
    deleted_at: Mapped[datetime | None]
    deleted_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id"))
    # Set while staff have turned the tenant's portal access off (the account stays; sign-in is
    # refused until they turn it on again). Who did it and when is in the audit log.
    portal_disabled_at: Mapped[datetime | None]
