"""Messages: tenants write to their agency about a lease and follow the replies; staff read
the agency's inbox, answer, start conversations with a tenant of a lease, close and reopen
them; both sides can download a conversation as a text file.

Who writes on the agency's side: owners, managers and accountants (tenants ask about money as
often as about the home). Viewers read the inbox but neither write nor mark a conversation
read: what they opened still waits for someone who can answer."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole
from doorstep.auth.dependencies import StaffDep, StaffPrincipal, TenantDep, require_role
from doorstep.core.deps import ClockDep, SessionDep
from doorstep.core.downloads import attachment
from doorstep.core.errors import problem_responses
from doorstep.core.idempotency import Idempotency, IdempotencyDep
from doorstep.core.pagination import Page, PageRequest, page_request
from doorstep.core.schemas import SearchText
from doorstep.messages import service as messages
from doorstep.messages.export import conversation_text
from doorstep.messages.models import Conversation, ConversationStatus
from doorstep.messages.schemas import (
    ConversationCreate,
    ConversationDetailOut,
    ConversationOut,
    LastMessageOut,
    MessageOut,
    PortalConversationCreate,
    PortalConversationDetailOut,
    PortalConversationOut,
    PortalMessageOut,
    ReplyIn,
    UnreadOut,
)

MESSAGE_WRITERS = frozenset({StaffRole.OWNER, StaffRole.MANAGER, StaffRole.ACCOUNTANT})
MessageWriterDep = Annotated[StaffPrincipal, Depends(require_role(*MESSAGE_WRITERS))]

staff_router = APIRouter(
    prefix="/conversations", tags=["messages"], responses=problem_responses(400, 401, 403, 404, 422)
)
portal_router = APIRouter(
    prefix="/portal/conversations", tags=["portal"], responses=problem_responses(400, 401, 404, 422)
)

_TEXT_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The conversation as a plain-text (UTF-8) file, oldest message first.",
        "content": {"text/plain": {"schema": {"type": "string"}}},
        "headers": {
            "Content-Disposition": {
                "description": "attachment, with a file name such as conversation-….txt",
                "schema": {"type": "string"},
            }
        },
    }
}


def _last(view: messages.ConversationView) -> LastMessageOut | None:
    last = view.last_message
    if last is None:
        return None
    return LastMessageOut(
        preview=last.preview, sent_at=last.sent_at, author="tenant" if last.from_tenant else "staff"
    )


def _portal_fields(view: messages.ConversationView) -> dict[str, object]:
    c = view.conversation
    return {
        "id": c.id,
        "lease_id": c.lease_id,
        "property_name": view.property_name,
        "unit_name": view.unit_name,
        "subject": c.subject,
        "status": c.status,
        "started_at": c.started_at,
        "last_message_at": c.last_message_at,
        "message_count": c.message_count,
        "unread": c.tenant_unread,
        "last_message": _last(view),
    }


def _staff_fields(view: messages.ConversationView) -> dict[str, object]:
    c = view.conversation
    return _portal_fields(view) | {
        "tenant_id": c.tenant_id,
        "tenant_name": view.tenant_name,
        "started_by": "staff" if c.started_by_staff_id else "tenant",
        "unread": c.agency_unread,
        "closed_at": c.closed_at,
    }


# What a write answers with: the conversation as the tenant or as staff see it.
DetailOut = TypeVar("DetailOut", PortalConversationDetailOut, ConversationDetailOut)


async def _written_once(
    idempotency: Idempotency,
    session: AsyncSession,
    scope: str,
    operation: str,
    body: BaseModel,
    work: Callable[[], Awaitable[DetailOut]],
) -> DetailOut | JSONResponse:
    """A message written by a tenant or by staff (a new conversation or a reply): once per
    ``Idempotency-Key``, a retry getting the first answer back (201 with the conversation)."""
    return await idempotency.run(
        session,
        scope=scope,
        operation=operation,
        payload=body.model_dump(mode="json"),
        work=work,
        status_code=201,
    )


async def _portal_detail(
    session: SessionDep, conversation: Conversation
) -> PortalConversationDetailOut:
    (view,) = await messages.conversation_views(session, [conversation])
    thread = await messages.conversation_messages(session, conversation)
    return PortalConversationDetailOut.model_validate(
        _portal_fields(view)
        | {
            "messages": [
                PortalMessageOut(
                    id=m.id,
                    author="tenant" if m.from_tenant else "staff",
                    author_name=m.author_name,
                    body=m.body,
                    sent_at=m.sent_at,
                    read_at=m.read_at,
                )
                for m in thread
            ]
        }
    )


async def _staff_detail(session: SessionDep, conversation: Conversation) -> ConversationDetailOut:
    (view,) = await messages.conversation_views(session, [conversation])
    thread = await messages.conversation_messages(session, conversation)
    return ConversationDetailOut.model_validate(
        _staff_fields(view)
        | {
            "messages": [
                MessageOut(
                    id=m.id,
                    author="tenant" if m.from_tenant else "staff",
                    author_name=m.author_name,
                    body=m.body,
                    sent_at=m.sent_at,
                    read_at=m.read_at,
                    read_by_name=m.read_by_name,
                )
                for m in thread
            ]
        }
    )


async def _export(
    session: SessionDep, agency: Agency, conversation: Conversation, clock: ClockDep
) -> Response:
    (view,) = await messages.conversation_views(session, [conversation])
    thread = await messages.conversation_messages(session, conversation)
    text = conversation_text(agency, view, thread, clock.now())
    return Response(
        text.encode(),
        media_type="text/plain; charset=utf-8",
        headers={
            "Content-Disposition": attachment(
                f"conversation-{conversation.started_at.date().isoformat()}-"
                f"{str(conversation.id)[-8:]}",
                extension="txt",
                default_stem="conversation",
            ),
            "Cache-Control": "private, no-store",
        },
    )


# --------------------------------------------------------------------- tenant


@portal_router.get("")
async def list_my_conversations(
    principal: TenantDep,
    session: SessionDep,
    q: Annotated[
        SearchText | None, Query(description="Words of the subject or of any message.")
    ] = None,
    page: PageRequest = Depends(page_request),
) -> Page[PortalConversationOut]:
    """Your conversations with the agency, latest activity first."""
    views, cursor = await messages.list_tenant_conversations(
        session, principal.tenant, page, search=q.strip() if q and q.strip() else None
    )
    return Page(
        items=[PortalConversationOut.model_validate(_portal_fields(v)) for v in views],
        next_cursor=cursor,
    )


@portal_router.get("/unread")
async def my_unread_messages(principal: TenantDep, session: SessionDep) -> UnreadOut:
    """How many of the agency's messages you have not read yet (the home screen's count)."""
    unread = await messages.tenant_unread(session, principal.tenant)
    return UnreadOut(messages=unread.messages, conversations=unread.conversations)


@portal_router.post("", status_code=201, response_model=PortalConversationDetailOut)
async def start_my_conversation(
    body: PortalConversationCreate,
    principal: TenantDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
) -> PortalConversationDetailOut | JSONResponse:
    """Write to the agency about one of your leases (implied when you have one). The agency
    is told by e-mail; its answers appear here."""

    async def work() -> PortalConversationDetailOut:
        conversation = await messages.start_by_tenant(
            session,
            principal.agency,
            principal.tenant,
            messages.NewConversation(body.lease_id, body.subject, body.body),
            clock.now(),
        )
        return await _portal_detail(session, conversation)

    return await _written_once(
        idempotency, session, principal.request_scope, "start_conversation", body, work
    )


@portal_router.get("/{conversation_id}")
async def get_my_conversation(
    conversation_id: uuid.UUID, principal: TenantDep, session: SessionDep, clock: ClockDep
) -> PortalConversationDetailOut:
    """One of your conversations, every message oldest first; the agency's messages are now
    read."""
    conversation = await messages.tenant_conversation(
        session, principal.tenant, conversation_id, for_update=True
    )
    await messages.mark_read_by_tenant(session, conversation, clock.now())
    return await _portal_detail(session, conversation)


@portal_router.post(
    "/{conversation_id}/messages",
    status_code=201,
    responses=problem_responses(409),
    response_model=PortalConversationDetailOut,
)
async def reply_to_my_conversation(
    conversation_id: uuid.UUID,
    body: ReplyIn,
    principal: TenantDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
) -> PortalConversationDetailOut | JSONResponse:
    """Answer in one of your open conversations."""

    async def work() -> PortalConversationDetailOut:
        conversation = await messages.reply_as_tenant(
            session, principal.tenant, conversation_id, body.body, clock.now()
        )
        await messages.mark_read_by_tenant(session, conversation, clock.now())
        return await _portal_detail(session, conversation)

    return await _written_once(
        idempotency,
        session,
        principal.request_scope,
        f"reply_conversation:{conversation_id}",
        body,
        work,
    )


@portal_router.get("/{conversation_id}/export", response_class=Response, responses=_TEXT_RESPONSE)
async def export_my_conversation(
    conversation_id: uuid.UUID, principal: TenantDep, session: SessionDep, clock: ClockDep
) -> Response:
    """The conversation as a text file, to keep or to show."""
    conversation = await messages.tenant_conversation(session, principal.tenant, conversation_id)
    return await _export(session, principal.agency, conversation, clock)


# --------------------------------------------------------------------- staff


@staff_router.get("")
async def list_conversations(
    principal: StaffDep,
    session: SessionDep,
    unread: Annotated[bool, Query(description="Only those with messages not read yet.")] = False,
    status: ConversationStatus | None = None,
    lease_id: uuid.UUID | None = None,
    tenant_id: uuid.UUID | None = None,
    q: Annotated[
        SearchText | None, Query(description="Words of the subject or of any message.")
    ] = None,
    page: PageRequest = Depends(page_request),
) -> Page[ConversationOut]:
    """The agency's inbox, latest activity first."""
    filters = messages.ConversationFilters(
        unread_only=unread,
        status=status,
        lease_id=lease_id,
        tenant_id=tenant_id,
        search=q.strip() if q and q.strip() else None,
    )
    views, cursor = await messages.list_conversations(session, principal.agency_id, filters, page)
    return Page(
        items=[ConversationOut.model_validate(_staff_fields(v)) for v in views],
        next_cursor=cursor,
    )


