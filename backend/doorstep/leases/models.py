"""Leases: a unit let to one or more tenants on a rent schedule."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin
from doorstep.core.types import enum_column


class RentFrequency(StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"


class LeaseStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    ENDED = "ended"
    CANCELLED = "cancelled"


# ``Lease.next_rent_due_on`` when every period of the schedule is invoiced, and when it is not
# worked out yet (a new row, changed terms): asyncpg reads and writes PostgreSQL's 'infinity'
# and '-infinity' dates as ``date.max`` and ``date.min``. Not worked out sorts before every
# horizon, so the tick's one range of the index finds those leases with the due ones.
NO_MORE_RENT = date.max
RENT_NOT_WORKED_OUT = date.min


class Lease(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "leases"
    __table_args__ = (
        # A tenancy cancelled before it starts ends the day before: a term of no days.
        CheckConstraint(
            "end_date IS NULL OR end_date >= start_date"
            " OR (status = 'cancelled' AND end_date = start_date - 1)",
            name="end_after_start",
        ),
        CheckConstraint("rent_amount > 0", name="rent_positive"),
        CheckConstraint("due_day BETWEEN 1 AND 31", name="due_day_range"),
        # The rent tick's one read: active leases with rent due by a horizon (or not worked
        # out): one range of a plain column, whose statistics tell the planner how few are
        # due. Kept in step with the migration.
        Index(
            "ix_leases_rent_coming_due",
            "agency_id",
            "next_rent_due_on",
            postgresql_where=text("status = 'active'"),
        ),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id"), index=True)
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    rent_amount: Mapped[int] = mapped_column(BigInteger)
    rent_currency: Mapped[str] = mapped_column(String(3))
    frequency: Mapped[RentFrequency] = mapped_column(enum_column(RentFrequency, "rent_frequency"))
    due_day: Mapped[int] = mapped_column(SmallInteger)
    holding_over: Mapped[bool] = mapped_column(server_default=text("false"))
    status: Mapped[LeaseStatus] = mapped_column(
        enum_column(LeaseStatus, "lease_status"), server_default=LeaseStatus.DRAFT.value
    )
    # Rent falling due on or after this date is invoiced by Doorstep: the activation day, so
    # taking over a running tenancy does not bill its past. Earlier arrears are added by hand.
    billing_starts_on: Mapped[date | None]
    # Billing's bookmark: the due date of the next rent period not yet invoiced, so the
    # minute tick reads only the leases with rent coming due (docs/architecture.md).
    # ``RENT_NOT_WORKED_OUT`` ('-infinity', what any new row gets) until the next tick works it
    # out, and again whenever the terms change; ``NO_MORE_RENT`` ('infinity') once the schedule
    # has no period left to invoice. Only ``leases.service`` writes it: terms changes reset it,
    # billing records what it found.
    next_rent_due_on: Mapped[date] = mapped_column(
        default=RENT_NOT_WORKED_OUT, server_default=text("'-infinity'")
    )


class LeaseTenant(Base):
    """A tenant party to a lease (joint tenancies have several)."""

    __tablename__ = "lease_tenants"

    lease_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("leases.id", ondelete="CASCADE"), primary_key=True
    )
    tenant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class RentReview(IdMixin, CreatedAtMixin, Base):
    """A new rent from a date. Every review is kept (the lease's rent history); the rent of a
    period is the latest review in effect on its first day, else the lease's own rent."""

    __tablename__ = "rent_reviews"
    __table_args__ = (
        UniqueConstraint("lease_id", "effective_from"),
        CheckConstraint("rent_amount > 0", name="rent_positive"),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    lease_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("leases.id", ondelete="CASCADE"))
    effective_from: Mapped[date]
    rent_amount: Mapped[int] = mapped_column(BigInteger)
    reviewed_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_users.id"))
    reviewed_at: Mapped[datetime]
