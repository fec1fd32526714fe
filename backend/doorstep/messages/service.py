"""Messages between tenants and their letting agency (seed 002: "direct communication with the
manager"; "all communications between tenant and manager are archived in the portal, creating
a searchable history that prevents misunderstandings and protects both parties in case of
disputes"; the home dashboard shows "unread messages").

A conversation is about one lease and is between one tenant of that lease and the agency.
Messages are only ever added: no one edits or deletes them, so the thread is the record both
sides can rely on. Staff may close a conversation (no more replies) and reopen it.

Read state: each conversation counts the messages the other side has not opened yet
(``tenant_unread``, ``agency_unread``); opening the conversation sets the count back to zero and
stamps the messages with when (and, for the agency, by whom) they were first read.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, exists, func, or_, select, update
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.core.erasure import Needles, scrubbed
from doorstep.core.errors import Conflict, InvalidInput, NotFound
from doorstep.core.pagination import PageRequest, like_pattern, paginate
from doorstep.core.scoping import get_in_agency
from doorstep.leases.models import Lease, LeaseStatus, LeaseTenant
from doorstep.messages.models import Conversation, ConversationStatus, Message
from doorstep.notifications.push import queue_email_and_push
from doorstep.notifications.service import queue_composed
from doorstep.properties.models import Property, Unit
from doorstep.tenants.models import Tenant

# The outbox kinds; ``messages.emails`` writes them.
TENANT_EMAIL = "message_to_tenant"
STAFF_EMAIL = "message_to_staff"
# Who is e-mailed of a tenant's message: the staff who run the book (as for a new incident).
NOTIFIED_ROLES = (StaffRole.OWNER, StaffRole.MANAGER)
# Leases a tenant may write about: the running one and those that ended (the deposit, the
# last statement); not a draft nor one cancelled before it began.
DISCUSSABLE = (LeaseStatus.ACTIVE, LeaseStatus.ENDED)
PREVIEW_LENGTH = 140


class ConversationClosed(Conflict):
    slug = "conversation-closed"
    title = "This conversation is closed"


# ----------------------------------------------------------------------------- lookups


async def get_conversation(
    session: AsyncSession,
    agency_id: uuid.UUID,
    conversation_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> Conversation:
    return await get_in_agency(
        session,
        Conversation,
        conversation_id,
        agency_id,
        missing="No such conversation.",
        for_update=for_update,
    )


async def tenant_conversation(
    session: AsyncSession,
    tenant: Tenant,
    conversation_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> Conversation:
    """A conversation of this tenant's own (another tenant's, even on the same lease, is a
    404)."""
    statement = select(Conversation).where(
        Conversation.id == conversation_id,
        Conversation.agency_id == tenant.agency_id,
        Conversation.tenant_id == tenant.id,
    )
    if for_update:
        statement = statement.with_for_update()
    conversation = await session.scalar(statement)
    if conversation is None:
        raise NotFound("No such conversation.")
    return conversation


async def tenant_leases(session: AsyncSession, tenant: Tenant) -> list[Lease]:
    """The leases the tenant may write about, oldest first."""
    return list(
        await session.scalars(
            select(Lease)
            .join(LeaseTenant, LeaseTenant.lease_id == Lease.id)
            .where(
                Lease.agency_id == tenant.agency_id,
                LeaseTenant.tenant_id == tenant.id,
                Lease.status.in_(DISCUSSABLE),
            )
            .order_by(Lease.start_date, Lease.id)
        )
    )


# ----------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class NewConversation:
    lease_id: uuid.UUID | None
    subject: str
    body: str


def _conversation(
    agency_id: uuid.UUID,
    lease_id: uuid.UUID,
    tenant_id: uuid.UUID,
    subject: str,
    now: datetime,
    staff: StaffUser | None,
) -> Conversation:
    return Conversation(
        agency_id=agency_id,
        lease_id=lease_id,
        tenant_id=tenant_id,
        subject=subject,
        status=ConversationStatus.OPEN,
        started_by_staff_id=staff.id if staff else None,
        started_at=now,
        last_message_at=now,
        message_count=0,
        tenant_unread=0,
        agency_unread=0,
    )


async def start_by_tenant(
    session: AsyncSession, agency: Agency, tenant: Tenant, new: NewConversation, now: datetime
) -> Conversation:
    """A tenant writes to the agency about one of their leases (the only one when they have
    one, else the one they pick). The owners and managers are e-mailed."""
    leases = await tenant_leases(session, tenant)
    if new.lease_id is None:
        if len(leases) != 1:
            raise InvalidInput(
                "lease_id",
                "Choose the lease this is about."
                if leases
                else "You have no lease to write about.",
            )
        lease = leases[0]
    else:
        found = [lease for lease in leases if lease.id == new.lease_id]
        if not found:
            raise InvalidInput("lease_id", "This is not one of your leases.")
        lease = found[0]
    conversation = _conversation(agency.id, lease.id, tenant.id, new.subject, now, None)
    session.add(conversation)
    await session.flush()
    await _add_message(session, conversation, new.body, now, tenant=tenant)
    return conversation


async def start_by_staff(
    session: AsyncSession,
    agency_id: uuid.UUID,
    staff: StaffUser,
    *,
    lease_id: uuid.UUID,
    tenant_id: uuid.UUID,
    subject: str,
    body: str,
    now: datetime,
) -> Conversation:
    """Staff write to a tenant of one of the agency's leases; the tenant is e-mailed."""
    lease = await session.scalar(
        select(Lease).where(Lease.id == lease_id, Lease.agency_id == agency_id)
    )
    if lease is None:
        raise InvalidInput("lease_id", "No such lease.")
    party = await session.scalar(
        select(LeaseTenant.tenant_id).where(
            LeaseTenant.lease_id == lease.id, LeaseTenant.tenant_id == tenant_id
        )
    )
    if party is None:
        raise InvalidInput("tenant_id", "This tenant is not on this lease.")
    tenant = await session.get_one(Tenant, tenant_id)
    if tenant.deleted_at is not None:
        raise InvalidInput("tenant_id", "This customer was deleted.")
    conversation = _conversation(agency_id, lease.id, tenant_id, subject, now, staff)
    session.add(conversation)
    await session.flush()
    await _add_message(session, conversation, body, now, staff=staff)
    return conversation


