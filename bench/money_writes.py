"""Benchmark: staff recording payments on one trust account while tenants read.

    .venv/bin/python bench/money_writes.py [--leases 6000] [--months 24] [--rounds 3]
        [--duration 10] [--writers 50] [--readers 10] [--workers 1]
        [--database-url postgresql://postgres@127.0.0.1:5432] [--keep] [--reuse NAME]
        [--api-url URL] [--no-floor] [--show-statements]

It seeds a scratch database the way ``bench/api_reads.py`` does (three agencies; the first is
measured), signs in its staff and tenants, and starts ``doorstep api`` (``--workers``
processes) on loopback, or measures a running API given by ``--api-url`` (it must use the
bench's secret and the same database). Then, for ``--rounds`` rounds, alternating which goes
first:

- unloaded: ``--readers`` tenants read their invoices (``GET /portal/invoices?limit=20``) as
  fast as they can for ``--duration`` seconds;
- loaded: the same readers while ``--writers`` staff clients record bank-transfer payments
  (``POST /payments``, each with its own ``Idempotency-Key``), each on a lease of its own, all
  on the agency's one trust account, so every payment takes that account's next receipt number;
- floor (unless ``--no-floor``): the same readers while ``--writers`` bare asyncpg clients
  record the same payments with none of the API's Python. Before the rounds, each writer's
  payment is recorded once through the API run in process and the statements it sends are
  captured in the driver, text and arguments (the identity reads, BEGIN, the payment's own
  statements, the last one that takes the receipt number, COMMIT); a floor client sends that
  writer's statements in the same order on one connection, with what the API made up afresh
  for each payment (its ids, the receipt's placeholder number, the Idempotency-Key, wherever
  they appear), so each is a new payment taking the account's next receipt number. What the
  API decided by reading (which invoice the money settles) stays as it was at capture.
  ``--show-statements`` prints the first writer's statements and stops.

It prints, as min / median / max over the rounds: payments per second, the writes' p50 and p99,
the answers that were not 201 (a 503 is a write that waited too long for its turn and was told
to retry; a 0, a request whose connection the API closed or reset before answering, after
which the client connects again), the tenants' reads per second unloaded and loaded and their
ratio, the API's CPU time per read unloaded and per payment loaded (the loaded reads' share
taken out at their unloaded CPU per read; from /proc, all the API's processes, so it stays
meaningful on a busy machine where rates do not; not for ``--api-url``), then the floor's
payments per second, p99 and answers and the ratio API / floor per round. Last it checks that
the trust account's receipts (the API's and the floor's) are numbered 1..n without a gap or a
repeat. Nothing is asserted on time; a gap exits non-zero. The goal (issue 10): >= 50
payments/s with 0 errors, receipts gapless, tenant reads >= 50% of their unloaded rate.

On 2 cores shared with other jobs (load average 8-13), two rounds of 10 s: the floor did
65-84 payments/s with the API's 18-20 statements per payment (34-64 with the 20-22 it sent
before), so the database alone can pass the goal here, not in every busy period; the API did
16-26 payments/s at 14-18 ms of CPU per payment (docs/development.md has the before/after).

A keep-alive HTTP/1.1 client in this file sends the load (one asyncio loop, little CPU), so
the figures are the server's on a quiet machine; on a shared one, compare runs side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import shutil
import signal
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import median
from typing import Any
from urllib.parse import urlsplit

import api_reads
import asyncpg
import httpx
import uuid6
from api_reads import (
    DEFAULT_SERVER,
    HELPERS_SQL,
    SECRET,
    Book,
    Server,
    cpu_seconds,
    drop,
    prepare,
    sqlalchemy_url,
    start_api,
    step,
    wait_until_up,
)

from doorstep.core.security import AccessClaims, AccessTokens, Audience
from doorstep.core.settings import Settings

READ_TARGET = "/api/v1/portal/invoices?limit=20"
# The API refuses an access token issued for longer than its configured lifetime: sign the
# callers in for exactly that (the measurements take a few minutes).
api_reads.TOKEN_LIFETIME = timedelta(
    seconds=Settings.model_fields["access_token_ttl_seconds"].default
)
_CONTENT_LENGTH = re.compile(rb"(?i)content-length:\s*(\d+)")


@dataclass(frozen=True)
class Payer:
    lease_id: uuid.UUID
    tenant_id: uuid.UUID


@dataclass
class Counts:
    """What one kind of client saw during one measurement."""

    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    def record(self, status: int, seconds: float) -> None:
        self.latencies.append(seconds)
        self.statuses[status] = self.statuses.get(status, 0) + 1

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(int(len(ordered) * share), len(ordered) - 1)] * 1000 if ordered else 0.0

    def errors(self, ok: int) -> int:
        return sum(count for status, count in self.statuses.items() if status != ok)


@dataclass(frozen=True)
class Round:
    unloaded_reads: float
    loaded_reads: float
    payments: float
    write_p50_ms: float
    write_p99_ms: float
    write_statuses: dict[int, int]
    read_errors: int
    # The API's CPU (its processes, from /proc) per read unloaded, and per payment loaded
    # with the reads' share taken out at their unloaded CPU per read.
    cpu_ms_per_read: float | None = None
    cpu_ms_per_payment: float | None = None
    floor_payments: float | None = None
    floor_p99_ms: float | None = None
    floor_statuses: dict[int, int] = field(default_factory=dict)


async def _request(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    host: str,
    method: str,
    target: str,
    headers: dict[str, str],
    body: bytes = b"",
) -> int:
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    if body:
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
    head = await reader.readuntil(b"\r\n\r\n")
    length = _CONTENT_LENGTH.search(head)
    await reader.readexactly(int(length[1]) if length else 0)
    return int(head.split(b" ", 2)[1])


# Counted for a request whose connection the server closed or reset before it answered (e.g.
# uvicorn's supervisor replacing a worker process that missed its health check): an error,
# and the client connects again.
CONNECTION_LOST = 0


async def _send(
    host: str,
    port: int,
    method: str,
    target: str,
    headers: Callable[[], dict[str, str]],
    body: bytes,
    stop_at: float,
    counts: Counts,
) -> None:
    """Send the request over one keep-alive connection until ``stop_at``."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            try:
                status = await _request(reader, writer, host, method, target, headers(), body)
            except (ConnectionError, asyncio.IncompleteReadError):
                counts.record(CONNECTION_LOST, time.perf_counter() - started)
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
                continue
            counts.record(status, time.perf_counter() - started)
    finally:
        writer.close()


