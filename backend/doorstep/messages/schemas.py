from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from doorstep.core.schemas import RequestModel, ResponseModel
from doorstep.messages.models import MAX_BODY, MAX_SUBJECT, ConversationStatus

_NO_CONTROL_CHARS = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
_ONE_LINE = r"^[^\x00-\x1f\x7f]*$"
# Plain text: line breaks and tabs kept, other control characters refused; something besides
# blanks (a message of spaces says nothing).
Body = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=MAX_BODY, pattern=_NO_CONTROL_CHARS
    ),
]
Subject = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=MAX_SUBJECT, pattern=_ONE_LINE
    ),
]


class PortalConversationCreate(RequestModel):
    lease_id: uuid.UUID | None = Field(
        default=None, description="The lease it is about; needed when you have several."
    )
    subject: Subject = Field(description="In a few words, e.g. “Question about the deposit”.")
    body: Body = Field(description=f"The message, plain text, at most {MAX_BODY} characters.")


class ConversationCreate(RequestModel):
    lease_id: uuid.UUID
    tenant_id: uuid.UUID = Field(description="A tenant of this lease.")
    subject: Subject
    body: Body = Field(description=f"The message, plain text, at most {MAX_BODY} characters.")


class ReplyIn(RequestModel):
    body: Body = Field(description=f"The message, plain text, at most {MAX_BODY} characters.")


class LastMessageOut(ResponseModel):
    preview: str = Field(description="The start of the message, on one line.")
    sent_at: datetime
    author: Literal["tenant", "staff"]


class PortalConversationOut(ResponseModel):
    id: uuid.UUID
    lease_id: uuid.UUID
    property_name: str
    unit_name: str
    subject: str
    status: ConversationStatus
    started_at: datetime
    last_message_at: datetime
    message_count: int
    unread: int = Field(description="The agency's messages you have not read yet.")
    last_message: LastMessageOut | None


class PortalMessageOut(ResponseModel):
    id: uuid.UUID
    author: Literal["tenant", "staff"]
    author_name: str
    body: str
    sent_at: datetime
    read_at: datetime | None = Field(
        description="When the other side first read it (the agency, for your messages)."
    )


class PortalConversationDetailOut(PortalConversationOut):
    messages: list[PortalMessageOut] = Field(description="Oldest first.")


class ConversationOut(ResponseModel):
    id: uuid.UUID
    lease_id: uuid.UUID
    tenant_id: uuid.UUID
    tenant_name: str
    property_name: str
    unit_name: str
    subject: str
    status: ConversationStatus
    started_by: Literal["tenant", "staff"]
    started_at: datetime
    last_message_at: datetime
    message_count: int
    unread: int = Field(description="The tenant's messages no staff member has opened yet.")
    closed_at: datetime | None
    last_message: LastMessageOut | None


class MessageOut(PortalMessageOut):
    read_by_name: str | None = Field(description="Who at the agency first read it.")


class ConversationDetailOut(ConversationOut):
    messages: list[MessageOut] = Field(description="Oldest first.")


class UnreadOut(ResponseModel):
    messages: int = Field(description="Messages not read yet.")
    conversations: int = Field(description="Conversations with messages not read yet.")
