"""A stand-in for ``python -m doorstep.cli`` used by the ``doorstep run`` tests.

Pure stdlib plus the drivers the project already depends on. Subcommands:

- ``migrate``: connects to DOORSTEP_DATABASE_URL with asyncpg and runs SELECT 1;
  exits FAKE_MIGRATE_EXIT if set;
- ``seed --if-empty``: prints a demo login line;
- ``api --host H --port P``: HTTP server answering /readyz and /healthz with 200 (after
  FAKE_API_READY_AFTER seconds; never when it is "never");
- ``worker``: PINGs DOORSTEP_REDIS_URL through arq's RedisSettings.from_dsn, then sleeps;
  exits with FAKE_WORKER_EXIT after FAKE_WORKER_EXIT_AFTER seconds if set.

Every command appends "<command> <pid>" to $FAKE_LOG when set.
"""

from __future__ import annotations

import asyncio
import http.server
import os
import signal
import sys
import time


def _say(*parts: object) -> None:
    sys.stdout.write(" ".join(str(part) for part in parts) + "\n")
    sys.stdout.flush()


def _log(command: str) -> None:
    path = os.environ.get("FAKE_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"{command} {os.getpid()}\n")


async def _select_one(url: str) -> int:
    import asyncpg

    scheme, _, rest = url.partition("://")
    conn = await asyncpg.connect(f"{scheme.split('+', 1)[0]}://{rest}", timeout=10)
    try:
        return int(await conn.fetchval("SELECT 1"))
    finally:
        await conn.close()


async def _ping(url: str) -> bool:
    from arq.connections import RedisSettings, create_pool

    pool = await create_pool(RedisSettings.from_dsn(url))
    try:
        return bool(await pool.ping())
    finally:
        await pool.aclose()


def migrate() -> int:
    _say("fake migrate: SELECT 1 =", asyncio.run(_select_one(os.environ["DOORSTEP_DATABASE_URL"])))
    return int(os.environ.get("FAKE_MIGRATE_EXIT", "0"))


def seed(args: list[str]) -> int:
    _say(f"fake seed {' '.join(args)}: demo login owner@demo.example / demo-password")
    return 0


def api(args: list[str]) -> int:
    host = args[args.index("--host") + 1]
    port = int(args[args.index("--port") + 1])
    ready_after = os.environ.get("FAKE_API_READY_AFTER", "0")
    started = time.monotonic()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            ready = ready_after != "never" and time.monotonic() - started >= float(ready_after)
            status = 200 if ready and self.path in {"/readyz", "/healthz"} else 503
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            sys.stdout.write(f"fake api: {self.command} {self.path}\n")

    server = http.server.HTTPServer((host, port), Handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    _say(f"fake api listening on {host}:{port}")
    try:
        server.serve_forever(poll_interval=0.1)
    finally:
        server.server_close()
    return 0


def worker() -> int:
    _say("fake worker: PING =", asyncio.run(_ping(os.environ["DOORSTEP_REDIS_URL"])))
    exit_after = os.environ.get("FAKE_WORKER_EXIT_AFTER")
    if exit_after is not None:
        time.sleep(float(exit_after))
        _say("fake worker: giving up")
        return int(os.environ.get("FAKE_WORKER_EXIT", "3"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        time.sleep(1)


def main(argv: list[str]) -> int:
    command, rest = argv[0], argv[1:]
    _log(command)
    if command == "migrate":
        return migrate()
    if command == "seed":
        return seed(rest)
    if command == "api":
        return api(rest)
    if command == "worker":
        return worker()
    sys.stderr.write(f"fake cli: unknown command {command}\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
