"""A really started API process for tests that need one (schemathesis, worker checks)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO

import httpx

from doorstep.core.settings import REPO_ROOT
from tests.conftest import TEST_DATABASE_URL, TEST_REDIS_URL


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# The secret key of the processes these tests start: tokens a test makes for them use it.
LIVE_SECRET_KEY = "live-test-secret-0123456789abcdef"


def service_env(**extra: str) -> dict[str, str]:
    return (
        os.environ
        | {
            "DOORSTEP_ENV": "test",
            "DOORSTEP_DATABASE_URL": TEST_DATABASE_URL,
            "DOORSTEP_REDIS_URL": TEST_REDIS_URL,
            "DOORSTEP_SECRET_KEY": LIVE_SECRET_KEY,
            "DOORSTEP_LOG_LEVEL": "WARNING",
        }
        | extra
    )


@dataclass(frozen=True)
class LiveApi:
    base_url: str
    process: subprocess.Popen[str]

    def kill(self) -> None:
        """SIGKILL the API and every process it started (a crash: nothing cleans up)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


def _wait_ready(base_url: str, process: subprocess.Popen[str], errors: IO[str]) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{base_url}/readyz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            errors.seek(0)
            raise RuntimeError(f"the API did not start: {errors.read()}")
        time.sleep(0.1)


@contextmanager
def live_api(**env: str) -> Iterator[LiveApi]:
    """``env``: settings of the started process beside the tests' own (``DOORSTEP_…``)."""
    # The server inherits a socket bound and listening here: with a port chosen first and bound
    # later, another test's server could take it in between and answer this test's requests.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    port = listener.getsockname()[1]
    # A file, not a pipe: a pipe nobody reads would fill up and stall the server.
    with listener, tempfile.TemporaryFile(mode="w+") as errors:
        fd = listener.fileno()
        process = subprocess.Popen(
            # One process: it starts sooner, and these tests need no more.
            [sys.executable, "-m", "doorstep.cli", "api", "--fd", str(fd), "--workers", "1"],
            env=service_env(**env),
            cwd=REPO_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            text=True,
            pass_fds=[fd],
            # A group of its own, so a test can kill the server with whatever workers it runs.
            start_new_session=True,
        )
        listener.close()
        base_url = f"http://127.0.0.1:{port}"
        try:
            _wait_ready(base_url, process, errors)
            yield LiveApi(base_url, process)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
