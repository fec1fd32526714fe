"""The development mailbox: every message the local SMTP sink received, readable in a browser.

The sink (``doorstep.devstack.mailsink``, started by ``doorstep run``) writes each message as
an ``.eml`` file into DOORSTEP_DEV_MAILBOX_DIR; these pages read that folder. They exist only
when DOORSTEP_ENV=development (``create_app`` mounts them then), sit outside ``/api/v1`` and
are left out of the OpenAPI schema: a tool for developers, not part of the product.
"""

from __future__ import annotations

import html
import mimetypes
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from doorstep.core.downloads import attachment
from doorstep.core.errors import NotFound

# <UTC time>-<random>.eml: names sort by arrival, and an id cannot name another file.
_ID = re.compile(r"^\d{8}T\d{6}\d{6}Z-[0-9a-f]{12}$")
_URL = re.compile(r"https?://[^\s<>\"']+")
_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; "
    "form-action 'none'; base-uri 'none'"
)


def new_message_name(received: datetime) -> str:
    """The file name (without ``.eml``) for a message received at ``received``."""
    return f"{received.astimezone(UTC):%Y%m%dT%H%M%S%fZ}-{uuid.uuid4().hex[:12]}"


def save_message(folder: Path, content: bytes, received: datetime) -> str:
    """Write one message atomically (readers never see half a file); returns its id."""
    folder.mkdir(parents=True, exist_ok=True)
    message_id = new_message_name(received)
    partial = folder / f".{message_id}.part"
    partial.write_bytes(content)
    partial.replace(folder / f"{message_id}.eml")
    return message_id


@dataclass(frozen=True)
class StoredMessage:
    id: str
    received: datetime
    message: EmailMessage

    @property
    def to(self) -> str:
        return str(self.message.get("To", ""))

    @property
    def subject(self) -> str:
        return str(self.message.get("Subject", ""))

    @property
    def attachments(self) -> list[EmailMessage]:
        return [part for part in self.message.iter_attachments() if isinstance(part, EmailMessage)]


