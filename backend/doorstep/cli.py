"""The ``doorstep`` command: run, with-services, migrate, encrypt-files, seed, tick, openapi,
create-agency, create-user."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import os
import socket
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from datetime import datetime
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.core.clock import SystemClock, ensure_aware
from doorstep.core.db import Database
from doorstep.core.logging import configure_logging
from doorstep.core.settings import get_settings

T = TypeVar("T")


@contextmanager
def step(message: str) -> Iterator[None]:
    """Show a long step as it starts and how long it took."""
    print(f"• {message} ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    try:
        yield
    except BaseException:
        print(f"  {message}: failed", file=sys.stderr, flush=True)
        raise
    print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)


def _in_transaction(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    async def run() -> T:
        async with _database(pool_size=2) as database, database.transaction() as session:
            return await work(session)

    return asyncio.run(run())


@asynccontextmanager
async def _database(*, pool_size: int) -> AsyncIterator[Database]:
    """The configured database; jobs its transactions ask for (an e-mail's delivery) go to
    the workers through Redis, and if Redis does not answer, the next tick does their work."""
    from arq.connections import ArqRedis

    settings = get_settings()
    queue = ArqRedis.from_url(settings.redis_url)
    database = Database.from_url(settings.database_url, pool_size=pool_size, job_queue=queue)
    try:
        yield database
    finally:
        await database.dispose()
        await queue.aclose()


def cmd_migrate(args: argparse.Namespace) -> int:
    from doorstep.core.migrations import upgrade_to_head

    with step("Migrating the database to the latest schema"):
        upgrade_to_head(get_settings().database_url)
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    from doorstep.seed import database_is_empty, demo_logins, seed_demo

    async def seed(session: AsyncSession) -> bool:
        if args.if_empty and not await database_is_empty(session):
            return False
        await seed_demo(session, SystemClock().now())
        return True

    with step("Seeding the demo agency"):
        created = _in_transaction(seed)
    if not created:
        print("  the database already has data: nothing seeded")
        return 0
    print("\nDemo logins:")
    for login in demo_logins():
        print(f"  {login.who:<22} {login.email:<32} {login.password}")
    return 0


def _parse_instant(value: str) -> datetime:
    try:
        return ensure_aware(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not an ISO 8601 instant with a timezone, e.g. 2026-12-01T09:00:00Z"
        ) from exc


def cmd_tick(args: argparse.Namespace) -> int:
    from doorstep.recurring.jobs import charges_enqueued_to
    from doorstep.scheduler.concerns import registry
    from doorstep.scheduler.service import tick

    instant = args.at or SystemClock().now()

    async def run() -> dict[str, Any]:
        async with _database(pool_size=4) as database:
            only_agency = None
            if args.agency is not None:
                async with database.transaction() as session:
                    only_agency = (await _find_agency(session, args.agency)).id
            # Due recurring charges are taken in this process, unless the workers are asked to
            # (then the report counts the batch jobs enqueued).
            with charges_enqueued_to(database.job_queue if args.enqueue_charges else None):
                report = await tick(database, registry, instant, only_agency=only_agency)
        return {
            "instant": report.instant.isoformat(),
            "agency": None if only_agency is None else str(only_agency),
            "concerns": report.concerns,
            "failures": report.summary()["failures"],
            "tasks_done": report.tasks_done,
            "tasks_failed": report.tasks_failed,
            "tasks_retrying": report.tasks_retrying,
        }

    with step(f"Running the scheduler's cycle for {instant.isoformat()}"):
        report = asyncio.run(run())
    print(json.dumps(report, indent=2))
    # The rest of the cycle ran; a failure (logged above with its traceback) still makes the
    # command fail, so a script replaying ticks sees it.
    return 1 if report["failures"] else 0


def cmd_openapi(args: argparse.Namespace) -> int:
    from doorstep.app import create_app

    schema = create_app().openapi()
    sys.stdout.write(json.dumps(schema, indent=2, sort_keys=False) + "\n")
    return 0


def _read_password(prompt: str) -> str:
    if sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if getpass.getpass("Repeat it: ") != first:
            raise SystemExit("The passwords differ.")
        return first
    return sys.stdin.readline().rstrip("\n")


def cmd_create_agency(args: argparse.Namespace) -> int:
    from doorstep.agencies.schemas import AgencyCreate
    from doorstep.agencies.service import create_agency

    try:
        data = AgencyCreate(
            name=args.name,
            country=args.country,
            currency=args.currency,
            locale=args.locale,
            timezone=args.timezone,
        )
    except ValidationError as exc:
        raise SystemExit(_validation_text(exc)) from exc

    async def create(session: AsyncSession) -> str:
        return str((await create_agency(session, data)).id)

    agency_id = _in_transaction(create)
    print(f"Created agency {data.name}: {agency_id}")
    return 0


def _validation_text(exc: ValidationError) -> str:
    return "\n".join(
        f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
    )


async def _find_agency(session: AsyncSession, reference: str) -> Any:
    import uuid

    from doorstep.agencies.models import Agency

    conditions = [func.lower(Agency.name) == reference.lower()]
    with suppress(ValueError):
        conditions.append(Agency.id == uuid.UUID(reference))
    agencies = list((await session.scalars(select(Agency).where(or_(*conditions)))).all())
    if len(agencies) != 1:
        raise SystemExit(f"No single agency matches {reference!r}: give its id.")
    return agencies[0]


def cmd_create_user(args: argparse.Namespace) -> int:
    from doorstep.agencies.models import StaffRole
    from doorstep.agencies.schemas import StaffUserCreate
    from doorstep.agencies.service import create_staff_user
    from doorstep.core.errors import AppError
    from doorstep.core.passwords import check_password
    from doorstep.core.schemas import Email
    from doorstep.tenants.models import Tenant
    from doorstep.tenants.schemas import TenantCreate
    from doorstep.tenants.service import create_tenant, set_portal_password

    password = _read_password("Password: ")
    try:
        email = TypeAdapter(Email).validate_python(args.email)
        staff = (
            None
            if args.tenant
            else StaffUserCreate(
                email=email,
                first_name=args.first_name,
                last_name=args.last_name,
                role=StaffRole(args.role),
                password=password,
            )
        )
        # Checked before the database is opened, so a weak password costs nothing to retry.
        check_password(password, email=email, names=(args.first_name, args.last_name))
    except (ValidationError, ValueError, AppError) as exc:
        text = _validation_text(exc) if isinstance(exc, ValidationError) else str(exc)
        raise SystemExit(text) from exc

    async def create(session: AsyncSession) -> str:
        agency = await _find_agency(session, args.agency)
        if staff is not None:
            user = await create_staff_user(session, agency.id, staff)
            return f"staff user {user.email} ({user.role.value})"
        tenant = await session.scalar(
            select(Tenant).where(
                Tenant.agency_id == agency.id, func.lower(Tenant.email) == email.lower()
            )
        )
        if tenant is None:
            tenant = await create_tenant(
                session,
                agency.id,
                TenantCreate(first_name=args.first_name, last_name=args.last_name, email=email),
            )
        await set_portal_password(session, tenant, password)
        return f"portal login for tenant {tenant.email}"

    try:
        created = _in_transaction(create)
    except AppError as exc:  # e.g. the e-mail is taken, or a weak password for that tenant
        raise SystemExit(str(exc)) from exc
    print(f"Created {created}")
    return 0


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def cmd_api(args: argparse.Namespace) -> int:
    """Serve the API with one process per core by default: a process runs Python on one core
    at a time, and requests share nothing in memory (sessions, throttles and work claims live
    in PostgreSQL and Redis), so processes scale reads with the machine."""
    import uvicorn

    settings = get_settings()
    workers = args.workers or settings.api_processes
    # The processes read it to share the connection pool's default size among themselves.
    os.environ["DOORSTEP_API_WORKERS"] = str(workers)
    trusted_proxies = [str(network) for network in settings.trusted_proxies]
    options: dict[str, Any] = {
        "factory": True,
        # uvicorn would otherwise believe X-Forwarded-For from 127.0.0.1 (or its
        # FORWARDED_ALLOW_IPS): only the proxies Doorstep is told to trust, none by default.
        "proxy_headers": bool(trusted_proxies),
        "forwarded_allow_ips": trusted_proxies,
        "access_log": False,
        "log_level": "warning",
    }
    if args.fd is not None and workers == 1:
        # uvicorn opens an inherited socket as a Unix one, so asyncio leaves Nagle's algorithm
        # on for its TCP connections: a response's body then waits for the client's delayed
        # acknowledgement of its headers, 40 ms a request. Opened with the family and protocol
        # it really has, its connections get TCP_NODELAY as bound ones do.
        listening = socket.socket(fileno=args.fd)
        server = uvicorn.Server(uvicorn.Config("doorstep.app:create_served_app", **options))
        server.run(sockets=[listening])
        return 0
    uvicorn.run(
        "doorstep.app:create_served_app",
        host=args.host,
        port=args.port,
        fd=args.fd,
        workers=workers,
        **options,
    )
    return 0


def cmd_encrypt_files(args: argparse.Namespace) -> int:
    from sqlalchemy.ext.asyncio import create_async_engine

    from doorstep.core.encryption import encrypted_columns, keyring, reseal_stale
    from doorstep.models import metadata

    keys = keyring()

    async def run() -> dict[str, int]:
        engine = create_async_engine(get_settings().database_url, pool_size=1)
        try:
            return await reseal_stale(engine, encrypted_columns(metadata), keys)
        finally:
            await engine.dispose()

    with step(f"Re-encrypting stored files under data key {keys.current_id!r}"):
        done = asyncio.run(run())
    for column, count in done.items():
        print(f"  {column:<36} {count} re-encrypted")
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    from arq.worker import run_worker

    from doorstep.worker import WorkerSettings

    run_worker(WorkerSettings)  # type: ignore[arg-type]
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="doorstep", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser(
        "run", help="start everything for local use (see `make run`; `run --help` for options)"
    )

    commands.add_parser(
        "with-services",
        help="run a command (the tests) with PostgreSQL and Redis found or started as `run` "
        "does: `doorstep with-services -- make checks`",
    )

    api = commands.add_parser("api", help="serve the API and the built front ends")
    api.add_argument("--host", default="127.0.0.1")
    api.add_argument("--port", type=int, default=8000)
    api.add_argument(
        "--fd",
        type=int,
        help="serve on this inherited, listening socket instead of --host/--port: the caller "
        "binds the port itself, so no other process can take it between choosing and serving",
    )
    api.add_argument(
        "--workers",
        type=_positive,
        help="processes to serve with (default: DOORSTEP_API_WORKERS, else one per core)",
    )
    api.set_defaults(handler=cmd_api)

    commands.add_parser("worker", help="run the arq worker").set_defaults(handler=cmd_worker)
    commands.add_parser("migrate", help="upgrade the database schema").set_defaults(
        handler=cmd_migrate
    )

    commands.add_parser(
        "encrypt-files",
        help="re-encrypt the stored files sealed under an older data key with the first of "
        "DOORSTEP_DATA_KEYS (after a key rotation; safe to run again)",
    ).set_defaults(handler=cmd_encrypt_files)

    seed = commands.add_parser("seed", help="create the demo agency")
    seed.add_argument("--if-empty", action="store_true", help="only when no agency exists")
    seed.set_defaults(handler=cmd_seed)

    tick = commands.add_parser("tick", help="run the scheduler's cycle for one instant")
    tick.add_argument("--at", type=_parse_instant, help="ISO 8601 instant (default: now)")
    tick.add_argument(
        "--agency",
        help="agency id or exact name: its work alone (rent, reminders, charges, ...); the "
        "outbox and scheduled tasks run as always. Replays one agency's days without moving "
        "the others' on",
    )
    tick.add_argument(
        "--enqueue-charges",
        action="store_true",
        help="enqueue due recurring charges as batch jobs for the workers, as the worker's own "
        "tick does (default: take them in this process)",
    )
    tick.set_defaults(handler=cmd_tick)

    commands.add_parser("openapi", help="print the OpenAPI document").set_defaults(
        handler=cmd_openapi
    )

    agency = commands.add_parser("create-agency", help="create an agency")
    agency.add_argument("--name", required=True)
    agency.add_argument("--country", required=True, help="ISO 3166 code, e.g. BE")
    agency.add_argument("--currency", required=True, help="ISO 4217 code, e.g. EUR")
    agency.add_argument("--locale", default="en-GB")
    agency.add_argument("--timezone", required=True, help="IANA zone, e.g. Europe/Brussels")
    agency.set_defaults(handler=cmd_create_agency)

    user = commands.add_parser(
        "create-user",
        help="create a staff user, or a tenant portal login (--tenant); the password is "
        "prompted for, or read from standard input",
    )
    user.add_argument("--agency", required=True, help="agency id or exact name")
    user.add_argument("--email", required=True)
    user.add_argument("--first-name", required=True)
    user.add_argument("--last-name", required=True)
    kind = user.add_mutually_exclusive_group(required=True)
    kind.add_argument("--role", choices=["owner", "manager", "accountant", "viewer"])
    kind.add_argument("--tenant", action="store_true")
    user.set_defaults(handler=cmd_create_user)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["run"]:
        # `run` has options of its own (see doorstep.devstack.run); hand them over untouched.
        from doorstep.devstack.run import main as run_main

        return run_main(argv[1:])
    if argv[:1] == ["with-services"]:
        # Everything after it is the command to run: hand it over untouched.
        from doorstep.devstack.with_services import main as with_services_main

        return with_services_main(argv[1:])
    args = build_parser().parse_args(argv)
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_json)
    handler: Callable[[argparse.Namespace], int] = args.handler
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
