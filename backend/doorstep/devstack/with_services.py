"""``doorstep with-services -- COMMAND ...``: run a command (``make test`` runs its checks this
way) with PostgreSQL and Redis found or started the way ``doorstep run`` finds them.

Each service comes from, in order: the test settings already in the environment, the
configured URL (``DOORSTEP_DATABASE_URL`` / ``DOORSTEP_REDIS_URL``), a server on loopback, or an
embedded server (see ``services``). The command gets these, unless already set:

- ``DOORSTEP_TEST_ADMIN_DSN``: the PostgreSQL server's ``postgres`` database; each pytest run
  creates and drops a database of its own there;
- ``DOORSTEP_TEST_REDIS_URL``: a Redis database for pytest (1-13, chosen by this process's id,
  so that concurrent runs on one server rarely share one; 0 is for development);
- ``DOORSTEP_E2E_POSTGRES_URL`` / ``DOORSTEP_E2E_REDIS_URL``: the same for the end-to-end suite
  (Redis database 14).

The embedded PostgreSQL keeps its data in ``<data dir>/test`` (apart from ``doorstep run``'s);
the embedded Redis runs in a temporary directory of this run's own, so two runs never contend
for it. Whatever was started is stopped when the command ends, and the command's exit status
is returned.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from types import FrameType
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from doorstep.devstack.console import say
from doorstep.devstack.services import (
    ServiceError,
    default_data_dir,
    resolve_database_url,
    resolve_redis_url,
)

__all__ = ["E2E_REDIS_DATABASE", "main", "postgres_server_dsn", "redis_database_url"]

TEST_REDIS_DATABASES = range(1, 14)
E2E_REDIS_DATABASE = 14
USAGE = "usage: doorstep with-services [--] COMMAND [ARG ...]"


def postgres_server_dsn(url: str, database: str = "postgres") -> str:
    """A libpq-style DSN for ``database`` on the server of a SQLAlchemy or libpq URL.

    A Unix-socket URL (``postgresql+asyncpg://postgres@/x?host=/dir``) becomes
    ``postgresql:///postgres?host=/dir&user=postgres``: the same server for psql, asyncpg and
    SQLAlchemy, and one that JavaScript's URL parser accepts (it refuses a user without a host).
    """
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    netloc = parts.netloc
    if not parts.hostname and "@" in netloc:
        userinfo = netloc.rsplit("@", 1)[0]
        netloc = ""
        user, _, password = userinfo.partition(":")
        names = {key for key, _ in query}
        if user and "user" not in names:
            query.append(("user", user))
        if password and "password" not in names:
            query.append(("password", password))
    return _url("postgresql", netloc, f"/{quote(database)}", query)


def redis_database_url(url: str, database: int) -> str:
    """The URL of another database on the same Redis server (``/N``, or ``?db=N`` on a socket)."""
    parts = urlsplit(url)
    if parts.scheme == "unix":
        query = [(key, value) for key, value in parse_qsl(parts.query) if key != "db"]
        query.append(("db", str(database)))
        return _url(parts.scheme, parts.netloc, parts.path, query)
    return urlunsplit(parts._replace(path=f"/{database}"))


def _url(scheme: str, netloc: str, path: str, query: list[tuple[str, str]]) -> str:
    # Not urlunsplit: it drops the "//" of an empty host (unix:///x.sock becomes unix:/x.sock).
    encoded = urlencode(query, safe="/", quote_via=quote)
    return f"{scheme}://{netloc}{path}" + (f"?{encoded}" if encoded else "")


def _pgserver_bin() -> Path | None:
    """The bundled PostgreSQL client tools (psql, for the end-to-end suite), if installed."""
    from importlib.util import find_spec

    spec = find_spec("pgserver")
    if spec is None or spec.origin is None:
        return None
    candidate = Path(spec.origin).parent / "pginstall" / "bin"
    return candidate if (candidate / "psql").is_file() else None


def _command_env(base: Mapping[str, str], exports: Mapping[str, str]) -> dict[str, str]:
    env = {**base, **exports}
    # psql for the end-to-end suite where the machine has none; a system psql still comes first.
    bin_dir = _pgserver_bin()
    if bin_dir is not None and shutil.which("psql", path=env.get("PATH")) is None:
        env["PATH"] = os.pathsep.join(filter(None, [env.get("PATH", ""), str(bin_dir)]))
    return env


def _in_terminal_foreground() -> bool:
    try:
        return os.tcgetpgrp(sys.stdin.fileno()) == os.getpgrp()
    except (OSError, ValueError):  # no terminal: stdin is a file, a pipe or closed
        return False


def _run(command: list[str], env: Mapping[str, str]) -> int:
    """Run the command in our process group (a Ctrl-C in the terminal reaches it directly) and
    pass on a SIGTERM, SIGHUP or SIGINT sent to us alone; return its exit status."""
    try:
        child = subprocess.Popen(command, env=dict(env))  # noqa: S603 - the user's own command
    except OSError as exc:
        say(f"error: cannot run {command[0]}: {exc}")
        return 127

    def forward(signum: int, frame: FrameType | None) -> None:
        if signum == signal.SIGINT and _in_terminal_foreground():
            return  # a Ctrl-C: the terminal has sent it to the command as well
        with contextlib.suppress(ProcessLookupError):
            child.send_signal(signum)

    # SIGINT too, set here whatever we inherited: started with SIGINT ignored (a background
    # job), we would otherwise never pass it on.
    sigs = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {sig: signal.signal(sig, forward) for sig in sigs}
    try:
        code = child.wait()
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
    return code if code >= 0 else 128 - code


def main(argv: list[str] | None = None, *, env: Mapping[str, str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--"]:
        args = args[1:]
    if not args or args[0] in {"-h", "--help"}:
        say(USAGE)
        return 0 if args else 2
    base = dict(os.environ if env is None else env)

    with contextlib.ExitStack() as stack:
        exports: dict[str, str] = {}
        try:
            admin_dsn = base.get("DOORSTEP_TEST_ADMIN_DSN")
            if not admin_dsn:
                postgres = stack.enter_context(
                    resolve_database_url(
                        base, data_dir=default_data_dir(base) / "test", database="postgres"
                    )
                )
                if not postgres.embedded:  # an embedded start has already said where it is
                    say(f"PostgreSQL for the tests: {postgres.description}")
                admin_dsn = exports["DOORSTEP_TEST_ADMIN_DSN"] = postgres_server_dsn(postgres.url)
            exports["DOORSTEP_E2E_POSTGRES_URL"] = (
                base.get("DOORSTEP_E2E_POSTGRES_URL") or admin_dsn
            )

            redis_url = base.get("DOORSTEP_TEST_REDIS_URL")
            if not redis_url:
                run_dir = Path(tempfile.mkdtemp(prefix="doorstep-test-"))
                stack.callback(shutil.rmtree, run_dir, ignore_errors=True)
                redis = stack.enter_context(resolve_redis_url(base, data_dir=run_dir))
                if not redis.embedded:  # an embedded start has already said where it is
                    say(f"Redis for the tests: {redis.description}")
                database = TEST_REDIS_DATABASES[os.getpid() % len(TEST_REDIS_DATABASES)]
                redis_url = exports["DOORSTEP_TEST_REDIS_URL"] = redis_database_url(
                    redis.url, database
                )
            exports["DOORSTEP_E2E_REDIS_URL"] = base.get(
                "DOORSTEP_E2E_REDIS_URL"
            ) or redis_database_url(redis_url, E2E_REDIS_DATABASE)
        except ServiceError as exc:
            say(f"error: {exc}")
            return 1
        return _run(args, _command_env(base, exports))
