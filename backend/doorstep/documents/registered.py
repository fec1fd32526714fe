"""Importing this registers with the outbox every message and document this package writes
(receipt e-mails and PDFs, the e-mail about a published lease document). Each process that
changes money imports it — the API (``app``),
the worker and ``doorstep tick`` (``scheduler.concerns``), ``doorstep seed`` — because the
modules whose changes the messages report only name them (they sit below ``documents`` and
never import it). The e-mails about invoices and transfer proofs are ``collections.emails``'s,
imported by the same processes."""

from __future__ import annotations

from doorstep.documents import emails, receipts

__all__ = ["emails", "receipts"]
