"""Where replies to an agency's e-mails go.

Messages are sent from DOORSTEP_MAIL_FROM, a shared no-reply address; a tenant who answers one
("reply to this e-mail", when the agency lists no contact) must reach the agency instead. The
Reply-To is the agency's contact e-mail, else its longest-standing active owner's.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.agencies.settings import read_settings


async def agency_reply_address(session: AsyncSession, agency_id: uuid.UUID) -> str | None:
    """The agency's address for replies, or None when it has neither a contact e-mail nor an
    active owner."""
    raw_settings = await session.scalar(select(Agency.settings).where(Agency.id == agency_id))
    if raw_settings is not None:
        contact = read_settings(raw_settings).contact_email
        if contact:
            return contact
    owner_email: str | None = await session.scalar(
        select(StaffUser.email)
        .where(
            StaffUser.agency_id == agency_id,
            StaffUser.role == StaffRole.OWNER,
            StaffUser.is_active.is_(True),
        )
        .order_by(StaffUser.created_at, StaffUser.id)
        .limit(1)
    )
    return owner_email
