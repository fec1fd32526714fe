"""Run several child processes as one: prefixed output, shared fate, clean shutdown.

Each child runs in its own process group, with stdout and stderr merged into a pipe that a
reader thread copies to our stdout line by line, prefixed with the child's coloured name.
The supervisor stops every child (SIGTERM to each process group, SIGKILL after a grace
period) when it is asked to (Ctrl-C, SIGTERM) or as soon as one child exits on its own.

Typical use::

    with Supervisor([ChildSpec("api", [...]), ChildSpec("worker", [...])]) as sup:
        outcome = sup.wait()          # returns when a child exits or on Ctrl-C / SIGTERM
    return outcome.exit_code
"""

from __future__ import annotations

import contextlib
import ctypes
import enum
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, TracebackType
from typing import Self, TextIO

from doorstep.devstack.console import COLOURS, Printer, paint

__all__ = [
    "ChildExit",
    "ChildSpec",
    "Outcome",
    "Stopped",
    "Supervisor",
    "WaitResult",
    "termination_signals",
]


@dataclass(frozen=True)
class ChildSpec:
    """One child process: a short name for its output prefix, its argv, and extra env.

    ``env`` is laid over the supervisor's base environment (``None`` values remove a
    variable). ``colour`` is an SGR code such as ``"36"``; by default children get distinct
    colours in order.
    """

    name: str
    argv: Sequence[str]
    env: Mapping[str, str | None] = field(default_factory=dict)
    cwd: Path | None = None
    colour: str | None = None


@dataclass(frozen=True)
class ChildExit:
    name: str
    returncode: int

    def describe(self) -> str:
        if self.returncode < 0:
            try:
                sig = signal.Signals(-self.returncode).name
            except ValueError:
                sig = f"signal {-self.returncode}"
            return f"{self.name} was killed by {sig}"
        return f"{self.name} exited with code {self.returncode}"


class Stopped(Exception):
    """Raised in the main thread when SIGTERM/SIGHUP arrives inside :func:`termination_signals`."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class WaitResult(enum.Enum):
    READY = "ready"  # the ``until`` predicate returned True
    CHILD_EXITED = "child exited"
    TIMEOUT = "timeout"
    INTERRUPTED = "interrupted"  # Ctrl-C or SIGTERM


@dataclass(frozen=True)
class Outcome:
    result: WaitResult
    exited: ChildExit | None = None

    @property
    def exit_code(self) -> int:
        """0 for READY or a requested stop; non-zero when a child exited or time ran out."""
        if self.result is WaitResult.CHILD_EXITED:
            assert self.exited is not None
            return self.exited.returncode if self.exited.returncode > 0 else 1
        if self.result is WaitResult.TIMEOUT:
            return 1
        return 0


@contextlib.contextmanager
def termination_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into :class:`Stopped`, and SIGINT into KeyboardInterrupt.

    SIGINT gets its handler here too rather than relying on Python's default: a process started
    with SIGINT ignored (a background job of a non-interactive shell, some CI runners and
    process managers) inherits that, Python then installs no KeyboardInterrupt handler, and
    Ctrl-C / ``kill -INT`` would do nothing.

    Only in the main thread; elsewhere this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        raise Stopped(signum)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGHUP)}
    previous[signal.SIGINT] = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _parent_death_signal() -> Callable[[], None] | None:
    """A preexec_fn asking Linux to SIGTERM the child if we die without cleaning up
    (e.g. SIGKILL). Resolved before fork; the child only makes one libc call."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1
    sigterm = int(signal.SIGTERM)

    def preexec() -> None:
        prctl(pr_set_pdeathsig, sigterm, 0, 0, 0)

    return preexec


