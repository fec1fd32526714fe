"""The development mailbox and the SMTP sink that fills it (in-process and as the
``doorstep run`` child)."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from email.message import EmailMessage
from pathlib import Path

import aiosmtplib
import httpx
import pytest
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from doorstep.agencies.models import Agency
from doorstep.app import create_app
from doorstep.core.db import Database
from doorstep.core.settings import Environment
from doorstep.devstack import run
from doorstep.devstack.mailsink import mail_sink_child
from doorstep.devstack.run import RunContext, build_parser
from doorstep.notifications.devmailbox import Mailbox
from doorstep.notifications.service import Attachment, deliver_due, queue_email
from doorstep.notifications.smtp import Mailer
from tests.conftest import NOW, settings_for_tests
from tests.notifications.conftest import Sink, free_port


@asynccontextmanager
async def _client(
    engine: AsyncEngine, redis: Redis, env: Environment, folder: Path | None
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(
        settings_for_tests(env=env, dev_mailbox_dir=folder),
        database=Database(engine),
        redis=redis,
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client
    await app.state.claims_db.dispose()


@pytest.fixture
async def sent(
    committed_database: Database, agency: Agency, smtp_sink: Sink, mailer: Mailer
) -> Sink:
    async with committed_database.transaction() as session:
        await queue_email(
            session,
            agency_id=agency.id,
            to="tara@example.com",
            subject="Your receipt no. 12",
            text="Thank you. See https://doorstep.test/portal/payments for all receipts.\n",
            html='<p>Thank you. <a href="https://doorstep.test/portal/">Portal</a></p>'
            "<script>alert(1)</script>",
            attachments=[Attachment("receipt-12.pdf", "application/pdf", content=b"%PDF-1.7 x")],
            kind="test",
        )
    assert (await deliver_due(committed_database, mailer, NOW)).sent == 1
    return smtp_sink


async def test_the_dev_mailbox_lists_shows_and_serves_attachments(
    engine: AsyncEngine, redis: Redis, sent: Sink
) -> None:
    async with _client(engine, redis, Environment.DEVELOPMENT, sent.folder) as client:
        listing = await client.get("/dev/mailbox")
        assert listing.status_code == 200
        assert listing.headers["content-type"].startswith("text/html")
        assert "Content-Security-Policy" in listing.headers
        assert "tara@example.com" in listing.text
        assert "Your receipt no. 12" in listing.text
        (message_id,) = re.findall(r'href="/dev/mailbox/([^"/]+)"', listing.text)

        page = await client.get(f"/dev/mailbox/{message_id}")
        assert page.status_code == 200
        # The text part with its link made clickable; the HTML part sandboxed, scripts inert.
        assert '<a href="https://doorstep.test/portal/payments"' in page.text
        assert 'sandbox="allow-popups allow-popups-to-escape-sandbox"' in page.text
        assert "<script>" not in page.text
        assert f'href="/dev/mailbox/{message_id}/attachments/0"' in page.text

        attachment = await client.get(f"/dev/mailbox/{message_id}/attachments/0")
        assert attachment.status_code == 200
        assert attachment.headers["content-type"] == "application/pdf"
        assert attachment.content == b"%PDF-1.7 x"
        assert 'filename="receipt-12.pdf"' in attachment.headers["content-disposition"]

        for missing in (
            f"/dev/mailbox/{message_id}/attachments/1",
            "/dev/mailbox/20260101T000000000000Z-000000000000",
            "/dev/mailbox/..%2F..%2Fetc%2Fpasswd",
        ):
            assert (await client.get(missing)).status_code == 404, missing

        schema = (await client.get("/openapi.json")).json()
        assert not [path for path in schema["paths"] if path.startswith("/dev")]


@pytest.mark.parametrize("env", [Environment.PRODUCTION, Environment.TEST])
async def test_the_dev_mailbox_is_404_outside_development(
    engine: AsyncEngine, redis: Redis, sent: Sink, env: Environment
) -> None:
    async with _client(engine, redis, env, sent.folder) as client:
        response = await client.get("/dev/mailbox")
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"


async def test_without_a_folder_the_dev_mailbox_says_how_to_get_one(
    engine: AsyncEngine, redis: Redis
) -> None:
    async with _client(engine, redis, Environment.DEVELOPMENT, None) as client:
        response = await client.get("/dev/mailbox")
        assert response.status_code == 200
        assert "DOORSTEP_DEV_MAILBOX_DIR" in response.text


async def test_the_sink_process_keeps_every_message(tmp_path: Path) -> None:
    port, folder = free_port(), tmp_path / "mailbox"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "doorstep.devstack.mailsink",
        "--port",
        str(port),
        "--dir",
        str(folder),
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), timeout=20)
        assert f"smtp://127.0.0.1:{port}" in line.decode()
        for n in range(2):
            message = EmailMessage()
            message["From"], message["To"] = "a@example.com", "b@example.com"
            message["Subject"] = f"Hello {n}"
            message.set_content("Hi")
            await aiosmtplib.send(message, hostname="127.0.0.1", port=port, timeout=5)
    finally:
        process.terminate()
        assert await asyncio.wait_for(process.wait(), timeout=10) == 0
    assert [m.subject for m in Mailbox(folder).messages()] == ["Hello 1", "Hello 0"]


def _context(env: dict[str, str]) -> RunContext:
    args = build_parser().parse_args(["--port", "9000"])
    return RunContext(args=args, cli=["doorstep"], host=args.host, port=args.port, env=env)


def test_doorstep_run_starts_the_sink_and_points_the_api_and_worker_at_it(
    tmp_path: Path,
) -> None:
    assert mail_sink_child in run.CHILDREN
    ctx = _context({"DOORSTEP_DATA_DIR": str(tmp_path)})
    spec = mail_sink_child(ctx)
    assert spec is not None
    port = int(ctx.env["DOORSTEP_SMTP_URL"].rsplit(":", 1)[1])
    assert ctx.env["DOORSTEP_SMTP_URL"] == f"smtp://127.0.0.1:{port}"
    assert ctx.env["DOORSTEP_DEV_MAILBOX_DIR"] == str(tmp_path / "mailbox")
    assert list(spec.argv)[1:] == [
        "-m",
        "doorstep.devstack.mailsink",
        "--port",
        str(port),
        "--dir",
        str(tmp_path / "mailbox"),
    ]
    assert ctx.banner == [("dev mailbox", "http://127.0.0.1:9000/dev/mailbox")]
    # It runs for real under that argv.
    with subprocess.Popen(list(spec.argv), stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            assert "listening" in process.stdout.readline()
        finally:
            process.terminate()
            assert process.wait(timeout=10) == 0


def test_a_configured_smtp_server_replaces_the_sink() -> None:
    ctx = _context({"DOORSTEP_SMTP_URL": "smtp://mail.example.com:587"})
    assert mail_sink_child(ctx) is None
    assert ctx.env == {"DOORSTEP_SMTP_URL": "smtp://mail.example.com:587"}
