"""Fixtures for the dev-stack tests: they start real servers and real child processes."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.devstack.devstack_helpers import FAKE_CLI, free_port


def _processes_mentioning(needle: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if needle in cmdline:
            found.append(int(entry.name))
    return found


def _stop_processes_mentioning(needle: str) -> list[int]:
    """SIGTERM the processes whose command line mentions ``needle``; returns their pids."""
    leaked = _processes_mentioning(needle)
    for pid in leaked:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while leaked and time.monotonic() < deadline and _processes_mentioning(needle):
        time.sleep(0.1)
    return leaked


@pytest.fixture(autouse=True)
def _no_leaked_servers(tmp_path: Path) -> Iterator[None]:
    """Fail a test that leaves a process running from its tmp dir (and stop it)."""
    yield
    leaked = _stop_processes_mentioning(str(tmp_path))
    if leaked:
        pytest.fail(f"processes left running from {tmp_path}: {leaked}")


@pytest.fixture
def unused_port() -> int:
    """A loopback port nothing listens on (to force the embedded fallback)."""
    return free_port()


@pytest.fixture
def data_dir() -> Iterator[Path]:
    """A DOORSTEP_DATA_DIR of the test's own, removed afterwards.

    Not under tmp_path: run as root, pgserver starts PostgreSQL as the system user
    ``pgserver``, which must be able to traverse every parent of the data directory, and each
    pytest that starts (say, a concurrent run) chmods /tmp/pytest-of-root back to 0700.
    """
    parent = Path(tempfile.mkdtemp(prefix="doorstep-devstack-"))
    parent.chmod(0o755)
    yield parent / "data"
    leaked = _stop_processes_mentioning(str(parent))
    shutil.rmtree(parent, ignore_errors=True)
    if leaked:
        pytest.fail(f"processes left running from {parent}: {leaked}")


@pytest.fixture
def fake_cli() -> list[str]:
    return [sys.executable, str(FAKE_CLI)]