class _Child:
    def __init__(self, spec: ChildSpec, proc: subprocess.Popen[bytes], prefix: str) -> None:
        self.spec = spec
        self.proc = proc
        self.prefix = prefix
        self.reader: threading.Thread | None = None
        self.exit: ChildExit | None = None

    @property
    def pid(self) -> int:
        return self.proc.pid

    def exited_without_reaping(self) -> ChildExit | None:
        """The child's exit once it has exited, else None.

        The child is not reaped: it stays a zombie, so neither its pid nor its process group
        id can be reused until :meth:`reap`, which keeps ``killpg`` on the group safe.
        """
        if self.exit is not None:
            return self.exit
        try:
            info = os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:  # already reaped elsewhere
            return self.reap()
        if info is None:
            return None
        if info.si_code == os.CLD_EXITED:
            return ChildExit(self.spec.name, info.si_status)
        return ChildExit(self.spec.name, -info.si_status)

    def reap(self) -> ChildExit:
        if self.exit is None:
            self.exit = ChildExit(self.spec.name, self.proc.wait())
        return self.exit

    def signal_group(self, sig: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, sig)


class Supervisor:
    """Starts children, multiplexes their output, and stops them together."""

    def __init__(
        self,
        specs: Sequence[ChildSpec],
        *,
        base_env: Mapping[str, str] | None = None,
        grace: float = 10.0,
        stream: TextIO | None = None,
        poll_interval: float = 0.1,
    ) -> None:
        names = [spec.name for spec in specs]
        if len(set(names)) != len(names):
            raise ValueError(f"child names must be unique: {names}")
        self.specs = list(specs)
        self.base_env = dict(os.environ if base_env is None else base_env)
        self.grace = grace
        self.poll_interval = poll_interval
        self._printer = Printer(stream)
        self._children: list[_Child] = []
        self._stopping = False
        self._hurry = False

    # ---------------------------------------------------------------- lifecycle

    def start(self) -> None:
        """Spawn every child, then start the output readers (no threads exist while forking).

        Call it from a thread that lives as long as the children (normally the main thread):
        on Linux each child gets SIGTERM when the thread that started it ends, so that children
        never outlive a supervisor killed with SIGKILL.
        """
        if self._children:
            raise RuntimeError("already started")
        width = max((len(spec.name) for spec in self.specs), default=0)
        colour = self._printer.colour
        preexec = _parent_death_signal()
        try:
            for index, spec in enumerate(self.specs):
                env = self._child_env(spec)
                proc = subprocess.Popen(  # noqa: S603 - argv comes from our own ChildSpecs
                    list(spec.argv),
                    env=env,
                    cwd=spec.cwd,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    process_group=0,
                    preexec_fn=preexec,  # safe: no thread of ours runs yet
                )
                label = paint(
                    spec.name.ljust(width),
                    spec.colour or COLOURS[index % len(COLOURS)],
                    enabled=colour,
                )
                self._children.append(_Child(spec, proc, f"{label} | "))
        except BaseException:
            self.stop()
            raise
        for child in self._children:
            child.reader = threading.Thread(
                target=self._pump, args=(child,), name=f"output-{child.spec.name}", daemon=True
            )
            child.reader.start()

    def _child_env(self, spec: ChildSpec) -> dict[str, str]:
        env = dict(self.base_env)
        env.setdefault("PYTHONUNBUFFERED", "1")  # line-by-line output through the pipe
        if self._printer.colour:
            env.setdefault("FORCE_COLOR", "1")
        for key, value in spec.env.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        return env

    def _pump(self, child: _Child) -> None:
        stdout = child.proc.stdout
        assert stdout is not None
        with stdout:
            for raw in iter(stdout.readline, b""):
                text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
                self._printer.line(child.prefix + text)

    @property
    def children(self) -> list[str]:
        return [child.spec.name for child in self._children]

    def pid(self, name: str) -> int:
        for child in self._children:
            if child.spec.name == name:
                return child.pid
        raise KeyError(name)

    def first_exit(self) -> ChildExit | None:
        """The first child found to have exited, or None while all run."""
        for child in self._children:
            exited = child.exited_without_reaping()
            if exited is not None:
                return exited
        return None

    def wait(
        self, until: Callable[[], bool] | None = None, timeout: float | None = None
    ) -> Outcome:
        """Block until ``until()`` is true, a child exits, ``timeout`` passes, or we are asked
        to stop (KeyboardInterrupt, or :class:`Stopped` under :func:`termination_signals`).

        Does not stop the children itself: :meth:`stop` (or leaving the ``with``) does.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            with termination_signals():
                while True:
                    exited = self.first_exit()
                    if exited is not None:
                        return Outcome(WaitResult.CHILD_EXITED, exited)
                    if until is not None and until():
                        return Outcome(WaitResult.READY)
                    if deadline is not None and time.monotonic() >= deadline:
                        return Outcome(WaitResult.TIMEOUT)
                    time.sleep(self.poll_interval)
        except (KeyboardInterrupt, Stopped):
            return Outcome(WaitResult.INTERRUPTED)

    def stop(self) -> list[ChildExit]:
        """SIGTERM each child's process group, SIGKILL whatever is left after the grace period
        (or at once on a second Ctrl-C / SIGTERM). Returns every child's exit. Idempotent."""
        if self._stopping:
            return [child.reap() for child in self._children]
        self._stopping = True
        with self._hurry_on_signal():
            for child in self._children:
                if child.exited_without_reaping() is None:
                    child.signal_group(signal.SIGTERM)
            deadline = time.monotonic() + self.grace
            while not self._hurry and time.monotonic() < deadline:
                if all(child.exited_without_reaping() is not None for child in self._children):
                    break
                time.sleep(0.05)
            for child in self._children:
                # The leader is unreaped (alive or a zombie), so its group id is still ours:
                # this also takes down any grandchildren that ignored SIGTERM.
                if child.exited_without_reaping() is None:
                    self._say(f"{child.spec.name} did not stop within {self.grace:g}s: SIGKILL")
                child.signal_group(signal.SIGKILL)
            exits = [child.reap() for child in self._children]
        for child in self._children:
            if child.reader is not None:
                child.reader.join(timeout=2.0)
        return exits

    @contextlib.contextmanager
    def _hurry_on_signal(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return

        def hurry(signum: int, frame: FrameType | None) -> None:
            self._hurry = True

        sigs = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
        previous = {sig: signal.signal(sig, hurry) for sig in sigs}
        try:
            yield
        finally:
            for sig, old in previous.items():
                signal.signal(sig, old)

    def _say(self, message: str) -> None:
        prefix = paint("doorstep", "1", enabled=self._printer.colour)
        self._printer.line(f"{prefix} | {message}")

    def run(self) -> int:
        """Start, wait until a child exits or we are told to stop, stop everything.

        Returns 0 after a requested stop, the child's code (or 1) when one exited by itself.
        A stop asked for while the children are still being started (their first lines can
        come out before this thread reaches :meth:`wait` on a loaded machine) is a stop too:
        what started is stopped, and it is not an unhandled KeyboardInterrupt.
        """
        with termination_signals():
            try:
                with self:
                    outcome = self.wait()
                    self.report(outcome)
            except (KeyboardInterrupt, Stopped):
                self.stop()
                outcome = Outcome(WaitResult.INTERRUPTED)
                self.report(outcome)
        return outcome.exit_code

    def report(self, outcome: Outcome) -> None:
        if outcome.result is WaitResult.CHILD_EXITED and outcome.exited is not None:
            # What the child printed before it exited comes before the line saying it did: its
            # output is read by another thread, which reaches the end shortly after the exit.
            for child in self._children:
                if child.spec.name == outcome.exited.name and child.reader is not None:
                    child.reader.join(timeout=2.0)
            others = [name for name in self.children if name != outcome.exited.name]
            tail = f"; stopping {', '.join(others)}" if others else ""
            self._say(f"{outcome.exited.describe()}{tail}")
        elif outcome.result is WaitResult.INTERRUPTED:
            self._say("stopping ...")

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
