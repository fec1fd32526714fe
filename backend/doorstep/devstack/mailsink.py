"""A local SMTP server that accepts every message and keeps it as an ``.eml`` file.

``doorstep run`` starts it as a child (see ``run.mail_sink_child``) on a free loopback port and
points the API and the worker at it, so development never mails a real person; the API's
``/dev/mailbox`` pages show what it received. The tests start the same handler in-process.

    python -m doorstep.devstack.mailsink --port 2525 --dir .doorstep/mailbox
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import signal
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from doorstep.devstack.services import default_data_dir
from doorstep.devstack.supervisor import ChildSpec
from doorstep.notifications.devmailbox import save_message

if TYPE_CHECKING:  # aiosmtpd comes with the `embedded` extra; run.py imports this module
    from aiosmtpd.smtp import SMTP, Envelope, Session

    from doorstep.devstack.run import RunContext


def mail_sink_child(ctx: RunContext) -> ChildSpec | None:
    """The SMTP sink as a child of ``doorstep run``, unless DOORSTEP_SMTP_URL names a server.

    Exports DOORSTEP_SMTP_URL and DOORSTEP_DEV_MAILBOX_DIR to the API and the worker.
    """
    if ctx.env.get("DOORSTEP_SMTP_URL"):
        return None
    if importlib.util.find_spec("aiosmtpd") is None:
        ctx.banner.append(("mail", "not delivered: pip install -e '.[embedded]' for the sink"))
        return None
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    folder = default_data_dir(ctx.env) / "mailbox"
    ctx.env["DOORSTEP_SMTP_URL"] = f"smtp://127.0.0.1:{port}"
    ctx.env["DOORSTEP_DEV_MAILBOX_DIR"] = str(folder)
    if ctx.env.get("DOORSTEP_ENV", "development") == "development":
        ctx.banner.append(("dev mailbox", f"{ctx.base_url}/dev/mailbox"))
    else:
        ctx.banner.append(("mail sink", f"smtp://127.0.0.1:{port} → {folder}"))
    argv = [sys.executable, "-m", "doorstep.devstack.mailsink", "--port", str(port)]
    return ChildSpec("mail", [*argv, "--dir", str(folder)], colour="33")


class MailboxHandler:
    """aiosmtpd handler: every accepted message becomes one file in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or envelope.content or b""
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        await asyncio.to_thread(save_message, self.folder, content, datetime.now(UTC))
        return "250 Message accepted for delivery"


async def serve(host: str, port: int, folder: Path) -> None:
    from aiosmtpd.smtp import SMTP

    handler = MailboxHandler(folder)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="doorstep-mail-sink"), host=host, port=port
    )
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    sys.stdout.write(f"mail sink listening on smtp://{host}:{port}, keeping messages in {folder}\n")
    sys.stdout.flush()
    async with server:
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m doorstep.devstack.mailsink")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", type=Path, required=True, help="folder for the .eml files")
    args: Any = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    asyncio.run(serve(args.host, args.port, args.dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
