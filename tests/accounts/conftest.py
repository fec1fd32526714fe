"""The SMTP sink and mailer of the outbox tests serve the account tests too."""

from __future__ import annotations

from tests.notifications.conftest import agency, job_queue, mailer, smtp_sink

__all__ = ["agency", "job_queue", "mailer", "smtp_sink"]
