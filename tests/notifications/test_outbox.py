"""The outbox against a real SMTP server: delivery, retries with back-off, permanent
refusals, idempotent queuing, and concurrent deliverers sending each message once."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from doorstep.agencies.models import Agency
from doorstep.core.db import Database
from doorstep.notifications.models import OutboxAttachment, OutboxMessage, OutboxStatus
from doorstep.notifications.service import (
    Attachment,
    deliver_due,
    queue_email,
    register_renderer,
    retry_delay,
)
from doorstep.notifications.smtp import Mailer, parse_smtp_url
from doorstep.scheduler.registry import TickRegistry
from doorstep.scheduler.service import tick
from tests.conftest import NOW
from tests.notifications.conftest import MAIL_FROM, MAX_ATTEMPTS, Sink, free_port, start_sink


async def _queue(
    database: Database, agency: Agency, *, to: str = "tara@example.com", **extra: object
) -> uuid.UUID:
    async with database.transaction() as session:
        message = await queue_email(
            session,
            agency_id=agency.id,
            to=to,
            subject=str(extra.pop("subject", "Your receipt")),
            text="Thank you for your payment.\nhttps://doorstep.test/portal/\n",
            kind="test",
            **extra,  # type: ignore[arg-type]
        )
        return message.id


async def _message(database: Database, message_id: uuid.UUID) -> OutboxMessage:
    async with database.transaction() as session:
        return await session.get_one(OutboxMessage, message_id)


async def test_a_queued_message_arrives_with_subject_recipient_and_attachments(
    committed_database: Database, agency: Agency, smtp_sink: Sink, mailer: Mailer
) -> None:
    async def render(session: object, ref: str, now: object) -> bytes:
        return f"%PDF-rendered {ref}".encode()

    register_renderer("test_document", render)
    message_id = await _queue(
        committed_database,
        agency,
        subject="Reçu n° 7 — Résidence Louise",
        html="<p>Thank you</p>",
        from_name="Acme Lettings",
        attachments=[
            Attachment("notes.txt", "text/plain", content=b"plain bytes"),
            Attachment(
                "receipt-7.pdf", "application/pdf", renderer="test_document", renderer_ref="7"
            ),
        ],
    )

    report = await deliver_due(committed_database, mailer, NOW)

    assert (report.sent, report.retrying, report.failed) == (1, 0, 0)
    (stored,) = smtp_sink.messages()
    email = stored.message
    assert email["To"] == "tara@example.com"
    assert email["Subject"] == "Reçu n° 7 — Résidence Louise"
    assert email["From"] == "Acme Lettings <no-reply@doorstep.test>"
    assert email["Message-ID"] == f"<{message_id}@doorstep.test>"
    assert email["Auto-Submitted"] == "auto-generated"
    files = {part.get_filename(): part.get_content() for part in stored.attachments}
    assert files == {"notes.txt": "plain bytes", "receipt-7.pdf": b"%PDF-rendered 7"}
    sent = await _message(committed_database, message_id)
    assert (sent.status, sent.attempts, sent.sent_at, sent.last_error) == (
        OutboxStatus.SENT,
        1,
        NOW,
        None,
    )
    async with committed_database.transaction() as session:
        kept = (
            await session.scalars(
                select(OutboxAttachment.content).where(OutboxAttachment.message_id == message_id)
            )
        ).all()
    assert set(kept) == {b"%PDF-rendered 7", b"plain bytes"}  # what was sent is kept
    # Nothing is due any more: a second run sends nothing.
    assert (await deliver_due(committed_database, mailer, NOW)).sent == 0
    assert len(smtp_sink.messages()) == 1


async def test_a_dedupe_key_queues_a_message_once(
    committed_database: Database, agency: Agency
) -> None:
    first = await _queue(committed_database, agency, dedupe_key="receipt:1")
    again = await _queue(committed_database, agency, dedupe_key="receipt:1", subject="Other")
    other = await _queue(committed_database, agency, dedupe_key="receipt:2")
    plain = [await _queue(committed_database, agency) for _ in range(2)]

    assert again == first
    assert len({first, other, *plain}) == 4
    async with committed_database.transaction() as session:
        subjects = (
            await session.scalars(
                select(OutboxMessage.subject).where(OutboxMessage.dedupe_key == "receipt:1")
            )
        ).all()
    assert subjects == ["Your receipt"]


async def test_smtp_down_is_retried_with_back_off_and_nothing_is_lost(
    committed_database: Database, agency: Agency, tmp_path: Path
) -> None:
    port = free_port()  # nothing listens here yet
    mailer = Mailer(f"smtp://127.0.0.1:{port}", mail_from=MAIL_FROM, timeout=5, max_attempts=8)
    first = await _queue(committed_database, agency)
    second = await _queue(committed_database, agency)

    report = await deliver_due(committed_database, mailer, NOW)

    # One failed connection ends the run: the second message is not tried (nor charged an
    # attempt) behind an unreachable server.
    assert (report.sent, report.retrying, report.failed) == (0, 1, 0)
    tried = await _message(committed_database, first)
    assert tried.status is OutboxStatus.QUEUED
    assert tried.attempts == 1
    assert tried.next_attempt_at == NOW + timedelta(minutes=1)
    assert tried.last_error is not None
    assert "Connect" in tried.last_error
    assert (await _message(committed_database, second)).attempts == 0

    # The server comes back on the same port; the first message waits for its back-off.
    controller, sink = start_sink(tmp_path / "mailbox", port)
    try:
        early = await deliver_due(committed_database, mailer, NOW + timedelta(seconds=30))
        assert early.sent == 1
        assert [m.message["Message-ID"] for m in sink.messages()] == [f"<{second}@doorstep.test>"]
        later = await deliver_due(committed_database, mailer, NOW + timedelta(minutes=1))
        assert later.sent == 1
    finally:
        controller.stop()
    assert len(sink.messages()) == 2
    delivered = await _message(committed_database, first)
    assert (delivered.status, delivered.attempts) == (OutboxStatus.SENT, 2)


async def test_a_message_fails_after_the_last_attempt(
    committed_database: Database, agency: Agency
) -> None:
    mailer = Mailer(
        f"smtp://127.0.0.1:{free_port()}", mail_from=MAIL_FROM, max_attempts=MAX_ATTEMPTS
    )
    message_id = await _queue(committed_database, agency)
    instant = NOW
    for attempt in range(1, MAX_ATTEMPTS + 1):
        report = await deliver_due(committed_database, mailer, instant)
        assert report.retrying + report.failed == 1
        message = await _message(committed_database, message_id)
        assert message.attempts == attempt
        if attempt < MAX_ATTEMPTS:
            assert message.status is OutboxStatus.QUEUED
            assert message.next_attempt_at == instant + retry_delay(attempt)
            # Not due before its back-off has passed.
            before = message.next_attempt_at - timedelta(seconds=1)
            assert (await deliver_due(committed_database, mailer, before)).retrying == 0
            instant = message.next_attempt_at
    assert message.status is OutboxStatus.FAILED
    final = await deliver_due(committed_database, mailer, instant + timedelta(days=1))
    assert final.sent + final.retrying + final.failed == 0


def test_back_off_doubles_up_to_a_ceiling() -> None:
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
        timedelta(minutes=8),
    ]
    assert retry_delay(20) == timedelta(hours=6)


async def test_a_recipient_refused_for_good_fails_at_once_and_others_still_go(
    committed_database: Database, agency: Agency, smtp_sink: Sink, mailer: Mailer
) -> None:
    bounced = await _queue(committed_database, agency, to="bounce@example.com")
    fine = await _queue(committed_database, agency, to="fine@example.com")

    report = await deliver_due(committed_database, mailer, NOW)

    assert (report.sent, report.failed) == (1, 1)
    refused = await _message(committed_database, bounced)
    assert (refused.status, refused.attempts) == (OutboxStatus.FAILED, 1)
    assert refused.last_error is not None
    assert "550" in refused.last_error
    assert (await _message(committed_database, fine)).status is OutboxStatus.SENT
    assert [m.to for m in smtp_sink.messages()] == ["fine@example.com"]


async def test_two_deliverers_at_once_send_each_message_once(
    committed_database: Database, agency: Agency, smtp_sink: Sink, mailer: Mailer
) -> None:
    ids = [await _queue(committed_database, agency, subject=f"Message {n}") for n in range(24)]
    other = Mailer(smtp_sink.url, mail_from=MAIL_FROM, timeout=5)

    reports = await asyncio.gather(
        deliver_due(committed_database, mailer, NOW),
        deliver_due(committed_database, other, NOW),
    )

    assert sum(r.sent for r in reports) == 24
    received = [m.message["Message-ID"] for m in smtp_sink.messages()]
    assert sorted(received) == sorted(f"<{i}@doorstep.test>" for i in ids)
    async with committed_database.transaction() as session:
        attempts = await session.scalar(select(func.sum(OutboxMessage.attempts)))
    assert attempts == 24


async def test_the_tick_delivers_the_outbox(
    committed_database: Database, agency: Agency, smtp_sink: Sink, mailer: Mailer
) -> None:
    registry = TickRegistry()

    @registry.drain("notifications.deliver_outbox")
    async def deliver(database: Database, now: object) -> int:
        return (await deliver_due(database, mailer, NOW)).sent

    await _queue(committed_database, agency)
    report = await tick(committed_database, registry, NOW)

    assert report.concerns["notifications.deliver_outbox"] == 1
    assert len(smtp_sink.messages()) == 1


def test_the_production_tick_and_worker_deliver_mail() -> None:
    from doorstep.scheduler.concerns import registry
    from doorstep.worker import WorkerSettings

    assert "notifications.deliver_outbox" in registry.drains
    assert any(f.__name__ == "deliver_email" for f in WorkerSettings.functions)


def test_smtp_urls() -> None:
    plain = parse_smtp_url("smtp://127.0.0.1:2525")
    assert (plain.host, plain.port, plain.implicit_tls, plain.username) == (
        "127.0.0.1",
        2525,
        False,
        None,
    )
    tls = parse_smtp_url("smtps://mailer%40agency:p%40ss@mail.example.com")
    assert (tls.port, tls.implicit_tls, tls.username, tls.password) == (
        465,
        True,
        "mailer@agency",
        "p@ss",
    )


async def test_a_message_that_cannot_be_rendered_backs_off_without_blocking_the_rest(
    committed_database: Database, agency: Agency, smtp_sink: Sink, mailer: Mailer
) -> None:
    async def broken(session: object, ref: str, now: object) -> bytes:
        raise LookupError(f"document {ref} is gone")

    register_renderer("broken_document", broken)
    poison = await _queue(
        committed_database,
        agency,
        attachments=[
            Attachment("x.pdf", "application/pdf", renderer="broken_document", renderer_ref="9")
        ],
    )
    fine = await _queue(committed_database, agency, to="fine@example.com")

    report = await deliver_due(committed_database, mailer, NOW)

    assert (report.sent, report.retrying) == (1, 1)
    held = await _message(committed_database, poison)
    assert (held.status, held.attempts) == (OutboxStatus.QUEUED, 1)
    assert held.next_attempt_at == NOW + timedelta(minutes=1)
    assert held.last_error is not None
    assert "document 9 is gone" in held.last_error
    assert (await _message(committed_database, fine)).status is OutboxStatus.SENT
    assert [m.to for m in smtp_sink.messages()] == ["fine@example.com"]