@staff_router.get("/unread")
async def unread_conversations(principal: StaffDep, session: SessionDep) -> UnreadOut:
    """The tenants' messages no one at the agency has opened yet (the navigation's count)."""
    unread = await messages.agency_unread(session, principal.agency_id)
    return UnreadOut(messages=unread.messages, conversations=unread.conversations)


@staff_router.post("", status_code=201, response_model=ConversationDetailOut)
async def start_conversation(
    body: ConversationCreate,
    principal: MessageWriterDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
) -> ConversationDetailOut | JSONResponse:
    """Write to a tenant of one of the agency's leases; they are e-mailed a link to it."""

    async def work() -> ConversationDetailOut:
        conversation = await messages.start_by_staff(
            session,
            principal.agency_id,
            principal.user,
            lease_id=body.lease_id,
            tenant_id=body.tenant_id,
            subject=body.subject,
            body=body.body,
            now=clock.now(),
        )
        return await _staff_detail(session, conversation)

    return await _written_once(
        idempotency, session, principal.request_scope, "start_conversation", body, work
    )


@staff_router.get("/{conversation_id}")
async def get_conversation(
    conversation_id: uuid.UUID, principal: StaffDep, session: SessionDep, clock: ClockDep
) -> ConversationDetailOut:
    """One conversation, every message oldest first. Opened by someone who can answer, the
    tenant's messages are read by the agency (who and when is recorded)."""
    writer = principal.user.role in MESSAGE_WRITERS
    conversation = await messages.get_conversation(
        session, principal.agency_id, conversation_id, for_update=writer
    )
    if writer:
        await messages.mark_read_by_agency(session, conversation, principal.user, clock.now())
    return await _staff_detail(session, conversation)