async def reply_as_tenant(
    session: AsyncSession, tenant: Tenant, conversation_id: uuid.UUID, body: str, now: datetime
) -> Conversation:
    """The tenant answers in one of their open conversations; the conversation stays open."""
    conversation = await tenant_conversation(session, tenant, conversation_id, for_update=True)
    _refuse_closed(conversation)
    await _add_message(session, conversation, body, now, tenant=tenant)
    return conversation


async def reply_as_staff(
    session: AsyncSession,
    agency_id: uuid.UUID,
    staff: StaffUser,
    conversation_id: uuid.UUID,
    body: str,
    now: datetime,
) -> Conversation:
    """A staff member answers; writing in the conversation is also reading it."""
    conversation = await get_conversation(session, agency_id, conversation_id, for_update=True)
    _refuse_closed(conversation)
    await mark_read_by_agency(session, conversation, staff, now)
    await _add_message(session, conversation, body, now, staff=staff)
    return conversation


def _refuse_closed(conversation: Conversation) -> None:
    if conversation.status is ConversationStatus.CLOSED:
        raise ConversationClosed(
            "This conversation was closed by the agency. Start a new one, or ask the agency "
            "to reopen it."
        )


async def _add_message(
    session: AsyncSession,
    conversation: Conversation,
    body: str,
    now: datetime,
    *,
    tenant: Tenant | None = None,
    staff: StaffUser | None = None,
) -> Message:
    """Add a message and count it unread for the other side. The other side is e-mailed when
    this message is the first they have not read: a burst of messages sends one e-mail, and
    the next goes once they have opened the conversation."""
    message = Message(
        conversation_id=conversation.id,
        author_tenant_id=tenant.id if tenant else None,
        author_staff_id=staff.id if staff else None,
        body=body,
        sent_at=now,
    )
    session.add(message)
    conversation.last_message_at = max(conversation.last_message_at, now)
    conversation.message_count += 1
    if tenant is not None:
        first_unread = conversation.agency_unread == 0
        conversation.agency_unread += 1
    else:
        first_unread = conversation.tenant_unread == 0
        conversation.tenant_unread += 1
    await session.flush()
    if not first_unread:
        return message
    if tenant is not None:
        staff_ids = await session.scalars(
            select(StaffUser.id).where(
                StaffUser.agency_id == conversation.agency_id,
                StaffUser.is_active,
                StaffUser.role.in_(NOTIFIED_ROLES),
            )
        )
        for staff_id in staff_ids:
            await queue_composed(
                session,
                kind=STAFF_EMAIL,
                ref=f"{message.id}:{staff_id}",
                agency_id=conversation.agency_id,
                dedupe_key=f"{STAFF_EMAIL}:{message.id}:{staff_id}",
                now=now,
            )
    else:
        # Seed 002: by e-mail, and a push notification to each of their devices with push on.
        await queue_email_and_push(
            session,
            kind=TENANT_EMAIL,
            ref=str(message.id),
            agency_id=conversation.agency_id,
            tenant_id=conversation.tenant_id,
            dedupe_key=f"{TENANT_EMAIL}:{message.id}",
            now=now,
        )
    return message


