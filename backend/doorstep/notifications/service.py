"""The outbox: queue e-mail in the business transaction, deliver it after commit.

``queue_email`` writes the message in the caller's transaction (so it exists exactly when the
change it reports was committed) and asks for a delivery job after the commit, which sends it
within seconds. A failed attempt asks for a delivery run at the moment its retry falls due, so
after an outage mail goes out as soon as it is due and the server answers, not at the next
tick. The tick delivers whatever is still due (Redis was down, the job was lost), so mail is
late at worst, never lost. Both paths claim the
message row with ``FOR UPDATE SKIP LOCKED`` and commit each message on its own, so two
deliverers never send one message twice, and a crash repeats at most the message in flight.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from typing import Protocol

import structlog
from sqlalchemy import ColumnElement, and_, bindparam, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.core.db import Database, table_of
from doorstep.core.erasure import Needles, mentions, scrubbed
from doorstep.core.ids import new_id
from doorstep.core.jobs import enqueue_after_commit
from doorstep.notifications.models import OutboxAttachment, OutboxMessage, OutboxStatus
from doorstep.notifications.reply_address import (
    REPLY_ADDRESS_OF_AGENCY_ID,
    agency_reply_address,
)
from doorstep.notifications.smtp import (
    MailConnection,
    Mailer,
    PermanentRefusal,
    SmtpConnectionError,
    TransientRefusal,
)

log = structlog.get_logger(__name__)

DELIVER_JOB = "deliver_email"
DELIVER_DUE_JOB = "deliver_due_email"
# A tick sends at most this many messages (the next tick goes on); bounds a tick's duration.
DELIVERY_BATCH = 200
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=6)


@dataclass(frozen=True)
class Attachment:
    """A file to send: its bytes, or the name of a registered renderer and what to render
    (made at the first delivery attempt, outside the caller's transaction)."""

    filename: str
    content_type: str  # e.g. "application/pdf"
    content: bytes | None = None
    renderer: str | None = None
    renderer_ref: str | None = None

    def __post_init__(self) -> None:
        if (self.content is None) == (self.renderer is None or self.renderer_ref is None):
            raise ValueError("an attachment has either content or a renderer and a reference")


# Makes an attachment's bytes at delivery: (session, reference, now) -> bytes.
Renderer = Callable[[AsyncSession, str, datetime], Awaitable[bytes]]
_RENDERERS: dict[str, Renderer] = {}


def register_renderer(name: str, renderer: Renderer) -> None:
    """Modules that attach generated documents register how to make them (at import)."""
    _RENDERERS[name] = renderer


class AttachmentNotRendered(Exception):
    """A renderer failed: the delivery is retried like any other failed attempt."""


def delivery_job_id(message_id: uuid.UUID) -> str:
    """The arq job id of a message's delivery: deterministic, so it is enqueued once."""
    return f"deliver-email:{message_id}"


def retry_job_id(due_at: datetime) -> str:
    """The arq job id of the delivery run at an instant a retry falls due: messages due at
    the same moment share one run."""
    return f"deliver-due-email:{due_at.isoformat()}"


def _check_header(name: str, value: str) -> None:
    if "\r" in value or "\n" in value:
        raise ValueError(f"{name} must be a single line")


_MESSAGE_COLUMNS = (
    "id",
    "agency_id",
    "kind",
    "dedupe_key",
    "from_name",
    "reply_to",
    "to_address",
    "subject",
    "text_body",
    "html_body",
)
_ATTACHMENT_COLUMNS = (
    "id",
    "message_id",
    "position",
    "filename",
    "content_type",
    "content",
    "renderer",
    "renderer_ref",
)
_messages = table_of(OutboxMessage)
# The Reply-To is worked out by the insert itself (bound ``agency_id``), one round trip fewer.
_INSERT_MESSAGE = (
    insert(_messages)
    .values(
        {
            **{column: bindparam(column) for column in _MESSAGE_COLUMNS if column != "reply_to"},
            "reply_to": REPLY_ADDRESS_OF_AGENCY_ID,
        }
    )
    .on_conflict_do_nothing(index_elements=[_messages.c.dedupe_key])
    .returning(_messages.c.created_at, _messages.c.reply_to)
)
_INSERT_ATTACHMENT = insert(table_of(OutboxAttachment)).values(
    {column: bindparam(column) for column in _ATTACHMENT_COLUMNS}
)


async def queue_email(
    session: AsyncSession,
    *,
    agency_id: uuid.UUID,
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    attachments: Sequence[Attachment] = (),
    dedupe_key: str | None = None,
    kind: str,
    from_name: str | None = None,
) -> OutboxMessage:
    """Queue one e-mail in the caller's transaction and ask for its delivery after commit.

    With a ``dedupe_key`` already used, nothing is queued and the first message is returned:
    retried business operations (a replayed webhook, a re-run job) do not mail twice.
    ``from_name`` is the sender's display name (e.g. the agency); the address is
    DOORSTEP_MAIL_FROM's, and replies go to the agency (:func:`agency_reply_address`).
    """
    for name, value in (("to", to), ("subject", subject), ("from_name", from_name or "")):
        _check_header(name, value)
    for attachment in attachments:
        _check_header("attachment filename", attachment.filename)
    # Core statements built once (every payment's receipt queues one message): the object is
    # the caller's to read, made here rather than loaded back from the row.
    message = OutboxMessage(
        id=new_id(),
        agency_id=agency_id,
        kind=kind,
        dedupe_key=dedupe_key,
        from_name=from_name[:200] if from_name else None,
        to_address=to,
        subject=subject[:500],
        text_body=text,
        html_body=html,
        status=OutboxStatus.QUEUED,
        attempts=0,
    )
    await session.flush()  # what the message refers to may still be only in the session
    inserted = (
        await session.execute(
            _INSERT_MESSAGE,
            {
                column: getattr(message, column)
                for column in _MESSAGE_COLUMNS
                if column != "reply_to"
            },
        )
    ).one_or_none()
    if inserted is None:  # the dedupe key was used: that message stands
        existing = await session.scalar(
            select(OutboxMessage).where(OutboxMessage.dedupe_key == dedupe_key)
        )
        assert existing is not None
        return existing
    message.created_at, message.reply_to = inserted
    if attachments:
        await session.execute(
            _INSERT_ATTACHMENT,
            [
                {
                    "id": new_id(),
                    "message_id": message.id,
                    "position": position,
                    "filename": attachment.filename,
                    "content_type": attachment.content_type,
                    "content": attachment.content,
                    "renderer": attachment.renderer,
                    "renderer_ref": attachment.renderer_ref,
                }
                for position, attachment in enumerate(attachments)
            ],
        )
    enqueue_after_commit(
        session, DELIVER_JOB, job_id=delivery_job_id(message.id), message_id=str(message.id)
    )
    return message


@dataclass(frozen=True)
class QueuedEmail:
    """One message of a batch for :func:`queue_emails` (no attachments: a batch is reminders,
    notices and the like)."""

    to: str
    subject: str
    text: str
    html: str | None
    dedupe_key: str
    kind: str
    from_name: str | None = None


async def queue_emails(
    session: AsyncSession, agency_id: uuid.UUID, emails: Sequence[QueuedEmail]
) -> int:
    """Queue many e-mails of one agency in the caller's transaction, as ``queue_email`` does
    one: a used ``dedupe_key`` queues nothing, and each message queued gets its delivery job
    after commit. The rows go in a few multi-row statements rather than one each. Returns how
    many were queued."""
    if not emails:
        return 0
    reply_to = await agency_reply_address(session, agency_id)
    rows = []
    for email in emails:
        for name, value in (
            ("to", email.to),
            ("subject", email.subject),
            ("from_name", email.from_name or ""),
        ):
            _check_header(name, value)
        rows.append(
            {
                "id": new_id(),
                "agency_id": agency_id,
                "kind": email.kind,
                "dedupe_key": email.dedupe_key,
                "from_name": email.from_name[:200] if email.from_name else None,
                "reply_to": reply_to,
                "to_address": email.to,
                "subject": email.subject[:500],
                "text_body": email.text,
                "html_body": email.html,
            }
        )
    queued = (
        await session.execute(
            insert(OutboxMessage)
            .on_conflict_do_nothing(index_elements=[OutboxMessage.dedupe_key])
            .returning(OutboxMessage.id),
            rows,
        )
    ).scalars()
    count = 0
    for message_id in queued:
        enqueue_after_commit(
            session, DELIVER_JOB, job_id=delivery_job_id(message_id), message_id=str(message_id)
        )
        count += 1
    return count


@dataclass(frozen=True)
class ComposedEmail:
    """A message as its composer wrote it: recipient, words and files."""

    to: str
    subject: str
    text: str
    html: str | None = None
    attachments: Sequence[Attachment] = ()
    from_name: str | None = None


# Writes the message about a business record: (session, reference, now) -> the message.
Composer = Callable[[AsyncSession, str, datetime], Awaitable[ComposedEmail]]
_COMPOSERS: dict[str, Composer] = {}


class NoComposer(LookupError):
    """A message kind nobody registered a composer for: the process did not import the module
    that writes it (a wiring mistake, so the business transaction fails rather than going on
    without its message)."""


def register_composer(kind: str, composer: Composer) -> None:
    """The module that writes a kind of message (``documents``) registers it at import, so the
    module whose change the message reports only names it: it need not import its writer, and
    the writer may read everything the message shows."""
    _COMPOSERS[kind] = composer


def composer_kinds() -> frozenset[str]:
    return frozenset(_COMPOSERS)


async def queue_composed(
    session: AsyncSession,
    *,
    kind: str,
    ref: str,
    agency_id: uuid.UUID,
    dedupe_key: str,
    now: datetime,
) -> OutboxMessage:
    """Queue the ``kind`` message about record ``ref``, written by its registered composer in
    the caller's transaction (so it reads that transaction's changes), as ``queue_email``."""
    composer = _COMPOSERS.get(kind)
    if composer is None:
        raise NoComposer(f"no composer registered for {kind!r}")
    message = await composer(session, ref, now)
    return await queue_email(
        session,
        agency_id=agency_id,
        to=message.to,
        subject=message.subject,
        text=message.text,
        html=message.html,
        attachments=message.attachments,
        dedupe_key=dedupe_key,
        kind=kind,
        from_name=message.from_name,
    )


# ------------------------------------------------------------------------------ delivery


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def retry_delay(attempts: int) -> timedelta:
    """Back-off after the ``attempts``-th failure: 1, 2, 4, ... minutes, at most 6 hours."""
    delay: timedelta = FIRST_RETRY * 2 ** (attempts - 1)
    return min(delay, LONGEST_RETRY)


class AttemptedMessage(Protocol):
    """The delivery bookkeeping an e-mail and a push notification both carry."""

    id: uuid.UUID
    kind: str
    status: OutboxStatus
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    sent_at: datetime | None


@dataclass(frozen=True)
class Channel:
    """What differs between the outboxes when an attempt is recorded."""

    name: str  # the log events' prefix: "email", "push"
    retry_job: str  # the delivery run a retry asks for
    retry_job_id: Callable[[datetime], str]


def record_attempt(
    session: AsyncSession,
    channel: Channel,
    message: AttemptedMessage,
    now: datetime,
    report: DeliveryReport,
    *,
    error: Exception | None,
    permanent: bool = False,
    max_attempts: int,
) -> None:
    """Record the outcome of the attempt that just counted itself in ``message.attempts``:
    sent (``error`` None), failed for good (a ``permanent`` refusal, or the last attempt), or
    due again after the back-off, with a delivery run asked for the moment it falls due (not
    the tick's next minute)."""
    if error is None:
        message.status = OutboxStatus.SENT
        message.sent_at = now
        message.last_error = None
        report.sent += 1
        log.info(f"{channel.name}_sent", message_id=str(message.id), kind=message.kind)
        return
    message.last_error = f"{error}"[:1000] or type(error).__name__
    if permanent or message.attempts >= max_attempts:
        message.status = OutboxStatus.FAILED
        report.failed += 1
    else:
        delay = retry_delay(message.attempts)
        message.next_attempt_at = now + delay
        report.retrying += 1
        enqueue_after_commit(
            session,
            channel.retry_job,
            job_id=channel.retry_job_id(message.next_attempt_at),
            defer_by=delay,
        )
    # Kind and id only: never the recipient, the endpoint (a capability URL) or what it says.
    log.warning(
        f"{channel.name}_not_sent",
        message_id=str(message.id),
        kind=message.kind,
        attempts=message.attempts,
        status=message.status.value,
        error=type(error).__name__,
    )


EMAIL = Channel("email", DELIVER_DUE_JOB, retry_job_id)


def _due(now: datetime) -> list[ColumnElement[bool]]:
    return [
        OutboxMessage.status == OutboxStatus.QUEUED,
        or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now),
    ]


