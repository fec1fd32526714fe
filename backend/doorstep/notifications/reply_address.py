"""Where replies to an agency's e-mails go.

Messages are sent from DOORSTEP_MAIL_FROM, a shared no-reply address; a tenant who answers one
("reply to this e-mail", when the agency lists no contact) must reach the agency instead. The
Reply-To is the agency's contact e-mail, else its longest-standing active owner's.
"""

from __future__ import annotations

import uuid

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser

# One statement, built once: every queued e-mail asks (a payment's receipt among them). An
# empty contact counts as none, as the settings model reads it.
_FIRST_OWNER = (
    select(StaffUser.email)
    .where(
        StaffUser.agency_id == Agency.id,
        StaffUser.role == StaffRole.OWNER,
        StaffUser.is_active.is_(True),
    )
    .order_by(StaffUser.created_at, StaffUser.id)
    .limit(1)
    .scalar_subquery()
)
_REPLY_ADDRESS = select(
    func.coalesce(func.nullif(Agency.settings.op("->>")("contact_email"), ""), _FIRST_OWNER)
).where(Agency.id == bindparam("agency_id"))
# The same, as a value a statement writes: the outbox puts it in the message's row as it
# inserts it, rather than asking first.
REPLY_ADDRESS_OF_AGENCY_ID = _REPLY_ADDRESS.scalar_subquery()


async def agency_reply_address(session: AsyncSession, agency_id: uuid.UUID) -> str | None:
    """The agency's address for replies, or None when it has neither a contact e-mail nor an
    active owner."""
    address: str | None = await session.scalar(_REPLY_ADDRESS, {"agency_id": agency_id})
    return address
