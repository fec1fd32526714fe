"""Sending e-mail over SMTP (aiosmtplib), one connection per delivery run."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr
from urllib.parse import unquote, urlsplit

import aiosmtplib

from doorstep.core.settings import Settings


class SmtpUrlError(ValueError):
    pass


@dataclass(frozen=True)
class SmtpTarget:
    host: str
    port: int
    implicit_tls: bool
    username: str | None
    password: str | None


def parse_smtp_url(url: str) -> SmtpTarget:
    """``smtp://[user:password@]host[:port]`` (STARTTLS when offered) or ``smtps://`` (TLS)."""
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
        raise SmtpUrlError("the SMTP URL must look like smtp://host:port or smtps://host:port")
    try:
        port = parts.port
    except ValueError as exc:
        raise SmtpUrlError("the SMTP URL has an invalid port") from exc
    implicit_tls = parts.scheme == "smtps"
    return SmtpTarget(
        host=parts.hostname,
        port=port or (465 if implicit_tls else 25),
        implicit_tls=implicit_tls,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )


class SmtpConnectionError(Exception):
    """The server could not be reached or dropped the connection: nothing was sent."""


class PermanentRefusal(Exception):
    """The server refused this message for good (5xx for its recipient or its content)."""


class TransientRefusal(Exception):
    """The server refused this message for now (4xx, or a sender or authentication problem
    that an operator can fix): try again later."""


class Mailer:
    """Where mail goes and how hard to try. Built once from the settings."""

    def __init__(
        self, url: str, *, mail_from: str, timeout: float = 20.0, max_attempts: int = 8
    ) -> None:
        self.target = parse_smtp_url(url)
        name, address = parseaddr(mail_from)
        if "@" not in address:
            raise SmtpUrlError("DOORSTEP_MAIL_FROM must contain an e-mail address")
        self.from_name = name or None
        self.from_address = address
        self.timeout = timeout
        self.max_attempts = max_attempts

    @classmethod
    def from_settings(cls, settings: Settings) -> Mailer:
        return cls(
            settings.smtp_url.get_secret_value(),
            mail_from=settings.mail_from,
            timeout=settings.smtp_timeout_seconds,
            max_attempts=settings.mail_max_attempts,
        )

    @property
    def domain(self) -> str:
        return self.from_address.rsplit("@", 1)[1]

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[MailConnection]:
        """An SMTP connection opened at the first message and closed at the end."""
        connection = MailConnection(self)
        try:
            yield connection
        finally:
            await connection.close()


class MailConnection:
    def __init__(self, mailer: Mailer) -> None:
        self.mailer = mailer
        self._smtp: aiosmtplib.SMTP | None = None

    async def _open(self) -> aiosmtplib.SMTP:
        if self._smtp is not None and self._smtp.is_connected:
            return self._smtp
        target = self.mailer.target
        smtp = aiosmtplib.SMTP(
            hostname=target.host,
            port=target.port,
            use_tls=target.implicit_tls,
            username=target.username,
            password=target.password,
            timeout=self.mailer.timeout,
        )
        try:
            await smtp.connect()
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise SmtpConnectionError(_describe(exc)) from exc
        self._smtp = smtp
        return smtp

    async def send(self, message: EmailMessage) -> None:
        """Hand one message to the server, or raise one of this module's errors."""
        smtp = await self._open()
        try:
            await smtp.send_message(message)
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = [refusal.code for refusal in exc.recipients]
            error = PermanentRefusal if all(code >= 500 for code in codes) else TransientRefusal
            raise error(_describe(exc)) from exc
        except aiosmtplib.SMTPDataError as exc:
            error = PermanentRefusal if exc.code >= 500 else TransientRefusal
            raise error(_describe(exc)) from exc
        except aiosmtplib.SMTPResponseException as exc:  # sender refused, auth, ...
            raise TransientRefusal(_describe(exc)) from exc
        except (aiosmtplib.SMTPException, OSError) as exc:  # disconnected, timed out
            await self.close()
            raise SmtpConnectionError(_describe(exc)) from exc

    async def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None or not smtp.is_connected:
            return
        try:
            await smtp.quit()
        except (aiosmtplib.SMTPException, OSError):
            with suppress(Exception):
                smtp.close()


def _describe(exc: BaseException) -> str:
    """The error as recorded on the message row (never logged with the recipient)."""
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        detail = "; ".join(f"{r.code} {r.message}" for r in exc.recipients)
    elif isinstance(exc, aiosmtplib.SMTPResponseException):
        detail = f"{exc.code} {exc.message}"
    else:
        detail = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {detail}"[:1000]