class Mailbox:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def ids(self) -> list[str]:
        """Message ids, newest first."""
        if not self.folder.is_dir():
            return []
        return sorted(
            (p.stem for p in self.folder.glob("*.eml") if _ID.match(p.stem)), reverse=True
        )

    def get(self, message_id: str) -> StoredMessage:
        if not _ID.match(message_id):
            raise NotFound("No such message.")
        path = self.folder / f"{message_id}.eml"
        try:
            data = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            raise NotFound("No such message.") from None
        parsed = message_from_bytes(data, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        stamp = message_id.split("-", 1)[0].replace("Z", "+0000")
        received = datetime.strptime(stamp, "%Y%m%dT%H%M%S%f%z")
        return StoredMessage(message_id, received, parsed)

    def messages(self) -> list[StoredMessage]:
        return [self.get(message_id) for message_id in self.ids()]


router = APIRouter(prefix="/dev/mailbox", include_in_schema=False)


def _mailbox(request: Request) -> Mailbox | None:
    folder: Path | None = request.app.state.settings.dev_mailbox_dir
    return Mailbox(folder) if folder is not None else None


def _page(title: str, body: str) -> HTMLResponse:
    document = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem;
       padding: 0 1rem; color: #1d2430; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; padding: .45rem .6rem; border-bottom: 1px solid #d8dde6; }}
th {{ font-weight: 600; background: #f3f5f8; }}
a {{ color: #0b5cad; }}
dl {{ display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }}
dt {{ font-weight: 600; }}
pre {{ white-space: pre-wrap; background: #f7f8fa; padding: 1rem; border-radius: 6px; }}
iframe {{ width: 100%; height: 32rem; border: 1px solid #d8dde6; border-radius: 6px; }}
.muted {{ color: #5b6472; }}
</style></head><body>{body}</body></html>"""
    return HTMLResponse(document, headers={"Content-Security-Policy": _CSP})


@router.get("")
async def list_messages(request: Request) -> HTMLResponse:
    mailbox = _mailbox(request)
    if mailbox is None:
        return _page(
            "Dev mailbox",
            "<h1>Dev mailbox</h1><p>No mailbox folder is configured "
            "(DOORSTEP_DEV_MAILBOX_DIR; <code>doorstep run</code> sets it when it starts the "
            "local SMTP sink).</p>",
        )
    rows = "".join(
        f"<tr><td>{stored.received:%Y-%m-%d %H:%M:%S} UTC</td>"
        f"<td>{html.escape(stored.to)}</td>"
        f'<td><a href="/dev/mailbox/{stored.id}">{html.escape(stored.subject) or "(no subject)"}'
        f"</a></td><td>{len(stored.attachments) or ''}</td></tr>"
        for stored in mailbox.messages()
    )
    table = (
        "<table><thead><tr><th>Received</th><th>To</th><th>Subject</th><th>Files</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
        if rows
        else '<p class="muted">No messages yet.</p>'
    )
    return _page(
        "Dev mailbox",
        "<h1>Dev mailbox</h1>"
        f'<p class="muted">Every e-mail sent while developing, newest first '
        f"(kept in {html.escape(str(mailbox.folder))}).</p>{table}",
    )


def _linkify(text: str) -> str:
    escaped = html.escape(text)
    return _URL.sub(
        lambda m: f'<a href="{m.group(0)}" target="_blank" rel="noopener">{m.group(0)}</a>', escaped
    )


@router.get("/{message_id}")
async def show_message(message_id: str, request: Request) -> HTMLResponse:
    mailbox = _mailbox(request)
    if mailbox is None:
        raise NotFound("No mailbox is configured.")
    stored = mailbox.get(message_id)
    message = stored.message
    headers = "".join(
        f"<dt>{name}</dt><dd>{html.escape(str(message.get(name, '')))}</dd>"
        for name in ("From", "To", "Date", "Subject")
    )
    sections = []
    html_part = message.get_body(preferencelist=("html",))
    if html_part is not None and isinstance(html_part, EmailMessage):
        # Shown sandboxed (no scripts, no same-origin access); links open in a new tab.
        content = '<base target="_blank">' + str(html_part.get_content())
        sections.append(
            '<h2>HTML</h2><iframe title="HTML body" '
            'sandbox="allow-popups allow-popups-to-escape-sandbox" '
            f'srcdoc="{html.escape(content, quote=True)}"></iframe>'
        )
    text_part = message.get_body(preferencelist=("plain",))
    if text_part is not None and isinstance(text_part, EmailMessage):
        sections.append(f"<h2>Text</h2><pre>{_linkify(str(text_part.get_content()))}</pre>")
    files = "".join(
        f'<li><a href="/dev/mailbox/{stored.id}/attachments/{index}">'
        f"{html.escape(part.get_filename() or f'attachment-{index}')}</a> "
        f'<span class="muted">{html.escape(part.get_content_type())}</span></li>'
        for index, part in enumerate(stored.attachments)
    )
    if files:
        sections.append(f"<h2>Attachments</h2><ul>{files}</ul>")
    return _page(
        stored.subject or "Message",
        f'<p><a href="/dev/mailbox">← All messages</a></p>'
        f"<h1>{html.escape(stored.subject) or '(no subject)'}</h1><dl>{headers}</dl>"
        + "".join(sections),
    )


@router.get("/{message_id}/attachments/{index}")
async def download_attachment(message_id: str, index: int, request: Request) -> Response:
    mailbox = _mailbox(request)
    if mailbox is None:
        raise NotFound("No mailbox is configured.")
    attachments = mailbox.get(message_id).attachments
    if not 0 <= index < len(attachments):
        raise NotFound("No such attachment.")
    part = attachments[index]
    extension = (mimetypes.guess_extension(part.get_content_type()) or ".bin").lstrip(".")
    payload = part.get_payload(decode=True)
    return Response(
        payload if isinstance(payload, bytes) else b"",
        media_type=part.get_content_type(),
        headers={
            "Content-Disposition": attachment(
                part.get_filename(), extension=extension, default_stem=f"attachment-{index}"
            ),
            "X-Content-Type-Options": "nosniff",
        },
    )