async def _claim_next(session: AsyncSession, now: datetime) -> OutboxMessage | None:
    return await session.scalar(
        select(OutboxMessage)
        .where(*_due(now))
        .order_by(OutboxMessage.next_attempt_at.asc().nulls_first(), OutboxMessage.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )


async def deliver_due(
    database: Database, mailer: Mailer, now: datetime, *, limit: int = DELIVERY_BATCH
) -> DeliveryReport:
    """Send the messages due at ``now``, oldest first, each claimed and recorded in its own
    transaction. An unreachable server ends the run after one attempt (recorded on that
    message): the rest wait for the next tick instead of each waiting for a time-out."""
    report = DeliveryReport()
    async with mailer.connection() as connection:
        for _ in range(limit):
            async with database.transaction() as session:
                message = await _claim_next(session, now)
                if message is None:
                    break
                unreachable = await _attempt(session, connection, mailer, message, now, report)
            if unreachable:
                break
    return report


async def deliver_message(
    database: Database, mailer: Mailer, message_id: uuid.UUID, now: datetime
) -> bool:
    """Send one message if it is still due and nobody else is sending it (the job after
    commit). Returns whether it was sent now; a second run finds it sent and does nothing."""
    report = DeliveryReport()
    async with database.transaction() as session:
        message = await session.scalar(
            select(OutboxMessage)
            .where(OutboxMessage.id == message_id, *_due(now))
            .with_for_update(skip_locked=True)
        )
        if message is None:
            return False
        async with mailer.connection() as connection:
            await _attempt(session, connection, mailer, message, now, report)
    return report.sent == 1


async def _attempt(
    session: AsyncSession,
    connection: MailConnection,
    mailer: Mailer,
    message: OutboxMessage,
    now: datetime,
    report: DeliveryReport,
) -> bool:
    """Try to send a claimed message and record the outcome on it; returns True when the
    server could not be reached."""
    attachments = (
        await session.scalars(
            select(OutboxAttachment)
            .where(OutboxAttachment.message_id == message.id)
            .order_by(OutboxAttachment.position)
        )
    ).all()
    message.attempts += 1
    error: Exception | None = None
    try:
        await _render_attachments(session, attachments, now)
        await connection.send(compose(mailer, message, attachments, now))
    except Exception as exc:
        # SMTP refusals and outages, a failed renderer, or a bug composing this one message:
        # recorded on the row and retried later, so it never blocks the messages behind it.
        if not isinstance(exc, SmtpConnectionError | TransientRefusal | PermanentRefusal):
            log.exception("email_attempt_crashed", message_id=str(message.id))
        error = exc
    record_attempt(
        session,
        EMAIL,
        message,
        now,
        report,
        error=error,
        permanent=isinstance(error, PermanentRefusal),
        max_attempts=mailer.max_attempts,
    )
    await session.flush()
    return isinstance(error, SmtpConnectionError)


async def _render_attachments(
    session: AsyncSession, attachments: Sequence[OutboxAttachment], now: datetime
) -> None:
    """Make the bytes of generated attachments, once: they are kept on the row (committed
    with the attempt, whatever the SMTP server says), so retries send the same file."""
    for attachment in attachments:
        if attachment.content is not None:
            continue
        assert attachment.renderer is not None
        assert attachment.renderer_ref is not None
        renderer = _RENDERERS.get(attachment.renderer)
        if renderer is None:
            raise AttachmentNotRendered(f"no renderer registered as {attachment.renderer!r}")
        try:
            async with session.begin_nested():
                attachment.content = await renderer(session, attachment.renderer_ref, now)
        except Exception as exc:
            raise AttachmentNotRendered(f"{attachment.renderer} failed: {exc!r}"[:1000]) from exc


def compose(
    mailer: Mailer,
    message: OutboxMessage,
    attachments: Sequence[OutboxAttachment],
    now: datetime,
) -> EmailMessage:
    """The MIME message. Its Message-ID comes from the row, so a message sent again after a
    crash (sent, but not yet recorded) can be recognised as the same one."""
    email = EmailMessage()
    email["From"] = formataddr((message.from_name or mailer.from_name or "", mailer.from_address))
    email["To"] = message.to_address
    if message.reply_to:
        email["Reply-To"] = message.reply_to
    email["Subject"] = message.subject
    email["Date"] = format_datetime(now)
    email["Message-ID"] = f"<{message.id}@{mailer.domain}>"
    email["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies, please
    email["X-Doorstep-Kind"] = message.kind
    email.set_content(message.text_body)
    if message.html_body is not None:
        email.add_alternative(message.html_body, subtype="html")
    for attachment in attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        assert attachment.content is not None, "rendered before composing"
        email.add_attachment(
            attachment.content,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=attachment.filename,
        )
    return email


async def forget_person(session: AsyncSession, agency_id: uuid.UUID, needles: Needles) -> int:
    """Seed 001, deleting a customer: the agency's copies of the e-mails sent to them go
    (queued ones are not sent any more), attachments and all; an e-mail to someone else that
    names them (a joint tenant's follow-up) keeps its text with their name, address and phone
    replaced. Returns how many messages were deleted."""
    deleted = await session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.agency_id == agency_id,
            func.lower(OutboxMessage.to_address) == needles.email.lower(),
        )
    )
    naming = or_(
        mentions(OutboxMessage.subject, needles, whole_name_only=True),
        mentions(OutboxMessage.text_body, needles, whole_name_only=True),
        mentions(func.coalesce(OutboxMessage.html_body, ""), needles, whole_name_only=True),
    )
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.agency_id == agency_id, naming)
        .values(
            subject=scrubbed(OutboxMessage.subject, needles, whole_name_only=True),
            text_body=scrubbed(OutboxMessage.text_body, needles, whole_name_only=True),
            html_body=scrubbed(OutboxMessage.html_body, needles, whole_name_only=True),
        )
    )
    return int(deleted.rowcount or 0)  # type: ignore[attr-defined]


