"""Readiness overrides: an invite or a payment link (made, or e-mailed) sent although the
review found blocking items, with who decided it, when, why, and what was blocking (seed 000:
document the outcome so the rest of the team can see it)."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, CreatedAtMixin, IdMixin
from doorstep.core.types import enum_column


class ReadinessAction(StrEnum):
    """What was sent despite the review."""

    INVITE = "invite"
    INVITE_RESEND = "invite_resend"
    PAYMENT_LINK = "payment_link"
    PAYMENT_LINK_EMAIL = "payment_link_email"


class ReadinessOverride(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "readiness_overrides"
    __table_args__ = (
        Index("ix_readiness_overrides_agency_id_overridden_at", "agency_id", "overridden_at"),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    action: Mapped[ReadinessAction] = mapped_column(
        enum_column(ReadinessAction, "readiness_action")
    )
    # The invite or the payment link that was sent (rows of onboarding and payments).
    subject_id: Mapped[uuid.UUID]
    tenant_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("tenants.id", ondelete="SET NULL"), index=True
    )
    lease_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("leases.id"), index=True)
    reason: Mapped[str] = mapped_column(String(1000))
    # The blocking items as they were at that moment: [{"key": ..., "message": ...}].
    blocking: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    overridden_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_users.id"))
    overridden_at: Mapped[datetime]