@staff_router.post(
    "/{conversation_id}/messages",
    status_code=201,
    responses=problem_responses(409),
    response_model=ConversationDetailOut,
)
async def reply_to_conversation(
    conversation_id: uuid.UUID,
    body: ReplyIn,
    principal: MessageWriterDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
) -> ConversationDetailOut | JSONResponse:
    """Answer the tenant; they are e-mailed a link to the conversation."""

    async def work() -> ConversationDetailOut:
        conversation = await messages.reply_as_staff(
            session, principal.agency_id, principal.user, conversation_id, body.body, clock.now()
        )
        return await _staff_detail(session, conversation)

    return await _written_once(
        idempotency,
        session,
        principal.request_scope,
        f"reply_conversation:{conversation_id}",
        body,
        work,
    )


@staff_router.post("/{conversation_id}/close")
async def close_conversation(
    conversation_id: uuid.UUID, principal: MessageWriterDep, session: SessionDep, clock: ClockDep
) -> ConversationDetailOut:
    """The matter is settled: no more replies until it is reopened. Nothing is removed."""
    conversation = await messages.set_closed(
        session, principal.agency_id, principal.user, conversation_id, closed=True, now=clock.now()
    )
    return await _staff_detail(session, conversation)


@staff_router.post("/{conversation_id}/reopen")
async def reopen_conversation(
    conversation_id: uuid.UUID, principal: MessageWriterDep, session: SessionDep, clock: ClockDep
) -> ConversationDetailOut:
    conversation = await messages.set_closed(
        session, principal.agency_id, principal.user, conversation_id, closed=False, now=clock.now()
    )
    return await _staff_detail(session, conversation)


@staff_router.get("/{conversation_id}/export", response_class=Response, responses=_TEXT_RESPONSE)
async def export_conversation(
    conversation_id: uuid.UUID, principal: StaffDep, session: SessionDep, clock: ClockDep
) -> Response:
    """The conversation as a text file, e.g. to attach to a letter or a file in a dispute."""
    conversation = await messages.get_conversation(session, principal.agency_id, conversation_id)
    return await _export(session, principal.agency, conversation, clock)
