"""``doorstep run`` / ``make run``: the whole local stack in one terminal.

After the installs and front-end builds (the Makefile's job) this:

1. resolves PostgreSQL and Redis (env URL, loopback, or embedded; see ``services``) and exports
   ``DOORSTEP_DATABASE_URL`` / ``DOORSTEP_REDIS_URL`` to every child;
2. runs the setup commands (``doorstep migrate``, ``doorstep seed --if-empty``) in order;
3. supervises the children (API, worker, and whatever :data:`CHILDREN` lists), waits for the
   API's ``/readyz`` and prints the URLs;
4. on Ctrl-C / SIGTERM, or when any child exits, stops the children, then the embedded servers.

Adding a child service is one function returning a :class:`ChildSpec` and one line in
:data:`CHILDREN`. A factory may also export settings to every child (``ctx.env``) and add
lines to the banner (``ctx.banner``); the environment is assembled from ``ctx.env`` after
every factory has run, so order does not matter.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from doorstep.devstack.console import Printer, paint, say
from doorstep.devstack.localstripe import localstripe_child
from doorstep.devstack.mailsink import mail_sink_child
from doorstep.devstack.services import (
    ResolvedService,
    ServiceError,
    resolve_database_url,
    resolve_redis_url,
)
from doorstep.devstack.supervisor import (
    ChildSpec,
    Outcome,
    Stopped,
    Supervisor,
    WaitResult,
    termination_signals,
)
from doorstep.seed import demo_logins

__all__ = [
    "CHILDREN",
    "SETUP_STEPS",
    "ChildFactory",
    "RunContext",
    "SetupStep",
    "api_child",
    "build_parser",
    "main",
    "worker_child",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_READY_TIMEOUT = 60.0
_LABELS = {"postgres": "database", "redis": "job queue"}
_WILDCARD_HOSTS = {"0.0.0.0", "::", ""}  # noqa: S104 - names the wildcard, binds nothing


@dataclass
class RunContext:
    """What child factories and setup steps see."""

    args: argparse.Namespace
    cli: list[str]  # how to invoke the doorstep command: [python, "-m", "doorstep.cli"]
    host: str
    port: int
    env: dict[str, str]  # the environment of every child; factories may add to it
    banner: list[tuple[str, str]] = field(default_factory=list)  # extra (label, value) lines

    @property
    def local_host(self) -> str:
        """The host to reach the API at (a wildcard bind is reached over loopback)."""
        if self.host in _WILDCARD_HOSTS:
            return "::1" if self.host == "::" else "127.0.0.1"
        return self.host

    @property
    def base_url(self) -> str:
        host = self.local_host
        return f"http://[{host}]:{self.port}" if ":" in host else f"http://{host}:{self.port}"


ChildFactory = Callable[[RunContext], ChildSpec | None]


def api_child(ctx: RunContext) -> ChildSpec:
    # One process locally: it starts in a second, its logs read in order, and a laptop keeps
    # its cores for the browser, the worker and the build. Deployments run one per core.
    return ChildSpec(
        "api",
        [*ctx.cli, "api", "--host", ctx.host, "--port", str(ctx.port), "--workers", "1"],
        colour="36",
    )


def worker_child(ctx: RunContext) -> ChildSpec | None:
    if ctx.args.no_worker:
        return None
    return ChildSpec("worker", [*ctx.cli, "worker"], colour="35")


# The children of `doorstep run`, in start order. A later issue adds e.g. a localstripe server
# and an SMTP sink: write `def localstripe_child(ctx)` (pick a port, set
# ctx.env["DOORSTEP_STRIPE_API_BASE"], append to ctx.banner, return a ChildSpec) and list it.
CHILDREN: list[ChildFactory] = [api_child, worker_child, mail_sink_child, localstripe_child]


@dataclass(frozen=True)
class SetupStep:
    title: str
    args: Sequence[str]  # arguments to the doorstep command


# Run in order before any child starts; the first failure stops `doorstep run`.
SETUP_STEPS: list[SetupStep] = [
    SetupStep("migrating the database", ["migrate"]),
    SetupStep("seeding the demo agency (if the database is empty)", ["seed", "--if-empty"]),
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="doorstep run",
        description="Run the API, the worker and their services locally.",
    )
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address the API binds (default {DEFAULT_HOST})"
    )
    parser.add_argument(
        "--port",
        type=int,
        default=None,
        help=f"API port (default $DOORSTEP_PORT or {DEFAULT_PORT})",
    )
    parser.add_argument("--no-worker", action="store_true", help="do not start the arq worker")
    parser.add_argument(
        "--settings-file",
        type=Path,
        metavar="PATH",
        help="write the DOORSTEP_* settings every child gets to PATH (a JSON object, readable "
        "by you alone), so that one-off commands run against this stack: e.g. `doorstep tick "
        "--at …` with the same database, gateway, mail server and secret key",
    )
    parser.add_argument(
        "--ready-timeout",
        type=float,
        default=DEFAULT_READY_TIMEOUT,
        metavar="SECONDS",
        help=f"how long to wait for the API's /readyz (default {DEFAULT_READY_TIMEOUT:g})",
    )
    return parser


def _default_port(env: Mapping[str, str]) -> int:
    raw = env.get("DOORSTEP_PORT")
    if not raw:
        return DEFAULT_PORT
    try:
        return int(raw)
    except ValueError:
        raise ServiceError(f"DOORSTEP_PORT must be a port number, not {raw!r}") from None


def _backend_dir() -> Path:
    return Path(__file__).resolve().parents[2]


def _child_environment(env: Mapping[str, str]) -> dict[str, str]:
    child_env = dict(env)
    # Children import doorstep from this checkout even when it is not pip-installed.
    backend = str(_backend_dir())
    paths = [p for p in child_env.get("PYTHONPATH", "").split(os.pathsep) if p]
    if backend not in paths:
        child_env["PYTHONPATH"] = os.pathsep.join([backend, *paths])
    return child_env


def _port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _answers_200(url: str, timeout: float = 1.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - http URL we built
            return int(response.status) == 200
    except (urllib.error.URLError, http.client.HTTPException, OSError):
        return False


def _poller(url: str, interval: float) -> Callable[[], bool]:
    last = 0.0

    def ready() -> bool:
        nonlocal last
        now = time.monotonic()
        if now - last < interval:
            return False
        last = now
        return _answers_200(url)

    return ready


def write_settings_file(path: Path, env: Mapping[str, str]) -> None:
    """The children's DOORSTEP_* settings as a JSON object, created readable by the owner
    alone (it holds the secret key) and replaced whole, so a reader never sees half of it."""
    settings = {name: value for name, value in sorted(env.items()) if name.startswith("DOORSTEP_")}
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.part")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(settings, handle, indent=2)
        handle.write("\n")
    partial.replace(path)


def _run_setup(ctx: RunContext) -> int:
    for step in SETUP_STEPS:
        say(f"{step.title} ...")
        started = time.monotonic()
        completed = subprocess.run(  # noqa: S603 - our own command line
            [*ctx.cli, *step.args], env=ctx.env, check=False
        )
        if completed.returncode != 0:
            say(f"`doorstep {' '.join(step.args)}` failed with code {completed.returncode}")
            return completed.returncode
        say(f"{step.title}: done in {time.monotonic() - started:.1f}s")
    return 0


def _banner(ctx: RunContext, services: Sequence[ResolvedService], children: list[str]) -> str:
    printer = Printer()
    bold = printer.colour
    base = ctx.base_url
    rows = [
        ("API", f"{base}/api/v1"),
        ("API docs", f"{base}/docs"),
        ("tenant portal", f"{base}/portal/"),
        ("agency app", f"{base}/agency/"),
        *ctx.banner,
        *((_LABELS[service.name], service.description) for service in services),
        ("processes", ", ".join(children)),
    ]
    logins = [(login.who, f"{login.email} / {login.password}") for login in demo_logins()]
    width = max(len(label) for label, _ in rows + logins)
    rule = "─" * 64
    lines = [rule, paint("  Doorstep is running", "1;32", enabled=bold)]
    lines += [f"    {label.ljust(width)}  {value}" for label, value in rows]
    lines += ["  Demo logins (when the demo agency was seeded):"]
    lines += [f"    {label.ljust(width)}  {value}" for label, value in logins]
    lines += ["  Press Ctrl-C to stop.", rule]
    return "\n".join(lines)


def main(
    argv: list[str] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    cli: Sequence[str] | None = None,
) -> int:
    """Run the stack until Ctrl-C / SIGTERM (returns 0) or until a child fails (non-zero).

    ``env`` defaults to ``os.environ``; ``cli`` (how to call the doorstep command) defaults to
    ``[sys.executable, "-m", "doorstep.cli"]`` — tests pass a stand-in.
    """
    args = build_parser().parse_args(argv)
    base_env = dict(os.environ if env is None else env)
    try:
        with termination_signals():
            return _main(args, base_env, list(cli or [sys.executable, "-m", "doorstep.cli"]))
    except (KeyboardInterrupt, Stopped):
        say("interrupted")
        return 130
    except ServiceError as exc:
        say(f"error: {exc}")
        return 1


def _main(args: argparse.Namespace, base_env: dict[str, str], cli: list[str]) -> int:
    port = args.port if args.port is not None else _default_port(base_env)
    if not _port_free(args.host, port):
        say(f"error: {args.host}:{port} is in use; choose another with --port or DOORSTEP_PORT")
        return 1

    with contextlib.ExitStack() as stack:
        services: list[ResolvedService] = []
        for resolve in (resolve_database_url, resolve_redis_url):
            service = stack.enter_context(resolve(base_env))
            if not service.embedded:  # an embedded start has already said where it is
                say(f"{_LABELS[service.name]}: {service.description}")
            services.append(service)
        database, redis = services

        child_env = _child_environment(base_env)
        child_env["DOORSTEP_DATABASE_URL"] = database.url
        child_env["DOORSTEP_REDIS_URL"] = redis.url
        ctx = RunContext(args=args, cli=cli, host=args.host, port=port, env=child_env)

        specs = [spec for factory in CHILDREN if (spec := factory(ctx)) is not None]
        if args.settings_file is not None:
            write_settings_file(args.settings_file, ctx.env)
        status = _run_setup(ctx)
        if status != 0:
            return status

        say(f"starting {', '.join(spec.name for spec in specs)} ...")
        supervisor = stack.enter_context(Supervisor(specs, base_env=ctx.env))
        ready_url = f"{ctx.base_url}/readyz"
        try:
            outcome = supervisor.wait(until=_poller(ready_url, 0.25), timeout=args.ready_timeout)
            if outcome.result is WaitResult.READY:
                Printer().line(_banner(ctx, services, supervisor.children))
                outcome = supervisor.wait()
            elif outcome.result is WaitResult.TIMEOUT:
                say(
                    f"error: the API did not answer 200 at {ready_url} within "
                    f"{args.ready_timeout:g}s (see its output above); stopping"
                )
        except (KeyboardInterrupt, Stopped):  # between two waits: a stop all the same
            outcome = Outcome(WaitResult.INTERRUPTED)
        supervisor.report(outcome)
        return outcome.exit_code


if __name__ == "__main__":
    sys.exit(main())
