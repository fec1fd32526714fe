"""Logging writes to the process's standard error as it is when a line is written."""

from __future__ import annotations

import io
import sys

import pytest
import structlog

from doorstep.core.logging import configure_logging


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
