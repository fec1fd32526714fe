"""A real SMTP server for the outbox tests: aiosmtpd with the dev sink's handler, on a free
loopback port, keeping every message as an .eml file in the test's own folder."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from arq.connections import ArqRedis, RedisSettings
from arq.worker import Worker, func
from redis.asyncio import Redis

from doorstep.agencies.models import Agency
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.devstack.mailsink import MailboxHandler
from doorstep.notifications.devmailbox import Mailbox, StoredMessage
from doorstep.notifications.service import DELIVER_JOB
from doorstep.notifications.smtp import Mailer
from doorstep.notifications.tasks import deliver_email
from doorstep.worker import shutdown, startup
from tests.conftest import NOW, TEST_REDIS_URL, settings_for_tests
from tests.factories import Factory

MAIL_FROM = "Doorstep <no-reply@doorstep.test>"
MAX_ATTEMPTS = 3


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class RefusingHandler(MailboxHandler):
    """The sink, except that it refuses for good any recipient whose address starts with
    ``bounce`` (what a real server says about a mailbox that does not exist)."""

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if address.startswith("bounce"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@dataclass
class Sink:
    port: int
    folder: Path

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    @property
    def mailbox(self) -> Mailbox:
        return Mailbox(self.folder)

    def messages(self) -> list[StoredMessage]:
        return self.mailbox.messages()


def start_sink(folder: Path, port: int | None = None) -> tuple[Controller, Sink]:
    port = port or free_port()
    controller = Controller(RefusingHandler(folder), hostname="127.0.0.1", port=port)
    controller.start()
    return controller, Sink(port, folder)


@pytest.fixture
def smtp_sink(tmp_path: Path) -> Iterator[Sink]:
    controller, sink = start_sink(tmp_path / "mailbox")
    try:
        yield sink
    finally:
        controller.stop()


@pytest.fixture
def mailer(smtp_sink: Sink) -> Mailer:
    return Mailer(smtp_sink.url, mail_from=MAIL_FROM, timeout=5, max_attempts=MAX_ATTEMPTS)


@pytest.fixture
def job_queue(redis: Redis) -> ArqRedis:
    return ArqRedis(connection_pool=redis.connection_pool)


@pytest.fixture
async def agency(committed_database: Database, redis: Redis) -> Agency:
    """A committed agency to hang messages on (and a clean Redis for job assertions)."""
    await redis.flushdb()
    async with committed_database.transaction() as session:
        factory = Factory(session, None, FixedClock(NOW))  # type: ignore[arg-type]
        return await factory.agency(f"Outbox Lettings {uuid.uuid4().hex[:6]}")


async def run_worker(sink: Sink) -> Worker:
    """A real arq worker with the outbox's job, in burst mode: it runs what is queued, then
    stops."""
    worker = Worker(
        functions=[func(deliver_email, name=DELIVER_JOB)],
        redis_settings=RedisSettings.from_dsn(TEST_REDIS_URL),
        on_startup=startup,
        on_shutdown=shutdown,
        ctx={"settings": settings_for_tests(smtp_url=sink.url, mail_from=MAIL_FROM)},
        burst=True,
        handle_signals=False,
        poll_delay=0.05,
    )
    try:
        await worker.main()
    finally:
        await worker.close()
    return worker
