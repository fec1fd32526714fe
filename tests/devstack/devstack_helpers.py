"""Helpers shared by the dev-stack tests (imported as a top-level module by pytest)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

FAKE_CLI = Path(__file__).with_name("fake_cli.py")
BACKEND = Path(__file__).resolve().parents[2] / "backend"


def answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1.0):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on a private loop in another thread (leaves pytest-asyncio's loop be)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def pid_alive(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def wait_dead(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not pid_alive(pid):
            return True
        time.sleep(0.05)
    return False


def child_env(**extra: str) -> dict[str, str]:
    """os.environ plus the checkout's backend dir on PYTHONPATH, for Python subprocesses."""
    paths = [str(BACKEND), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), **extra}


def python() -> str:
    return sys.executable


class Output:
    """Collects a child's merged stdout/stderr on a thread, so waiting for a line can time out."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        self._stdout = proc.stdout
        self._lines: list[str] = []
        self._cond = threading.Condition()
        self._done = False
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        for line in self._stdout:
            with self._cond:
                self._lines.append(line)
                self._cond.notify_all()
        with self._cond:
            self._done = True
            self._cond.notify_all()

    @property
    def text(self) -> str:
        with self._cond:
            return "".join(self._lines)

    def wait_for(self, needle: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                if any(needle in line for line in self._lines):
                    return True
                remaining = deadline - time.monotonic()
                if self._done or remaining <= 0:
                    return False
                self._cond.wait(remaining)

    def close(self, timeout: float = 5.0) -> None:
        self._thread.join(timeout)
        self._stdout.close()


@contextlib.contextmanager
def spawned(argv: list[str], env: dict[str, str]) -> Iterator[tuple[subprocess.Popen[str], Output]]:
    """Run argv with output collected; on the way out make sure it is gone, even if the test
    failed half-way: SIGTERM (it cleans up after itself), then SIGKILL after 30 s."""
    proc = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    output = Output(proc)
    try:
        yield proc, output
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        output.close()