async def mark_read_by_tenant(
    session: AsyncSession, conversation: Conversation, now: datetime
) -> None:
    """The tenant opened the conversation: the agency's messages are read, and when."""
    if conversation.tenant_unread == 0:
        return
    await session.execute(
        update(Message)
        .where(
            Message.conversation_id == conversation.id,
            Message.author_staff_id.is_not(None),
            Message.read_at.is_(None),
        )
        .values(read_at=now)
    )
    conversation.tenant_unread = 0
    await session.flush()


async def mark_read_by_agency(
    session: AsyncSession, conversation: Conversation, staff: StaffUser, now: datetime
) -> None:
    """A staff member opened the conversation: the tenant's messages are read by the agency,
    recorded with who opened them and when."""
    if conversation.agency_unread == 0:
        return
    await session.execute(
        update(Message)
        .where(
            Message.conversation_id == conversation.id,
            Message.author_tenant_id.is_not(None),
            Message.read_at.is_(None),
        )
        .values(read_at=now, read_by_staff_id=staff.id)
    )
    conversation.agency_unread = 0
    await session.flush()


async def set_closed(
    session: AsyncSession,
    agency_id: uuid.UUID,
    staff: StaffUser,
    conversation_id: uuid.UUID,
    *,
    closed: bool,
    now: datetime,
) -> Conversation:
    """Staff close a conversation that is settled (no more replies from either side) or reopen
    it; closing twice or reopening an open one changes nothing."""
    conversation = await get_conversation(session, agency_id, conversation_id, for_update=True)
    if closed and conversation.status is ConversationStatus.OPEN:
        conversation.status = ConversationStatus.CLOSED
        conversation.closed_at = now
        conversation.closed_by_id = staff.id
    elif not closed and conversation.status is ConversationStatus.CLOSED:
        conversation.status = ConversationStatus.OPEN
        conversation.closed_at = None
        conversation.closed_by_id = None
    await session.flush()
    return conversation


# ----------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Unread:
    messages: int
    conversations: int