async def forget_person_in_emails_about(
    session: AsyncSession,
    agency_id: uuid.UUID,
    dedupe_prefix: str,
    record_ids: Sequence[uuid.UUID],
    needles: Needles,
) -> int:
    """Seed 001, deleting a customer: the e-mails to others (staff) about records that are
    the person's — queued with ``<dedupe_prefix>:<record id>:...`` keys, such as a report
    they made — keep their text with every mention of the person rewritten, their first or
    last name alone included, since in those records it is them (``forget_person`` rewrites
    only the full name elsewhere). Returns how many messages were rewritten."""
    if not record_ids:
        return 0
    about = and_(
        OutboxMessage.agency_id == agency_id,
        OutboxMessage.dedupe_key.startswith(f"{dedupe_prefix}:", autoescape=True),
        func.split_part(OutboxMessage.dedupe_key, ":", 2).in_([str(i) for i in record_ids]),
    )
    result = await session.execute(
        update(OutboxMessage)
        .where(
            about,
            or_(
                mentions(OutboxMessage.subject, needles),
                mentions(OutboxMessage.text_body, needles),
                mentions(func.coalesce(OutboxMessage.html_body, ""), needles),
            ),
        )
        .values(
            subject=scrubbed(OutboxMessage.subject, needles),
            text_body=scrubbed(OutboxMessage.text_body, needles),
            html_body=scrubbed(OutboxMessage.html_body, needles),
        )
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