async def _reader(base: str, token: str, stop_at: float, counts: Counts) -> None:
    address = urlsplit(base)
    host, port = address.hostname or "127.0.0.1", address.port or 80
    headers = {"Authorization": f"Bearer {token}"}
    await _send(host, port, "GET", READ_TARGET, lambda: headers, b"", stop_at, counts)


def payment_body(payer: Payer, received_on: str) -> bytes:
    return json.dumps(
        {
            "lease_id": str(payer.lease_id),
            "tenant_id": str(payer.tenant_id),
            "amount": 100,
            "currency": "EUR",
            "method": "bank_transfer",
            "received_on": received_on,
            "reference": "bench transfer",
        }
    ).encode()


async def _writer(
    base: str, token: str, payer: Payer, received_on: str, stop_at: float, counts: Counts
) -> None:
    address = urlsplit(base)
    host, port = address.hostname or "127.0.0.1", address.port or 80

    def headers() -> dict[str, str]:
        return {"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4())}

    body = payment_body(payer, received_on)
    await _send(host, port, "POST", "/api/v1/payments", headers, body, stop_at, counts)


# ---------------------------------------------------------------------------------- floor
#
# The floor records the same payments with none of the API's Python: a bare asyncpg client per
# writer sends, in one transaction, the very statements (text and arguments) the API sent for
# a payment by that writer on that lease, captured in the driver under the API run in process.
# What the API made up for the payment (its ids, the receipt's placeholder number, the
# Idempotency-Key) is made up afresh for each one, wherever it appears in the arguments (the
# stored response, the e-mail's subject), so every floor payment is a new payment, a new
# receipt taking the trust account's next number and a new idempotency record. What the API
# decided by reading (which invoice the money settles) stays as it was decided at capture.


@dataclass(frozen=True)
class Sent:
    query: str
    args: tuple[Any, ...]


@contextlib.contextmanager
def recording_calls() -> Iterator[list[Sent]]:
    """Every statement asyncpg runs meanwhile in this process, with its arguments, however it
    is sent (``api_reads.recording_statements`` records the text only)."""
    from asyncpg.prepared_stmt import PreparedStatement

    sent: list[Sent] = []
    connection_class = asyncpg.connection.Connection
    execute, execute_text = connection_class.execute, connection_class._execute
    bind_execute_name = "_PreparedStatement__bind_execute"
    bind_execute = getattr(PreparedStatement, bind_execute_name)

    async def recorded_execute(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        if not args:  # with arguments it goes through _execute
            sent.append(Sent(query, ()))
        return await execute(self, query, *args, **kwargs)

    async def recorded_execute_text(
        self: Any, query: str, args: Any, *rest: Any, **kwargs: Any
    ) -> Any:
        sent.append(Sent(query, tuple(args)))
        return await execute_text(self, query, args, *rest, **kwargs)

    async def recorded_bind_execute(self: Any, args: Any, *rest: Any, **kwargs: Any) -> Any:
        sent.append(Sent(self.get_query(), tuple(args)))
        return await bind_execute(self, args, *rest, **kwargs)

    connection_class.execute = recorded_execute
    connection_class._execute = recorded_execute_text
    setattr(PreparedStatement, bind_execute_name, recorded_bind_execute)
    try:
        yield sent
    finally:
        connection_class.execute = execute
        connection_class._execute = execute_text
        setattr(PreparedStatement, bind_execute_name, bind_execute)


@contextlib.contextmanager
def recording_new_ids() -> Iterator[list[uuid.UUID]]:
    """The ids ``doorstep.core.ids.new_id`` makes meanwhile (it asks ``uuid6.uuid7``)."""
    made: list[uuid.UUID] = []
    uuid7 = uuid6.uuid7

    def recorded() -> uuid6.UUID:
        made_id = uuid7()
        made.append(made_id)
        return made_id

    uuid6.uuid7 = recorded
    try:
        yield made
    finally:
        uuid6.uuid7 = uuid7


_PLACEHOLDER_BELOW = -(2**62) + 1  # core.sequences.placeholder_number is below this


@dataclass(frozen=True)
class Template:
    """One writer's payment as the API sent it, and what to make up afresh in it."""

    sent: list[Sent]
    ids: list[str]
    placeholder: int
    key: str

    def fresh(self) -> list[Sent]:
        texts = {old: str(uuid6.uuid7()) for old in self.ids}
        placeholder = -(2**62) - uuid.uuid4().int % 2**60
        texts[str(self.placeholder)] = str(placeholder)
        texts[self.key] = str(uuid.uuid4())
        ids = {old: uuid.UUID(new) for old, new in texts.items() if old in self.ids}

        def renew(value: Any) -> Any:
            if isinstance(value, uuid.UUID):
                return ids.get(str(value), value)
            if isinstance(value, str):
                for old, new in texts.items():
                    if old in value:
                        value = value.replace(old, new)
                return value
            if isinstance(value, int) and value == self.placeholder:
                return placeholder
            if isinstance(value, list | tuple):
                return type(value)(renew(item) for item in value)
            return value

        return [Sent(sent.query, tuple(renew(arg) for arg in sent.args)) for sent in self.sent]


async def capture_payments(
    url: str, tokens: list[str], payers: list[Payer], received_on: str
) -> list[Template]:
    """Each writer's payment recorded once through the API in process, as sent to the
    database (after one payment that warms the process's connections and caches)."""
    from doorstep.app import create_app
    from doorstep.core.db import Database
    from doorstep.core.settings import Environment

    database = Database.from_url(sqlalchemy_url(url))
    settings = Settings(database_url=sqlalchemy_url(url), secret_key=SECRET, env=Environment.TEST)
    app = create_app(settings, database=database)
    templates: list[Template] = []
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://api") as client:

            async def pay(index: int, key: str) -> None:
                response = await client.post(
                    "/api/v1/payments",
                    content=payment_body(payers[index], received_on),
                    headers={
                        "Authorization": f"Bearer {tokens[index]}",
                        "Idempotency-Key": key,
                        "Content-Type": "application/json",
                    },
                )
                if response.status_code != 201:
                    raise SystemExit(f"capturing a payment: {response.status_code} {response.text}")

            await pay(0, str(uuid.uuid4()))
            for index in range(len(payers)):
                key = str(uuid.uuid4())
                with recording_calls() as sent, recording_new_ids() as made:
                    await pay(index, key)
                placeholders = [
                    arg
                    for call in sent
                    for arg in call.args
                    if isinstance(arg, int) and arg < _PLACEHOLDER_BELOW
                ]
                if len(set(placeholders)) != 1:
                    raise SystemExit(f"capturing a payment: placeholders {placeholders}")
                template = Template(sent, [str(id_) for id_ in made], placeholders[0], key)
                templates.append(template)
    finally:
        await database.dispose()
    return templates


async def _floor_writer(url: str, template: Template, stop_at: float, counts: Counts) -> None:
    connection = await asyncpg.connect(url)
    try:
        while time.perf_counter() < stop_at:
            sent = template.fresh()
            started = time.perf_counter()
            try:
                for call in sent:
                    if call.args:
                        await connection.fetch(call.query, *call.args)
                    else:
                        await connection.execute(call.query)
                status = 201
            except asyncpg.PostgresError as error:
                if not connection.is_in_transaction():
                    raise
                await connection.execute("ROLLBACK")
                status = 503 if error.sqlstate in ("55P03", "57014") else 500
            counts.record(status, time.perf_counter() - started)
    finally:
        await connection.close()


async def measure(
    base: str,
    book: Book,
    staff_tokens: list[str],
    payers: list[Payer],
    readers: int,
    writers: int,
    seconds: float,
    floor: tuple[str, list[Template]] | None = None,
) -> tuple[Counts, Counts, float]:
    """``readers`` tenants reading and ``writers`` staff recording payments (none: unloaded)
    for ``seconds``, through the API, or with ``floor`` (the database's URL and each writer's
    payment) through bare database clients; the reads', the writes' counts and the time it
    took."""
    reads, writes = Counts(), Counts()
    received_on = _received_on()
    started = time.perf_counter()
    stop_at = started + seconds
    await asyncio.gather(
        *(
            _reader(base, book.tenants[i % len(book.tenants)].fresh_token(), stop_at, reads)
            for i in range(readers)
        ),
        *(
            _writer(
                base,
                staff_tokens[i % len(staff_tokens)],
                payers[i % len(payers)],
                received_on,
                stop_at,
                writes,
            )
            if floor is None
            else _floor_writer(floor[0], floor[1][i % len(floor[1])], stop_at, writes)
            for i in range(writers)
        ),
    )
    return reads, writes, time.perf_counter() - started


def _received_on() -> str:
    return (datetime.now(UTC).date() - timedelta(days=1)).isoformat()


async def measured_payers(url: str, count: int) -> tuple[uuid.UUID, list[Payer]]:
    """The measured agency's trust account, and a live lease with its tenant per writer."""
    connection = await asyncpg.connect(url)
    try:
        await connection.execute(HELPERS_SQL)
        agency_id = await connection.fetchval("SELECT pg_temp.uid('agency', 1, 0)")
        # The seed starts the numbering counters where the book is; a book seeded before it
        # did (--reuse) gets them here.
        await connection.execute(api_reads.COUNTERS_SQL)
        trust_account_id = await connection.fetchval(
            "SELECT id FROM trust_accounts WHERE agency_id = $1", agency_id
        )
        rows = await connection.fetch(
            """SELECT DISTINCT ON (l.id) l.id, lt.tenant_id FROM leases l
               JOIN lease_tenants lt ON lt.lease_id = l.id
               WHERE l.agency_id = $1 AND l.status = 'active'
               ORDER BY l.id, lt.tenant_id LIMIT $2""",
            agency_id,
            count,
        )
        return trust_account_id, [Payer(row[0], row[1]) for row in rows]
    finally:
        await connection.close()


async def writer_tokens(url: str, count: int) -> list[str]:
    """Access tokens of the measured agency's staff who may record payments (owners,
    managers, accountants), one login session each, ``count`` in all."""
    connection = await asyncpg.connect(url)
    try:
        await connection.execute(HELPERS_SQL)
        agency_id = await connection.fetchval("SELECT pg_temp.uid('agency', 1, 0)")
        staff_ids = [
            row[0]
            for row in await connection.fetch(
                """SELECT id FROM staff_users WHERE agency_id = $1
                   AND role IN ('owner', 'manager', 'accountant') ORDER BY id""",
                agency_id,
            )
        ]
        now = datetime.now(UTC)
        lifetime = api_reads.TOKEN_LIFETIME
        tokens = AccessTokens(SECRET, lifetime)
        issued = []
        for index in range(count):
            subject = staff_ids[index % len(staff_ids)]
            session_id = uuid.uuid4()
            await connection.execute(
                """INSERT INTO auth_sessions (id, audience, subject_id, agency_id, started_at,
                   expires_at) VALUES ($1, $2, $3, $4, $5, $6)""",
                session_id,
                Audience.STAFF.value,
                subject,
                agency_id,
                now,
                now + lifetime,
            )
            claims = AccessClaims(subject, Audience.STAFF, agency_id, session_id)
            issued.append(tokens.issue(claims, now))
        return issued
    finally:
        await connection.close()


async def receipts_gapless(url: str, trust_account_id: uuid.UUID) -> tuple[bool, int]:
    connection = await asyncpg.connect(url)
    try:
        count, distinct, highest, lowest = await connection.fetchrow(
            """SELECT count(*), count(DISTINCT number), coalesce(max(number), 0),
                      coalesce(min(number), 1)
               FROM receipts WHERE trust_account_id = $1""",
            trust_account_id,
        )
        return count == distinct == highest and lowest == 1, int(count)
    finally:
        await connection.close()


def _spread(values: list[float], digits: int = 1) -> str:
    if not values:  # e.g. no tenant reads with --readers 0
        return "-"
    return f"{min(values):.{digits}f} / {median(values):.{digits}f} / {max(values):.{digits}f}"


def report(rounds: list[Round], writers: int, readers: int) -> None:
    statuses: dict[int, int] = {}
    for round_ in rounds:
        for status, count in round_.write_statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    errors = sum(count for status, count in statuses.items() if status != 201)
    ratios = [r.loaded_reads / r.unloaded_reads for r in rounds if r.unloaded_reads]
    print(f"\n{writers} writers, {readers} readers (min / median / max over {len(rounds)} rounds)")
    print(f"  payments/s             {_spread([r.payments for r in rounds])}")
    print(f"  write p50 ms           {_spread([r.write_p50_ms for r in rounds], 0)}")
    print(f"  write p99 ms           {_spread([r.write_p99_ms for r in rounds], 0)}")
    print(f"  write answers          {dict(sorted(statuses.items()))}  (errors: {errors})")
    print(f"  reads/s unloaded       {_spread([r.unloaded_reads for r in rounds])}")
    print(f"  reads/s loaded         {_spread([r.loaded_reads for r in rounds])}")
    print(f"  loaded / unloaded      {_spread(ratios, 2)}")
    print(f"  read errors            {sum(r.read_errors for r in rounds)}")
    cpu_rounds = [r for r in rounds if r.cpu_ms_per_payment is not None]
    if cpu_rounds:
        per_read = [r.cpu_ms_per_read or 0 for r in cpu_rounds]
        per_payment = [r.cpu_ms_per_payment or 0 for r in cpu_rounds]
        print(f"  API CPU ms per read    {_spread(per_read)}  (unloaded)")
        print(f"  API CPU ms per payment {_spread(per_payment)}  (loaded, reads' share out)")
    floors = [r for r in rounds if r.floor_payments is not None]
    if floors:
        floor_statuses: dict[int, int] = {}
        for round_ in floors:
            for status, count in round_.floor_statuses.items():
                floor_statuses[status] = floor_statuses.get(status, 0) + count
        floor_errors = sum(count for status, count in floor_statuses.items() if status != 201)
        print(f"  floor payments/s       {_spread([r.floor_payments or 0 for r in floors])}")
        print(f"  floor write p99 ms     {_spread([r.floor_p99_ms or 0 for r in floors], 0)}")
        print(
            f"  floor answers          {dict(sorted(floor_statuses.items()))}  "
            f"(errors: {floor_errors})"
        )
        ratios = [r.payments / r.floor_payments for r in floors if r.floor_payments]
        print(f"  payments/s API / floor {_spread(ratios, 2)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--leases", type=int, default=6000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=float, default=10, help="seconds per measurement")
    parser.add_argument("--writers", type=int, default=50)
    parser.add_argument("--readers", type=int, default=10)
    parser.add_argument("--workers", type=int, default=1, help="processes of the API")
    parser.add_argument("--database-url", default=DEFAULT_SERVER)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--reuse", metavar="NAME", help="an already seeded scratch database")
    parser.add_argument("--api-url", help="measure this running API instead of starting one")
    parser.add_argument(
        "--no-floor", action="store_true", help="skip the bare database clients' floor"
    )
    parser.add_argument(
        "--show-statements", action="store_true", help="print what a payment sends, and stop"
    )
    args = parser.parse_args()
    # A SIGTERM (a time-out, a kill) unwinds like Ctrl-C, so the API is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    print("Preparing")
    url, book = asyncio.run(prepare(args))
    trust_account_id, payers = asyncio.run(measured_payers(url, args.writers))
    staff_tokens = asyncio.run(writer_tokens(url, args.writers))
    templates: list[Template] = []
    if not args.no_floor or args.show_statements:
        with step("capturing each writer's payment"):
            templates = asyncio.run(capture_payments(url, staff_tokens, payers, _received_on()))
        counts = sorted({len(template.sent) for template in templates})
        print(f"  a payment sends {'-'.join(map(str, counts))} statements")
        if args.show_statements:
            for call in templates[0].sent:
                print(f"\n{call.query}\n  {call.args!r}")
            if not (args.keep or args.reuse):
                asyncio.run(drop(args, url))
            return 0
    floor = (url, templates) if templates else None
    workdir = Path(tempfile.mkdtemp(prefix="bench-money-writes-"))
    log = workdir / "api.log"
    api = (
        Server("API (given)", args.api_url.rstrip("/"))
        if args.api_url
        else start_api(url, args.workers, log)
    )
    gapless = True
    try:
        with step("starting the API"):
            asyncio.run(wait_until_up(api))
        with step("warming up"):
            asyncio.run(
                measure(api.base, book, staff_tokens, payers, args.readers, args.writers, 2)
            )
        rounds: list[Round] = []
        for number in range(args.rounds):
            results: dict[str, tuple[Counts, Counts, float]] = {}
            # The order alternates by round, so drift favours neither side.
            order = ["unloaded", "loaded"] + (["floor"] if floor else [])
            if number % 2:
                order.reverse()
            cpu: dict[str, float] = {}
            for kind in order:
                writers = args.writers if kind != "unloaded" else 0
                cpu_before = cpu_seconds(api.pid) if api.pid else 0.0
                results[kind] = asyncio.run(
                    measure(
                        api.base,
                        book,
                        staff_tokens,
                        payers,
                        args.readers,
                        writers,
                        args.duration,
                        floor if kind == "floor" else None,
                    )
                )
                cpu[kind] = cpu_seconds(api.pid) - cpu_before if api.pid else 0.0
            quiet, (busy_reads, writes, elapsed) = results["unloaded"], results["loaded"]
            per_read = cpu["unloaded"] / len(quiet[0].latencies) if quiet[0].latencies else 0.0
            paid = writes.statuses.get(201, 0)
            per_payment = (
                (cpu["loaded"] - per_read * len(busy_reads.latencies)) / paid if paid else 0.0
            )
            floor_writes, floor_elapsed = (
                (results["floor"][1], results["floor"][2]) if "floor" in results else (None, 0.0)
            )
            rounds.append(
                Round(
                    unloaded_reads=len(quiet[0].latencies) / quiet[2],
                    loaded_reads=len(busy_reads.latencies) / elapsed,
                    payments=writes.statuses.get(201, 0) / elapsed,
                    write_p50_ms=writes.percentile(0.5),
                    write_p99_ms=writes.percentile(0.99),
                    write_statuses=writes.statuses,
                    read_errors=quiet[0].errors(200) + busy_reads.errors(200),
                    cpu_ms_per_read=per_read * 1000 if api.pid else None,
                    cpu_ms_per_payment=per_payment * 1000 if api.pid else None,
                    floor_payments=(
                        floor_writes.statuses.get(201, 0) / floor_elapsed if floor_writes else None
                    ),
                    floor_p99_ms=floor_writes.percentile(0.99) if floor_writes else None,
                    floor_statuses=floor_writes.statuses if floor_writes else {},
                )
            )
            print(f"  round {number + 1} done", flush=True)
        report(rounds, args.writers, args.readers)
        gapless, receipts = asyncio.run(receipts_gapless(url, trust_account_id))
        print(f"  receipts               {receipts:,}, " + ("gapless" if gapless else "GAPS"))
    finally:
        api.stop()
        if args.keep or args.reuse:
            print(f"\nkept the database: {urlsplit(url).path[1:]} (--reuse it)")
        else:
            asyncio.run(drop(args, url))
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if gapless else 1


if __name__ == "__main__":
    sys.exit(main())