async def tenant_unread(session: AsyncSession, tenant: Tenant) -> Unread:
    """The agency's messages the tenant has not read yet, in one indexed read."""
    messages, conversations = (
        await session.execute(
            select(
                func.coalesce(func.sum(Conversation.tenant_unread), 0),
                func.count().filter(Conversation.tenant_unread > 0),
            ).where(Conversation.agency_id == tenant.agency_id, Conversation.tenant_id == tenant.id)
        )
    ).one()
    return Unread(int(messages), int(conversations))


async def agency_unread(session: AsyncSession, agency_id: uuid.UUID) -> Unread:
    """The tenants' messages no staff member has opened yet (the partial index holds only the
    conversations that have some)."""
    messages, conversations = (
        await session.execute(
            select(func.coalesce(func.sum(Conversation.agency_unread), 0), func.count()).where(
                Conversation.agency_id == agency_id, Conversation.agency_unread > 0
            )
        )
    ).one()
    return Unread(int(messages), int(conversations))


@dataclass(frozen=True)
class LastMessage:
    preview: str
    sent_at: datetime
    from_tenant: bool


@dataclass(frozen=True)
class ConversationView:
    conversation: Conversation
    tenant_name: str
    property_name: str
    unit_name: str
    last_message: LastMessage | None


@dataclass(frozen=True)
class ConversationFilters:
    unread_only: bool = False
    status: ConversationStatus | None = None
    lease_id: uuid.UUID | None = None
    tenant_id: uuid.UUID | None = None
    search: str | None = None


_ORDER = (Conversation.last_message_at, Conversation.id)


async def list_conversations(
    session: AsyncSession,
    agency_id: uuid.UUID,
    filters: ConversationFilters,
    page: PageRequest,
) -> tuple[list[ConversationView], str | None]:
    """The agency's inbox, latest activity first; the search matches the subject or any
    message's text (case-insensitive, anywhere in a word)."""
    statement = select(Conversation).where(Conversation.agency_id == agency_id)
    if filters.unread_only:
        statement = statement.where(Conversation.agency_unread > 0)
    if filters.status is not None:
        statement = statement.where(Conversation.status == filters.status)
    if filters.lease_id is not None:
        statement = statement.where(Conversation.lease_id == filters.lease_id)
    if filters.tenant_id is not None:
        statement = statement.where(Conversation.tenant_id == filters.tenant_id)
    if filters.search:
        statement = statement.where(_mentions(filters.search))
    found, cursor = await paginate(session, statement, _ORDER, page, descending=True)
    return await conversation_views(session, found), cursor


def _mentions(search: str) -> ColumnElement[bool]:
    """The conversation's subject or any of its messages contains ``search`` (case-insensitive,
    anywhere in a word)."""
    pattern = like_pattern(search)
    return or_(
        Conversation.subject.ilike(pattern),
        exists().where(Message.conversation_id == Conversation.id, Message.body.ilike(pattern)),
    )


async def list_tenant_conversations(
    session: AsyncSession, tenant: Tenant, page: PageRequest, search: str | None = None
) -> tuple[list[ConversationView], str | None]:
    """The tenant's own conversations, latest activity first; the search as the inbox's (seed
    002, a searchable history), over their conversations only."""
    statement = select(Conversation).where(
        Conversation.agency_id == tenant.agency_id, Conversation.tenant_id == tenant.id
    )
    if search:
        statement = statement.where(_mentions(search))
    found, cursor = await paginate(session, statement, _ORDER, page, descending=True)
    return await conversation_views(session, found), cursor


