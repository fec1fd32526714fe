"""Logging writes to the process's standard error as it is when a line is written."""

from __future__ import annotations

import io
import re
import sys

import pytest
import structlog

from doorstep.core.logging import access_line, configure_logging


def test_a_logger_first_used_under_a_replaced_stream_survives_its_closing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = io.StringIO()
    monkeypatch.setattr(sys, "stderr", first)
    configure_logging("INFO", json_output=True)
    try:
        log = structlog.get_logger("doorstep.tests.logging")
        log.info("while_captured")
        assert "while_captured" in first.getvalue()

        first.close()  # a test's capture ends; the cached logger must not keep it
        second = io.StringIO()
        monkeypatch.setattr(sys, "stderr", second)
        log.info("after_capture")
        assert "after_capture" in second.getvalue()
    finally:
        configure_logging("WARNING")


def test_the_access_line_is_the_line_the_structured_logger_writes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The access line skips structlog's processor chain; it must still read as if it had not.
    stamp = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")
    for json_output in (True, False):
        configure_logging("INFO", json_output=json_output)
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id="req-1234567")
        structlog.get_logger("doorstep.access").info(
            "request", method="GET", route="/api/v1/me", status=200, duration_ms=1.5
        )
        access_line("req-1234567", "GET", "/api/v1/me", 200, 1.5)
        first, second = capsys.readouterr().err.splitlines()
        assert stamp.search(second)
        assert stamp.sub("T", first) == stamp.sub("T", second)
    structlog.contextvars.clear_contextvars()
    configure_logging("WARNING")
    access_line("req-1234567", "GET", "/api/v1/me", 200, 1.5)
    assert capsys.readouterr().err == ""