async def conversation_views(
    session: AsyncSession, found: Sequence[Conversation]
) -> list[ConversationView]:
    """Conversations with the names their lists show and their last message, in three
    queries for any count."""
    if not found:
        return []
    tenants = {
        tenant_id: f"{first} {last}"
        for tenant_id, first, last in await session.execute(
            select(Tenant.id, Tenant.first_name, Tenant.last_name).where(
                Tenant.id.in_({c.tenant_id for c in found})
            )
        )
    }
    places = {
        lease_id: (property_name, unit_name)
        for lease_id, property_name, unit_name in await session.execute(
            select(Lease.id, Property.name, Unit.name)
            .join(Unit, Unit.id == Lease.unit_id)
            .join(Property, Property.id == Unit.property_id)
            .where(Lease.id.in_({c.lease_id for c in found}))
        )
    }
    last: dict[uuid.UUID, LastMessage] = {}
    for conversation_id, body, sent_at, tenant_author in await session.execute(
        select(Message.conversation_id, Message.body, Message.sent_at, Message.author_tenant_id)
        .where(Message.conversation_id.in_([c.id for c in found]))
        .ext(distinct_on(Message.conversation_id))
        .order_by(Message.conversation_id, Message.sent_at.desc(), Message.id.desc())
    ):
        preview = " ".join(body.split())
        if len(preview) > PREVIEW_LENGTH:
            preview = preview[: PREVIEW_LENGTH - 1].rstrip() + "…"
        last[conversation_id] = LastMessage(preview, sent_at, tenant_author is not None)
    return [
        ConversationView(
            conversation=c,
            tenant_name=tenants[c.tenant_id],
            property_name=places[c.lease_id][0],
            unit_name=places[c.lease_id][1],
            last_message=last.get(c.id),
        )
        for c in found
    ]


@dataclass(frozen=True)
class MessageView:
    id: uuid.UUID
    body: str
    sent_at: datetime
    from_tenant: bool
    author_name: str
    read_at: datetime | None
    read_by_name: str | None


async def conversation_messages(
    session: AsyncSession, conversation: Conversation
) -> list[MessageView]:
    """The whole thread, oldest first, with who wrote each message and when it was read."""
    reader = StaffUser.__table__.alias("reader")
    author = StaffUser.__table__.alias("author")
    rows = await session.execute(
        select(
            Message,
            author.c.first_name,
            author.c.last_name,
            Tenant.first_name,
            Tenant.last_name,
            reader.c.first_name,
            reader.c.last_name,
        )
        .outerjoin(author, author.c.id == Message.author_staff_id)
        .outerjoin(Tenant, Tenant.id == Message.author_tenant_id)
        .outerjoin(reader, reader.c.id == Message.read_by_staff_id)
        .where(Message.conversation_id == conversation.id)
        .order_by(Message.sent_at, Message.id)
    )
    return [
        MessageView(
            id=message.id,
            body=message.body,
            sent_at=message.sent_at,
            from_tenant=message.author_tenant_id is not None,
            author_name=f"{tenant_first} {tenant_last}"
            if message.author_tenant_id
            else f"{staff_first} {staff_last}",
            read_at=message.read_at,
            read_by_name=f"{reader_first} {reader_last}" if message.read_by_staff_id else None,
        )
        for (
            message,
            staff_first,
            staff_last,
            tenant_first,
            tenant_last,
            reader_first,
            reader_last,
        ) in rows
    ]


# ----------------------------------------------------------------------------- erasure


async def forget_tenant_conversations(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID, needles: Needles
) -> int:
    """Deleting a customer (seed 001): the conversations stay with the lease they are about —
    they are the agency's record of what was said — but, like the other free text the agency
    keeps (follow-ups, payment references), every mention of the person (names, e-mail,
    phone) is rewritten out of their subjects and messages. Their messages keep pointing at
    the tenant row, which becomes the anonymised tombstone."""
    conversation_ids = select(Conversation.id).where(
        Conversation.agency_id == agency_id, Conversation.tenant_id == tenant_id
    )
    await session.execute(
        update(Conversation)
        .where(Conversation.agency_id == agency_id, Conversation.tenant_id == tenant_id)
        .values(subject=scrubbed(Conversation.subject, needles))
        .execution_options(synchronize_session=False)
    )
    result = await session.execute(
        update(Message)
        .where(Message.conversation_id.in_(conversation_ids))
        .values(body=scrubbed(Message.body, needles))
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
