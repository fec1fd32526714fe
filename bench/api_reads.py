"""Benchmark: the API's hot reads against a bare Starlette + asyncpg floor that sends the same SQL.

    .venv/bin/python bench/api_reads.py [--leases 6000] [--months 24] [--rounds 3]
        [--duration 8] [--clients 10,50] [--paths all] [--workers N]
        [--database-url postgresql://postgres@127.0.0.1:5432] [--keep] [--reuse NAME]
        [--api-url URL [--api-pid PID]]

It creates a scratch database on the server of ``--database-url``, migrates it and seeds
three agencies with ``--leases`` leases between them (properties of 20 units, joint tenants,
a tenant on two leases, ended leases, rent reviews past and to come), ``--months`` of monthly
rent invoices per lease, their payments, allocations and receipts, credit notes, draft and void
invoices. Every tenant and a few staff users get a login session and an access token signed
with the bench's secret.

Then it starts, each as its own process under uvicorn on loopback:

- ``doorstep api`` with one worker process (the figure the issue's goal is about);
- ``doorstep api`` with one worker per core (``--workers``, default: the machine's cores);
- the floor: a bare Starlette app, in this file, that answers the same paths with asyncpg,
  sending the API's own statements, byte for byte, and shaping the same JSON by hand.

Before any timing it checks, for every path and several callers, that the floor answers
byte-identical JSON, and that the statements the floor sends are exactly those the API sends
(captured under the API's engine in process, in the driver: statements sent as text and those
SQLAlchemy runs as already prepared ones, and any BEGIN or COMMIT). A difference stops the
bench with the statements or a diff.

The load comes from ``wrk`` (Debian's package) when it is on PATH, otherwise from an asyncio
HTTP/1.1 client in this file; each client keeps its connection, and requests rotate over the
callers' tokens. For each path and client count, each round times the API and the floor one
after the other, alternating which goes first, after a short warm-up. It prints req/s, p50
and p99 of each, the ratio API / floor as min / median / max over the rounds, and the CPU time
per request of each server's processes (from /proc: it stays meaningful on a busy machine,
where req/s do not), then the same for the API with one process per core. Nothing is
asserted on time: a failed check exits non-zero, a slow run only shows in the figures. The
goal (issue 10): every path >= 0.5x the floor at 10 and 50 clients with one API process, p99
<= 2x the floor's.

Measured on 2 shared cores (load average 8-12), ``--rounds 3 --duration 6 --workers 0``,
median req/s ratio at 10 / 50 clients once the request session opened nothing before its
first use: portal invoices 0.58 / 0.38, invoices to pay 0.35 / 0.31, leases 0.44 / 0.43,
balance 0.51 / 0.31, me 0.49 / 0.32, staff invoices 0.59 / 0.56; the code before, run just
after: 0.65 / 0.46, 0.52 / 0.26, 0.33 / 0.31, 0.38 / 0.36, 0.42 / 0.29, 0.66 / 0.52. The API's
CPU per request fell in ten cells of twelve (portal me 1.83 -> 1.37 ms and 2.44 -> 1.77 ms);
the goal is not reached (docs/development.md has the details).

Then, ``--rounds 2 --duration 5 --workers 0`` (load average 10 before, 14-20 after): with the
pool keeping the connections it opens, a token's signature checked once per process and the
invoice lists sent as ready JSON, the API's CPU per request at 10 / 50 clients went: portal
invoices 1.59 / 2.03 -> 1.24 / 1.76 ms, invoices to pay 0.81 / 1.22 -> 0.94 / 1.09, leases
0.83 / 1.21 -> 0.80 / 1.09, balance 0.76 / 1.14 -> 0.80 / 1.05, me 0.65 / 1.17 -> 0.65 / 0.89,
staff invoices 2.38 / 3.03 -> 2.66 / 2.65; req/s ratios after: 0.50 / 0.39, 0.38 / 0.31,
0.45 / 0.36, 0.39 / 0.34, 0.31 / 0.30, 0.54 / 0.50 (the floor got cheaper too: it shares the
token check). The goal is still not reached.

Then the cycle collector (``doorstep.core.collector``): ``doorstep api`` sets aside what
start-up built (``gc.freeze``, some 330,000 objects: a full collection had walked them about
once a second under 50 clients, ~0.2 s each) and starts young collections at 10,000 objects,
not 700. ``--reuse`` of one 6,000-lease book, ``--rounds 2 --duration 4 --workers 0``, the
commit before (``PYTHONPATH`` at its ``backend/``) and this alternated old, new, old, new
(load average 3-6), API CPU ms per request at 10 / 50 clients, old runs -> new runs: portal
invoices 1.33, 1.10 / 1.78, 1.42 -> 0.99, 1.06 / 1.08, 1.29; invoices to pay 0.83, 0.68 /
0.98, 0.92 -> 0.71, 0.85 / 0.68, 0.80; leases 0.73, 0.71 / 1.11, 1.04 -> 0.65, 0.63 / 0.58,
0.72; balance 0.66, 0.63 / 0.85, 0.78 -> 0.55, 0.55 / 0.61, 0.61; me 0.49, 0.48 / 0.66, 0.72
-> 0.39, 0.40 / 0.43, 0.42; staff invoices 2.44, 2.45 / 3.05, 2.75 -> 1.92, 1.93 / 1.96,
2.06. Median req/s ratios, old -> new: 0.60, 0.65 / 0.50, 0.51 -> 0.68, 0.69 / 0.72, 0.77;
0.61, 0.56 / 0.56, 0.47 -> 0.64, 0.61 / 0.66, 0.63; 0.53, 0.58 / 0.46, 0.53 -> 0.60, 0.58 /
0.76, 0.56; 0.57, 0.55 / 0.59, 0.55 -> 0.55, 0.69 / 0.68, 0.73; 0.43, 0.43 / 0.40, 0.37 ->
0.47, 0.47 / 0.48, 0.51; 0.66, 0.68 / 0.71, 0.67 -> 0.83, 0.78 / 0.99, 0.80. The floor then
got the same collector settings (it runs under ``doorstep api``'s server and settings); one
run after (load 2.5-3.6): ratios 0.73 / 0.59, 0.57 / 0.56, 0.57 / 0.66, 0.59 / 0.70, 0.52 /
0.49, 0.73 / 0.71, API CPU 1.10 / 1.32, 0.70 / 0.74, 0.65 / 0.67, 0.60 / 0.65, 0.41 / 0.40,
2.19 / 2.07 ms, the floor's 0.62 / 0.61, 0.29 / 0.29, 0.30 / 0.33, 0.24 / 0.28, 0.17 / 0.17,
1.11 / 1.16 ms. Eleven cells of twelve at 0.5x or more (portal me at 50 clients 0.49); p99 at
50 clients is still 2.4-4.1x the floor's, so the goal is not reached.

Then the pool's queue (``doorstep.core.pool``): SQLAlchemy's let a request that asked for a
connection take one returned for a request already woken to have it, which then waited again
at the back; connections now go to the longest waiter. ``--reuse``d book, ``--rounds 2
--duration 4``, wrk, load average 1-3, median req/s ratio and median p99 ratio at 10 / 50
clients, one API process, before -> after: portal invoices 0.69 / 0.58, 1.49 / 3.02 -> 0.77 /
0.71, 1.22 / 2.00; invoices to pay 0.55 / 0.61, 1.81 / 2.98 -> 0.64 / 0.64, 1.54 / 1.28;
leases 0.61 / 0.62, 2.20 / 2.61 -> 0.67 / 0.61, 1.53 / 1.30; balance 0.63 / 0.66, 1.34 / 2.89
-> 0.79 / 0.75, 1.20 / 1.02; me 0.51 / 0.44, 1.77 / 3.05 -> 0.48 / 0.39, 1.37 / 3.39; staff
invoices 0.76 / 0.66, 1.23 / 3.00 -> 0.85 / 0.77, 1.17 / 1.58. Two processes after: req/s
0.55-1.04x, p99 1.06-1.88x but one cell (3.26x). Ten cells of twelve at 0.5x or more, p99
within 2x in eleven; ``portal me`` (0.39-0.48x) is the one path short of the goal.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import dataclasses
import difflib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from statistics import median
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import asyncpg
import httpx

from doorstep.core.migrations import upgrade_to_head
from doorstep.core.phones import display_phone
from doorstep.core.security import AccessClaims, AccessTokens, Audience
from doorstep.core.settings import Settings
from doorstep.leases.models import RentFrequency
from doorstep.leases.schedule import (
    RentTerms,
    next_due_date,
    next_rent_change,
    regular_due_on_or_after,
    rent_on,
)

DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432"
# Stored files are sealed with it; production requires one of its own (scratch data, random).
DATA_KEYS = "k1:mbIjv1efgt4kFjOPI7PiIYymvHMvUXTbxEM/ceg1uuo="
SECRET = "bQ7x_Lr2Vk9Tn4Yc0Hs8Wd3Mf6Gj1Pz5Ea-Uo7Ki2Rb8Nq4Xv"  # noqa: S105 - scratch data, random (the API runs as production)
UNITS_PER_PROPERTY = 20
AGENCY_SHARES = (0.5, 0.33, 0.17)  # of the leases; agency 1 is the one measured
CALLERS = 200  # tenants (and all staff) whose tokens the load rotates over
# Access tokens live as long as the API allows (it refuses one issued for longer: 15 minutes by
# default) and are signed again before they run out (``Caller.fresh_token``); the login
# sessions behind them last the whole run.
TOKEN_LIFETIME = timedelta(seconds=Settings.model_fields["access_token_ttl_seconds"].default)
SESSION_LIFETIME = timedelta(hours=12)


# ------------------------------------------------------------------------------- helpers


def database_url(server_url: str, name: str) -> str:
    return urlsplit(server_url)._replace(path=f"/{name}").geturl()


def sqlalchemy_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+asyncpg://", 1)


@contextlib.contextmanager
def step(label: str) -> Iterator[None]:
    print(f"  {label} ...", end="", flush=True)
    started = time.perf_counter()
    yield
    print(f" {time.perf_counter() - started:.1f} s", flush=True)


def text_array(values: list[str]) -> str:
    """A SQL array literal of constants from this file (no quotes in them)."""
    return "ARRAY[" + ", ".join(f"'{value}'" for value in values) + "]"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


# ------------------------------------------------------------------------------- seeding

# Deterministic ids and choices, so every run seeds the same book. uid() is recomputed by
# later statements instead of joining.
HELPERS_SQL = """
CREATE FUNCTION pg_temp.uid(kind text, agency int, i bigint) RETURNS uuid
    LANGUAGE sql IMMUTABLE AS $$ SELECT md5(kind || ':' || agency || ':' || i)::uuid $$;
CREATE FUNCTION pg_temp.r(i bigint, salt int, n int) RETURNS int
    LANGUAGE sql IMMUTABLE AS
    $$ SELECT ((hashint8(i * 1000 + salt)::bigint & 2147483647) % n)::int $$;
"""

FIRST_NAMES = [
    "Ada",
    "Bram",
    "Chloe",
    "Dries",
    "Elif",
    "Femke",
    "Gauthier",
    "Hana",
    "Ines",
    "Jules",
]
LAST_NAMES = ["Peeters", "Janssens", "Maes", "Dubois", "Lambert", "De Smet", "Martin", "Wouters"]

AGENCIES_SQL = """
INSERT INTO agencies (id, name, country, currency, locale, timezone, settings)
SELECT pg_temp.uid('agency', a, 0), name, country, currency, locale, tz, '{}'::jsonb
FROM (VALUES (1, 'Brussels Lettings', 'BE', 'EUR', 'fr-BE', 'Europe/Brussels'),
             (2, 'Thames Homes', 'GB', 'GBP', 'en-GB', 'Europe/London'),
             (3, 'Hudson Rentals', 'US', 'USD', 'en-US', 'America/New_York'))
     AS v(a, name, country, currency, locale, tz);
INSERT INTO trust_accounts (id, agency_id, name, iban)
SELECT pg_temp.uid('trust', a, 0), pg_temp.uid('agency', a, 0), 'Client account', NULL
FROM generate_series(1, 3) a;
INSERT INTO staff_users (id, agency_id, email, first_name, last_name, role, password_hash)
SELECT pg_temp.uid('staff', a, s), pg_temp.uid('agency', a, 0),
       'staff' || s || '@agency' || a || '.example', 'Staff', 'Member ' || s,
       (ARRAY['owner', 'manager', 'accountant', 'viewer'])[s], 'not-a-hash'
FROM generate_series(1, 3) a, generate_series(1, 4) s;
"""

# One lease per unit; lease i of agency a. Ended leases (i % 20 = 7) stopped two months ago.
BOOK_SQL = """
INSERT INTO properties (id, agency_id, name, address_line1, address_line2, city, postal_code,
                        country)
SELECT pg_temp.uid('property', a, p), pg_temp.uid('agency', a, 0),
       'Residence ' || p, p || ' Long Street', CASE WHEN p % 3 = 0 THEN 'Block B' END,
       'City ' || a, (1000 + p)::text, 'BE'
FROM plan, generate_series(0, (n - 1) / {units}) p;

INSERT INTO units (id, agency_id, property_id, name, bedrooms)
SELECT pg_temp.uid('unit', a, i), pg_temp.uid('agency', a, 0),
       pg_temp.uid('property', a, i / {units}), 'Flat ' || (i % {units} + 1), 1 + i % 3
FROM plan, generate_series(0, n - 1) i;

INSERT INTO tenants (id, agency_id, first_name, last_name, email, phone, password_hash)
SELECT pg_temp.uid('tenant', a, i), pg_temp.uid('agency', a, 0),
       ({first_names})[1 + i % 10], ({last_names})[1 + i % 8] || ' ' || i,
       'tenant' || i || '@agency' || a || '.example',
       CASE WHEN i % 4 <> 0 THEN '+3247' || lpad(i::text, 7, '0') END,
       'not-a-hash'
FROM plan, generate_series(0, n + (n - 1) / 5) i;  -- one more for each joint lease

INSERT INTO leases (id, agency_id, unit_id, start_date, end_date, rent_amount, rent_currency,
                    frequency, due_day, holding_over, status, billing_starts_on)
SELECT pg_temp.uid('lease', a, i), pg_temp.uid('agency', a, 0), pg_temp.uid('unit', a, i),
       first_due, CASE WHEN i % 20 = 7 THEN (month0 + (months - 2) * interval '1 month')::date
                                            - 1 END,
       80000 + pg_temp.r(i, a, 120) * 1000, currency, 'monthly', due_day, i % 11 = 3,
       CASE WHEN i % 20 = 7 THEN 'ended' ELSE 'active' END, first_due
FROM plan
CROSS JOIN generate_series(0, n - 1) i
CROSS JOIN LATERAL (SELECT (ARRAY[1, 1, 5, 15, 28])[1 + i % 5] AS due_day) d
CROSS JOIN LATERAL (SELECT (month0 + (d.due_day - 1) * interval '1 day')::date AS first_due) f;

INSERT INTO lease_tenants (lease_id, tenant_id)
SELECT pg_temp.uid('lease', a, i), pg_temp.uid('tenant', a, i)
FROM plan, generate_series(0, n - 1) i
UNION ALL  -- joint tenants: one lease in five
SELECT pg_temp.uid('lease', a, i), pg_temp.uid('tenant', a, n + i / 5)
FROM plan, generate_series(0, n - 1) i WHERE i % 5 = 0
UNION ALL  -- a tenant on two leases (seed 000)
SELECT pg_temp.uid('lease', a, i), pg_temp.uid('tenant', a, i - 1)
FROM plan, generate_series(0, n - 1) i WHERE i % 50 = 1;

-- Rent reviews of active leases: one in three was reviewed halfway through the book, one in
-- six has a second review two months ahead (v = 1).
INSERT INTO rent_reviews (id, agency_id, lease_id, effective_from, rent_amount,
                          reviewed_by_id, reviewed_at)
SELECT pg_temp.uid('review', a, i * 10 + v), pg_temp.uid('agency', a, 0), l.id, starts,
       l.rent_amount + 2500 * (v + 1), pg_temp.uid('staff', a, 2),
       (starts - 30)::timestamptz + interval '9 hours'
FROM plan
CROSS JOIN generate_series(0, n - 1) i
JOIN leases l ON l.id = pg_temp.uid('lease', a, i)
CROSS JOIN generate_series(0, 1) v
CROSS JOIN LATERAL (
    SELECT (l.start_date + (CASE v WHEN 0 THEN months / 2 ELSE months + 1 END)
                           * interval '1 month')::date AS starts) s
WHERE l.status = 'active' AND i % 3 = 0 AND (v = 0 OR i % 6 = 0);
"""

# Invoice k (0 = oldest) of lease i falls due on due_day of month k. Older ones are paid;
# the last two are open, partly paid or paid. 1 in 25 has an applied credit note.
INVOICES_SQL = """
CREATE TEMP TABLE rent AS
SELECT a, i, k, n, months,
       pg_temp.uid('invoice', a, i * 1000 + k) AS id,
       l.id AS lease_id, l.rent_amount AS amount, l.rent_currency AS currency,
       (l.start_date + k * interval '1 month')::date AS due_date,
       CASE WHEN (i * 1000 + k) % 25 = 4 THEN 5000 ELSE 0 END AS credit,
       CASE
           WHEN k < months - 2 THEN 'paid'
           WHEN k = months - 2 THEN (ARRAY['paid','paid','paid','paid','paid','paid','paid',
                                           'paid','partial','open'])[1 + pg_temp.r(i, k, 10)]
           ELSE (ARRAY['open','open','open','open','open','open','open','paid','paid',
                       'partial'])[1 + pg_temp.r(i, k, 10)]
       END AS state
FROM plan
CROSS JOIN generate_series(0, n - 1) i
JOIN leases l ON l.id = pg_temp.uid('lease', a, i)
CROSS JOIN generate_series(0, months - 1) k
WHERE l.status = 'active' OR k < months - 2;

INSERT INTO invoices (id, agency_id, lease_id, number, kind, status, currency, issue_date,
                      due_date, period_start, period_end, source_key, approved_at)
SELECT id, pg_temp.uid('agency', a, 0), lease_id,
       row_number() OVER (PARTITION BY a ORDER BY due_date, i),
       'rent', 'open', currency, due_date - 14, due_date, due_date,
       (due_date + interval '1 month')::date - 1,
       'rent:' || lease_id || ':' || due_date, (due_date - 14)::timestamptz + interval '9 hours'
FROM rent;

INSERT INTO invoice_lines (id, invoice_id, position, description, amount)
SELECT pg_temp.uid('line', a, i * 1000 + k), id, 0, 'Rent', amount FROM rent;

-- Drafts and void invoices: staff see them, tenants never do.
INSERT INTO invoices (id, agency_id, lease_id, number, kind, status, currency, issue_date,
                      due_date, void_reason, voided_at)
SELECT pg_temp.uid('extra', a, i), pg_temp.uid('agency', a, 0), pg_temp.uid('lease', a, i),
       CASE WHEN i % 2 = 0 THEN NULL ELSE 1000000 + i END,
       'fee', CASE WHEN i % 2 = 0 THEN 'draft' ELSE 'void' END, l.rent_currency,
       month0 + (months - 1) * interval '1 month', month0 + months * interval '1 month',
       CASE WHEN i % 2 = 1 THEN 'Issued twice' END,
       CASE WHEN i % 2 = 1 THEN now() END
FROM plan
CROSS JOIN generate_series(0, n - 1) i
JOIN leases l ON l.id = pg_temp.uid('lease', a, i)
WHERE i % 40 = 2 OR i % 40 = 3;
INSERT INTO invoice_lines (id, invoice_id, position, description, amount)
SELECT pg_temp.uid('extra-line', a, i * 10 + p), pg_temp.uid('extra', a, i), p,
       (ARRAY['Key replacement', 'Cleaning'])[p + 1], 2500 + 1000 * p
FROM plan, generate_series(0, n - 1) i, generate_series(0, 1) p
WHERE i % 40 = 2 OR i % 40 = 3;

INSERT INTO credit_notes (id, agency_id, invoice_id, number, kind, status, amount, reason,
                          requested_by_id, applied_at)
SELECT pg_temp.uid('credit', a, i * 1000 + k), pg_temp.uid('agency', a, 0), id,
       row_number() OVER (PARTITION BY a ORDER BY due_date, i), 'credit', 'applied', credit,
       'Boiler out of order', pg_temp.uid('staff', a, 3), due_date::timestamptz
FROM rent WHERE credit > 0;

-- One payment per paid or partly paid invoice; one in 30 pays 1,000 too much (credit).
CREATE TEMP TABLE paid AS
SELECT r.*, pg_temp.uid('payment', a, i * 1000 + k) AS payment_id,
       CASE WHEN state = 'paid' THEN amount - credit ELSE (amount - credit) / 2 END AS allocated,
       CASE WHEN (i * 1000 + k) % 30 = 11 THEN 1000 ELSE 0 END AS extra
FROM rent r WHERE state <> 'open';

INSERT INTO payments (id, agency_id, lease_id, tenant_id, method, status, amount, currency,
                      received_on, reference, recorded_by_id, succeeded_at)
SELECT payment_id, pg_temp.uid('agency', a, 0), lease_id, pg_temp.uid('tenant', a, i),
       'bank_transfer', 'succeeded', allocated + extra, currency, due_date + (i + k) % 5,
       'BANK-' || a || '-' || i || '-' || k, pg_temp.uid('staff', a, 3),
       (due_date + (i + k) % 5)::timestamptz + interval '10 hours'
FROM paid;

INSERT INTO allocations (id, payment_id, invoice_id, amount)
SELECT pg_temp.uid('allocation', a, i * 1000 + k), payment_id, id, allocated FROM paid;

INSERT INTO receipts (id, agency_id, trust_account_id, payment_id, number, issued_at)
SELECT pg_temp.uid('receipt', a, i * 1000 + k), pg_temp.uid('agency', a, 0),
       pg_temp.uid('trust', a, 0), payment_id,
       row_number() OVER (PARTITION BY a ORDER BY due_date, i, k),
       (due_date + (i + k) % 5)::timestamptz + interval '10 hours'
FROM paid;
"""


# The book numbers its receipts and invoices without the counters the API takes the next
# number from: start them where the book is, so that a write after the seed continues them.
COUNTERS_SQL = """
INSERT INTO document_sequences (owner_id, kind, last_number)
SELECT trust_account_id, 'receipt', max(number) FROM receipts GROUP BY 1
UNION ALL
SELECT agency_id, 'invoice', max(number) FROM invoices WHERE number IS NOT NULL GROUP BY 1
ON CONFLICT (owner_id, kind) DO NOTHING
"""


@dataclass
class Caller:
    """One identity the load speaks as: its login session's claims, the token last signed for
    them, and which paths it may call."""

    audience: Audience
    claims: AccessClaims
    token: str
    issued_at: datetime

    def fresh_token(self) -> str:
        """The token, signed again once a third of its lifetime has gone, so that none runs
        out during the measurement that sends it (each lasts seconds, a run many minutes)."""
        now = datetime.now(UTC)
        if now - self.issued_at > TOKEN_LIFETIME / 3:
            self.token = AccessTokens(SECRET, TOKEN_LIFETIME).issue(self.claims, now)
            self.issued_at = now
        return self.token


@dataclass
class Book:
    tenants: list[Caller] = field(default_factory=list)
    staff: list[Caller] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


async def seed(url: str, leases: int, months: int) -> None:
    """The scratch book."""
    connection = await asyncpg.connect(url)
    try:
        await connection.execute(HELPERS_SQL)
        month0 = datetime.now(UTC).date().replace(day=1)
        for _ in range(months - 1):
            month0 = (month0 - timedelta(days=1)).replace(day=1)
        plan = [
            (a + 1, max(UNITS_PER_PROPERTY, round(leases * share)))
            for a, share in enumerate(AGENCY_SHARES)
        ]
        await connection.execute(
            "CREATE TEMP TABLE plan (a int, n int, months int, month0 date, currency text)"
        )
        await connection.executemany(
            "INSERT INTO plan VALUES ($1, $2, $3, $4, $5)",
            [(a, n, months, month0, ("EUR", "GBP", "USD")[a - 1]) for a, n in plan],
        )
        async with connection.transaction():
            await connection.execute(AGENCIES_SQL)
            await connection.execute(
                BOOK_SQL.format(
                    units=UNITS_PER_PROPERTY,
                    first_names=text_array(FIRST_NAMES),
                    last_names=text_array(LAST_NAMES),
                )
            )
            await connection.execute(INVOICES_SQL)
            await connection.execute(COUNTERS_SQL)
        await connection.execute("ANALYZE")
    finally:
        await connection.close()


async def sign_in(url: str) -> Book:
    """A login session and an access token for each caller, and the size of the book."""
    connection = await asyncpg.connect(url)
    try:
        await connection.execute(HELPERS_SQL)
        book = Book()
        for table in ("leases", "tenants", "invoices", "payments", "allocations", "credit_notes"):
            book.counts[table] = await connection.fetchval(f"SELECT count(*) FROM {table}")  # noqa: S608
        now = datetime.now(UTC)
        tokens = AccessTokens(SECRET, TOKEN_LIFETIME)
        agency_id = await connection.fetchval("SELECT pg_temp.uid('agency', 1, 0)")
        # Tenants of the measured agency with a live lease, spread over the book (joint
        # tenants and the tenant on two leases included).
        tenant_ids = await connection.fetch(
            """SELECT DISTINCT lt.tenant_id FROM lease_tenants lt JOIN leases l
               ON l.id = lt.lease_id WHERE l.agency_id = $1 AND l.status = 'active'
               ORDER BY lt.tenant_id LIMIT $2""",
            agency_id,
            CALLERS,
        )
        staff_ids = await connection.fetch(
            "SELECT id FROM staff_users WHERE agency_id = $1 ORDER BY id", agency_id
        )
        for audience, ids, into in (
            (Audience.TENANT, tenant_ids, book.tenants),
            (Audience.STAFF, staff_ids, book.staff),
        ):
            for (subject,) in ids:
                session_id = uuid.uuid4()
                await connection.execute(
                    """INSERT INTO auth_sessions (id, audience, subject_id, agency_id,
                       started_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)""",
                    session_id,
                    audience.value,
                    subject,
                    agency_id,
                    now,
                    now + SESSION_LIFETIME,
                )
                claims = AccessClaims(subject, audience, agency_id, session_id)
                into.append(Caller(audience, claims, tokens.issue(claims, now), now))
        return book
    finally:
        await connection.close()


# ------------------------------------------------------------------------------- paths


@dataclass(frozen=True)
class Path_:
    """A measured request: who calls it and what it asks for."""

    name: str
    audience: Audience
    target: str


PATHS = (
    Path_("portal invoices", Audience.TENANT, "/api/v1/portal/invoices?limit=20"),
    Path_(
        "portal invoices to pay",
        Audience.TENANT,
        "/api/v1/portal/invoices?limit=20&state=open&state=partially_paid",
    ),
    Path_("portal leases", Audience.TENANT, "/api/v1/portal/leases"),
    Path_("portal balance", Audience.TENANT, "/api/v1/portal/balance"),
    Path_("portal me", Audience.TENANT, "/api/v1/portal/me"),
    Path_("staff invoices", Audience.STAFF, "/api/v1/invoices?limit=50"),
)


# ------------------------------------------------------------------------------- the floor
#
# A bare Starlette app on an asyncpg pool. Each handler checks the token as the API does,
# sends the API's statements (their text captured from the API, see capture_statements) with
# the same parameters, and shapes the JSON by hand. Like the API, it opens no transaction to
# read (a BEGIN or COMMIT from the API would fail the statement check).


def _json_value(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, date):
        return value.isoformat()
    return value


def _dumps(document: Any) -> bytes:
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()


class Floor:
    """The floor's handlers, given the API's statements by name."""

    # Constant parameters of the invoice rows statement, in the order the API binds them:
    # the state CASE (draft, void, paid, partially paid, open) and the sums' zeroes, then the
    # credit note status; the separator of "first last" comes after the page's parameters.
    INVOICE_CONSTANTS = ("draft", "draft", "void", "void", 0, "paid", 0, "partially_paid",
                         "open", 0, 0, "applied", 0)  # fmt: skip
    # The balance statement's: open invoices' sums, then succeeded payments' (refunds
    # succeeded), then the late part's (``today`` comes after its first zero), then the
    # submitted transfer proofs'.
    BALANCE_CONSTANTS = (0, "open", 0, "applied", 0, 0, "succeeded", 0, "succeeded", 0, 0)
    LATE_CONSTANTS = (0, "applied", 0, 0, "submitted")
    # The tenant identity's first parameter: the tenant portal's switch where the agency
    # never set it (on).
    PORTAL_DEFAULT = True

    def __init__(self, pool: Any, statements: dict[str, str], tokens: AccessTokens) -> None:
        self.pool = pool
        self.sql = statements
        self.tokens = tokens

    def claims(self, headers: Any, audience: Audience) -> AccessClaims | None:
        authorization = headers.get("authorization", "")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        return self.tokens.verify(token, audience, datetime.now(UTC))

    async def identity(self, connection: Any, claims: AccessClaims, key: str) -> Any:
        leading = (self.PORTAL_DEFAULT,) if claims.audience is Audience.TENANT else ()
        return await connection.fetchrow(
            self.sql[key],
            *leading,
            claims.subject,
            claims.agency_id,
            claims.session_id,
            claims.audience.value,
            datetime.now(UTC),
        )

    async def invoices(
        self,
        connection: Any,
        agency_id: uuid.UUID,
        timezone: str,
        tail: tuple[Any, ...],
        key: str,
        limit: int,
    ) -> bytes:
        rows = await connection.fetch(
            self.sql[key], *self.INVOICE_CONSTANTS, agency_id, *tail, limit + 1, " "
        )
        cursor = None
        if len(rows) > limit:
            rows = rows[:limit]
            cursor = _cursor(rows[-1]["id"])
        today = datetime.now(ZoneInfo(timezone)).date()
        charges = await self.invoice_charges(connection, agency_id, rows, today)
        items = []
        for row in rows:
            state = row["state"]
            items.append(
                {
                    "id": str(row["id"]),
                    "number": row["number"],
                    "lease_id": str(row["lease_id"]),
                    "kind": row["kind"],
                    "status": row["status"],
                    "state": state,
                    "currency": row["currency"],
                    "issue_date": row["issue_date"].isoformat(),
                    "due_date": row["due_date"].isoformat(),
                    "period_start": _json_value(row["period_start"]),
                    "period_end": _json_value(row["period_end"]),
                    "lines": [
                        {"description": description, "amount": amount}
                        for description, amount in zip(
                            row["line_descriptions"] or (), row["line_amounts"] or (), strict=True
                        )
                    ],
                    "total": row["total"],
                    "credited": row["credited"],
                    "paid": row["paid"],
                    "outstanding": row["total"] - row["credited"] - row["paid"],
                    "overdue": state in ("open", "partially_paid") and row["due_date"] < today,
                    "property_name": row["property_name"],
                    "unit_name": row["unit_name"],
                    "tenant_names": list(row["tenant_names"] or ()),
                    "approved_at": _json_value(row["approved_at"]),
                    "void_reason": row["void_reason"],
                    "scheduled_charge": charges.get(row["id"]),
                }
            )
        return _dumps({"items": items, "next_cursor": cursor})

    # The invoice charges statement's: the reminder lead's settings key and default, then
    # (after the agency and the invoices) the charge statuses at the gateway, those to come, the
    # cancelled set-up status and the online payments switch's default.
    CHARGE_HEAD = ("reminder_days_before_due", 3)
    CHARGE_TAIL = ("charging", "processing", "unknown", "scheduled", "reminded", "cancelled", False)

    async def invoice_charges(
        self, connection: Any, agency_id: uuid.UUID, rows: list[Any], today: date
    ) -> dict[uuid.UUID, dict[str, Any]]:
        """The recurring charges that will take the page's invoices still to pay: the API's
        one statement, sent only when the page has such an invoice."""
        outstanding = {
            row["id"]: row["total"] - row["credited"] - row["paid"]
            for row in rows
            if row["status"] == "open" and row["total"] - row["credited"] - row["paid"] > 0
        }
        if not outstanding:
            return {}
        found = await connection.fetch(
            self.sql["invoice charges"],
            *self.CHARGE_HEAD,
            agency_id,
            list(outstanding),
            *self.CHARGE_TAIL,
        )
        charges = {}
        for charge in found:
            charge_on = charge["charge_not_before"]
            if charge_on is None:
                reminded_on = max(
                    today, charge["due_date"] - timedelta(days=charge["reminder_days"])
                )
                charge_on = max(charge["due_date"], reminded_on + timedelta(days=3))
            tail = charge["payment_method_label"].rsplit(" ", 1)[-1]
            amount = charge["reminded_amount"]
            charges[charge["invoice_id"]] = {
                "charge_on": charge_on.isoformat(),
                "amount": outstanding[charge["invoice_id"]] if amount is None else amount,
                "currency": charge["currency"],
                "status": (
                    charge["status"]
                    if charge["status"] in ("scheduled", "reminded")
                    else "charging"
                ),
                "method": charge["method"],
                "last4": tail if len(tail) == 4 and tail.isdigit() else None,
            }
        return charges

    # The open rents statement's: the sums' zeroes and the credit note status, then the
    # invoice kind and status; the leases and ``today`` are the request's.
    OPEN_RENT_CONSTANTS = (0, 0, "applied", 0)

    async def next_rents(
        self,
        connection: Any,
        active: list[tuple[uuid.UUID, RentTerms]],
        today: date,
        reviews: dict[uuid.UUID, list[tuple[date, int]]],
    ) -> dict[uuid.UUID, tuple[date, int, uuid.UUID | None]]:
        """Per active lease, the next rent still to pay: its due date, what it asks for and
        its invoice once issued."""
        rows = await connection.fetch(
            self.sql["open rents"],
            *self.OPEN_RENT_CONSTANTS,
            [lease_id for lease_id, _ in active],
            "rent",
            "open",
            today,
        )
        issued = {(row["lease_id"], row["due_date"]): row for row in rows}
        found: dict[uuid.UUID, tuple[date, int, uuid.UUID | None]] = {}
        for lease_id, terms in active:
            due = next_due_date(terms, today)
            for _ in range(120):
                if due is None or (
                    not terms.open_ended and terms.end_date and due > terms.end_date
                ):
                    break
                invoice = issued.get((lease_id, due))
                if invoice is None:
                    found[lease_id] = (
                        due,
                        rent_on(terms.rent_amount, reviews[lease_id], due),
                        None,
                    )
                    break
                if invoice["outstanding"] > 0:
                    found[lease_id] = (due, invoice["outstanding"], invoice["id"])
                    break
                due = regular_due_on_or_after(terms, due + timedelta(days=1))
        return found

    async def leases(self, connection: Any, claims: AccessClaims, timezone: str) -> bytes:
        rows = await connection.fetch(
            self.sql["leases"], claims.subject, claims.agency_id, "active", "ended"
        )
        today = datetime.now(ZoneInfo(timezone)).date()
        active = []
        reviews = {
            row["id"]: list(
                zip(row["review_dates"] or (), row["review_amounts"] or (), strict=True)
            )
            for row in rows
        }
        for row in rows:
            terms = RentTerms(
                start_date=row["start_date"],
                end_date=row["end_date"],
                holding_over=row["holding_over"],
                rent_amount=row["rent_amount"],
                frequency=RentFrequency(row["frequency"]),
                due_day=row["due_day"],
            )
            if row["status"] == "active" and next_due_date(terms, today) is not None:
                active.append((row["id"], terms))
        next_rent = await self.next_rents(connection, active, today, reviews) if active else {}
        items = []
        for row in rows:
            due, amount, invoice_id = next_rent.get(row["id"]) or (None, None, None)
            address = ", ".join(
                part
                for part in (
                    row["address_line1"],
                    row["address_line2"],
                    f"{row['postal_code']} {row['city']}",
                )
                if part
            )
            items.append(
                {
                    "id": str(row["id"]),
                    "unit": {
                        "id": str(row["unit_id"]),
                        "name": row["unit_name"],
                        "property_id": str(row["property_id"]),
                        "property_name": row["property_name"],
                        "address": address,
                    },
                    "start_date": row["start_date"].isoformat(),
                    "end_date": _json_value(row["end_date"]),
                    "rent": {"amount": row["rent_amount"], "currency": row["rent_currency"]},
                    "frequency": row["frequency"],
                    "due_day": row["due_day"],
                    "holding_over": row["holding_over"],
                    "status": row["status"],
                    "next_due_date": _json_value(due),
                    "created_at": _json_value(row["created_at"]),
                    "current_rent": {
                        "amount": rent_on(row["rent_amount"], reviews[row["id"]], today),
                        "currency": row["rent_currency"],
                    },
                    "next_rent_review": (
                        None
                        if (change := next_rent_change(reviews[row["id"]], today)) is None
                        else {
                            "effective_from": change[0].isoformat(),
                            "rent": {"amount": change[1], "currency": row["rent_currency"]},
                        }
                    ),
                    "tenants": [
                        {"id": str(party), "first_name": first, "last_name": last}
                        for party, first, last in zip(
                            row["party_ids"] or (),
                            row["party_first_names"] or (),
                            row["party_last_names"] or (),
                            strict=True,
                        )
                    ],
                    "next_due_amount": (
                        None
                        if amount is None
                        else {"amount": amount, "currency": row["rent_currency"]}
                    ),
                    "next_due_invoice_id": _json_value(invoice_id),
                }
            )
        return _dumps({"items": items, "next_cursor": None})

    async def balance(self, connection: Any, claims: AccessClaims, timezone: str) -> bytes:
        rows = await connection.fetch(
            self.sql["balance"],
            *self.BALANCE_CONSTANTS,
            datetime.now(ZoneInfo(timezone)).date(),
            *self.LATE_CONSTANTS,
            claims.subject,
            claims.agency_id,
            "active",
            "ended",
        )
        items = []
        for row in rows:
            balance = row["outstanding"] - row["credit"]
            items.append(
                {
                    "lease_id": str(row["id"]),
                    "currency": row["rent_currency"],
                    "outstanding": row["outstanding"],
                    "credit": row["credit"],
                    "balance": balance,
                    "overdue": row["overdue"],
                    "pending": row["pending"],
                    "to_pay": max(balance - row["pending"], 0),
                }
            )
        return _dumps(items)

    @staticmethod
    def me(claims: AccessClaims, person: Any) -> bytes:
        return _dumps(
            {
                "id": str(claims.subject),
                "first_name": person["first_name"],
                "last_name": person["last_name"],
                "email": person["email"],
                "phone": person["phone"],
                "phone_display": display_phone(person["phone"], person["agency_country"]),
                "language": person["language"],
                "agency": {
                    "id": str(claims.agency_id),
                    "name": person["agency_name"],
                    "locale": person["agency_locale"],
                    "currency": person["agency_currency"],
                    "timezone": person["agency_timezone"],
                    "country": person["agency_country"],
                },
            }
        )

    async def answer(self, path: str, query: list[tuple[str, str]], headers: Any) -> bytes | None:
        """The body for one request, or None for a 401 (the bench never sends one)."""
        audience = Audience.STAFF if path == "/api/v1/invoices" else Audience.TENANT
        claims = self.claims(headers, audience)
        if claims is None:
            return None
        limit = int(dict(query).get("limit", "50"))
        async with self.pool.acquire() as connection:
            if audience is Audience.STAFF:
                person = await self.identity(connection, claims, "staff identity")
                if person is None:
                    return None
                return await self.invoices(
                    connection,
                    claims.agency_id,
                    person["agency_timezone"],
                    (),
                    "staff invoices",
                    limit,
                )
            person = await self.identity(connection, claims, "tenant identity")
            if person is None or not person["tenant_portal"]:
                return None
            timezone = person["agency_timezone"]
            if path == "/api/v1/portal/me":
                return self.me(claims, person)
            if path == "/api/v1/portal/leases":
                return await self.leases(connection, claims, timezone)
            if path == "/api/v1/portal/balance":
                return await self.balance(connection, claims, timezone)
            states = [value for key, value in query if key == "state"] or [
                "open",
                "partially_paid",
                "paid",
            ]
            return await self.invoices(
                connection,
                claims.agency_id,
                timezone,
                (states, claims.subject),
                "portal invoices",
                limit,
            )


def _cursor(invoice_id: uuid.UUID) -> str:
    raw = json.dumps([str(invoice_id)], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def floor_app(database: str, statements: dict[str, str]) -> Any:
    """The floor as an ASGI app (Starlette, one asyncpg pool)."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    state: dict[str, Floor] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        # As many connections as the API may open (pool_size 10 + overflow 10).
        pool = await asyncpg.create_pool(database, min_size=2, max_size=20)
        state["floor"] = Floor(pool, statements, AccessTokens(SECRET, TOKEN_LIFETIME))
        yield
        await pool.close()

    async def endpoint(request: Request) -> Response:
        body = await state["floor"].answer(
            request.url.path, request.query_params.multi_items(), request.headers
        )
        if body is None:
            return JSONResponse({"status": 401}, status_code=401)
        return Response(body, media_type="application/json")

    paths = sorted({urlsplit(path.target).path for path in PATHS})
    return Starlette(routes=[Route(path, endpoint) for path in paths], lifespan=lifespan)


# ------------------------------------------------------------------------------- statements

# The statements the floor sends for each path, by name, in order; the API must send the same.
FLOOR_STATEMENTS = {
    # Then the recurring charges of the page's invoices still to pay (the book's first caller
    # has some).
    "portal invoices": ("tenant identity", "portal invoices", "invoice charges"),
    "portal invoices to pay": ("tenant identity", "portal invoices", "invoice charges"),
    # The first caller has an active lease with an issued rent invoice still to come.
    "portal leases": ("tenant identity", "leases", "open rents"),
    "portal balance": ("tenant identity", "balance"),
    "portal me": ("tenant identity",),
    "staff invoices": ("staff identity", "staff invoices", "invoice charges"),
}


@contextlib.contextmanager
def recording_statements() -> Iterator[list[str]]:
    """Every statement asyncpg runs meanwhile, in this process: the text of each parameterised
    one, whether sent by text (``fetch``) or as an already prepared statement (SQLAlchemy
    keeps its own cache of those, so a warm request prepares nothing), and simple commands
    such as BEGIN and COMMIT. It sits under SQLAlchemy, so it sees what the API sends
    whichever way it sends it; preparing alone is not counted, running is."""
    from asyncpg.prepared_stmt import PreparedStatement

    sent: list[str] = []
    connection_class = asyncpg.connection.Connection
    execute, execute_text = connection_class.execute, connection_class._execute
    # Where every run of a prepared statement goes (fetch, fetchrow, fetchval...).
    bind_execute_name = "_PreparedStatement__bind_execute"
    bind_execute = getattr(PreparedStatement, bind_execute_name)

    async def recorded_execute(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        if not args:  # with arguments it goes through _execute
            sent.append(query)
        return await execute(self, query, *args, **kwargs)

    async def recorded_execute_text(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        sent.append(query)
        return await execute_text(self, query, *args, **kwargs)

    async def recorded_bind_execute(self: Any, *args: Any, **kwargs: Any) -> Any:
        sent.append(self.get_query())
        return await bind_execute(self, *args, **kwargs)

    connection_class.execute = recorded_execute
    connection_class._execute = recorded_execute_text
    setattr(PreparedStatement, bind_execute_name, recorded_bind_execute)
    try:
        yield sent
    finally:
        connection_class.execute = execute
        connection_class._execute = execute_text
        setattr(PreparedStatement, bind_execute_name, bind_execute)


async def capture_statements(url: str, book: Book, paths: list[Path_]) -> dict[str, str]:
    """Run each path once through the API in process and record the SQL it sends; fail unless
    each path sends exactly the statements the floor sends for it (no more, none other, BEGIN
    and COMMIT only where the floor opens a transaction too). Only the measured ``paths`` are
    checked (``--paths``), so that one path out of step does not stop the others."""
    from doorstep.app import create_app
    from doorstep.core.db import Database
    from doorstep.core.settings import Environment

    database = Database.from_url(sqlalchemy_url(url))
    settings = Settings(database_url=sqlalchemy_url(url), secret_key=SECRET, env=Environment.TEST)
    app = create_app(settings, database=database)
    named: dict[str, str] = {}
    problems = []
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://api") as client:
            for path in paths:
                caller = (book.tenants if path.audience is Audience.TENANT else book.staff)[0]
                headers = {"authorization": f"Bearer {caller.fresh_token()}"}
                await client.get(path.target, headers=headers)  # connects, warms caches
                with recording_statements() as sent:
                    response = await client.get(path.target, headers=headers)
                if response.status_code != 200:
                    problems.append(f"{path.name}: the API answered {response.status_code}")
                    continue
                names = FLOOR_STATEMENTS[path.name]
                if len(sent) != len(names):
                    problems.append(
                        f"{path.name}: the API sent {len(sent)} statements, the floor "
                        f"sends {len(names)}:\n" + "\n".join(sent)
                    )
                    continue
                for name, statement in zip(names, sent, strict=True):
                    if named.setdefault(name, statement) != statement:
                        problems.append(f"{path.name}: '{name}' differs between paths")
                    # The floor's asyncpg transaction sends these itself.
                    expected = {"begin": "BEGIN;", "commit": "COMMIT;"}.get(name, statement)
                    if statement != expected:
                        problems.append(f"{path.name}: the API sent {statement!r} for {name}")
    finally:
        await database.dispose()
    if problems:
        raise SystemExit("The API's statements are not the floor's:\n" + "\n".join(problems))
    return named


# ------------------------------------------------------------------------------- servers


@dataclass
class Server:
    label: str
    base: str
    process: subprocess.Popen[bytes] | None = None
    pid: int | None = None  # whose CPU time is measured; the process's when we started it

    def __post_init__(self) -> None:
        if self.process is not None:
            self.pid = self.process.pid

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def start_api(url: str, workers: int, log: Path) -> Server:
    port = free_port()
    environment = os.environ | {
        "DOORSTEP_ENV": "production",
        "DOORSTEP_DATABASE_URL": sqlalchemy_url(url),
        "DOORSTEP_SECRET_KEY": SECRET,
        "DOORSTEP_DATA_KEYS": DATA_KEYS,
        "DOORSTEP_LOG_JSON": "true",
        "DOORSTEP_API_WORKERS": str(workers),
    }
    command = [sys.executable, "-m", "doorstep.cli", "api", "--port", str(port)]
    command += ["--workers", str(workers)]
    process = subprocess.Popen(  # noqa: S603 - our own command line
        command,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=log.open("ab"),
        start_new_session=True,
    )
    label = f"API ({workers} process{'es' if workers > 1 else ''})"
    return Server(label, f"http://127.0.0.1:{port}", process)


def start_floor(url: str, statements: dict[str, str], workdir: Path, log: Path) -> Server:
    port = free_port()
    config = workdir / "floor.json"
    config.write_text(json.dumps({"database": url, "statements": statements}))
    process = subprocess.Popen(  # noqa: S603 - our own command line
        [sys.executable, __file__, "--serve-floor", str(config), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=log.open("ab"),
        start_new_session=True,
    )
    return Server("floor", f"http://127.0.0.1:{port}", process)


def serve_floor(config_path: str, port: int) -> None:
    import uvicorn

    from doorstep.core.collector import set_collector_for_serving

    config = json.loads(Path(config_path).read_text())
    app = floor_app(config["database"], config["statements"])
    # The same server and settings as `doorstep api`, its cycle collector's included.
    set_collector_for_serving()
    uvicorn.run(app, host="127.0.0.1", port=port, access_log=False, log_level="warning")


async def wait_until_up(server: Server, within: float = 60) -> None:
    deadline = time.monotonic() + within
    async with httpx.AsyncClient() as client:
        while True:
            if server.process is not None and server.process.poll() is not None:
                raise SystemExit(f"{server.label} exited; see the log")
            with contextlib.suppress(httpx.TransportError):
                if (await client.get(f"{server.base}/api/v1/portal/me")).status_code in (200, 401):
                    return
            if time.monotonic() > deadline:
                raise SystemExit(f"{server.label} did not start in {within:.0f} s")
            await asyncio.sleep(0.2)


async def check_identical(
    servers: list[Server], floor: Server, book: Book, paths: list[Path_]
) -> None:
    """Byte-identical bodies from the floor and each API, for every path and several callers."""
    problems = []
    async with httpx.AsyncClient(timeout=30) as client:
        for path in paths:
            callers = book.tenants[::17] if path.audience is Audience.TENANT else book.staff
            for caller in callers:
                headers = {"authorization": f"Bearer {caller.fresh_token()}"}
                expected = await client.get(floor.base + path.target, headers=headers)
                for server in servers:
                    got = await client.get(server.base + path.target, headers=headers)
                    if got.status_code != 200 or got.content != expected.content:
                        diff = "\n".join(
                            difflib.unified_diff(
                                expected.text.split(","), got.text.split(","), lineterm="", n=1
                            )
                        )
                        problems.append(f"{path.name} ({server.label}, {got.status_code}):\n{diff}")
    if problems:
        raise SystemExit("The floor and the API answer differently:\n" + "\n\n".join(problems[:5]))


# ------------------------------------------------------------------------------- load


@dataclass(frozen=True)
class Measure:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int = 0
    cpu_ms: float = 0.0  # the server's processes' CPU time per request


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and all its descendants, from /proc: what a
    request costs the server, whatever else the machine is doing meanwhile."""
    ticks = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / ticks
    total, pending = 0.0, [pid]
    while pending:
        current = pending.pop()
        total += times.get(current, 0.0)
        pending += children.get(current, [])
    return total


WRK_SCRIPT = """
local tokens = {%s}
local index = 0
init = function(args) index = math.random(#tokens) end
request = function()
  index = index %% #tokens + 1
  return wrk.format("GET", "%s", {["Authorization"] = "Bearer " .. tokens[index]})
end
"""


def _wrk_ms(text: str, percentile: str) -> float:
    match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", text, re.MULTILINE)
    if match is None:
        raise SystemExit(f"wrk printed no {percentile}th percentile:\n{text}")
    value, unit = float(match[1]), match[2]
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def run_wrk(base: str, path: Path_, tokens: list[str], clients: int, seconds: float) -> Measure:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % (", ".join(f'"{token}"' for token in tokens), path.target))
    try:
        output = subprocess.run(  # noqa: S603 - our own command line
            [
                shutil.which("wrk") or "wrk",
                "-t1",
                f"-c{clients}",
                f"-d{seconds:.0f}s",
                "--latency",
                "--timeout",
                "30s",
                "-s",
                script.name,
                base,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors:.*?timeout (\d+)", output)
    requests = re.search(r"(\d+) requests in", output)
    return Measure(
        rps=float(rps[1]) if rps else 0.0,
        p50_ms=_wrk_ms(output, "50"),
        p99_ms=_wrk_ms(output, "99"),
        errors=(int(errors[1]) if errors else 0) + (int(socket_errors[1]) if socket_errors else 0),
        requests=int(requests[1]) if requests else 0,
    )


async def _client(
    host: str,
    port: int,
    target: str,
    tokens: list[str],
    offset: int,
    stop_at: float,
    latencies: list[float],
    errors: list[int],
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    index = offset
    try:
        while time.perf_counter() < stop_at:
            index = (index + 1) % len(tokens)
            request = (
                f"GET {target} HTTP/1.1\r\nHost: {host}\r\n"
                f"Authorization: Bearer {tokens[index]}\r\n\r\n"
            )
            started = time.perf_counter()
            writer.write(request.encode())
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except (ConnectionResetError, asyncio.IncompleteReadError):
                # The server closed the kept-alive connection (uvicorn does after 5 s without
                # a request, which a client starved of CPU on a busy machine can take): open
                # another, as wrk and browsers do. The request is not counted.
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
                continue
            length = int(re.search(rb"(?i)content-length:\s*(\d+)", head)[1])  # type: ignore[index]
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            if not head.startswith(b"HTTP/1.1 200"):
                errors.append(1)
    finally:
        writer.close()


def run_asyncio(base: str, path: Path_, tokens: list[str], clients: int, seconds: float) -> Measure:
    """The load without wrk: keep-alive HTTP/1.1 clients in one asyncio loop."""
    address = urlsplit(base)
    latencies: list[float] = []
    errors: list[int] = []

    async def run() -> float:
        started = time.perf_counter()
        stop_at = started + seconds
        await asyncio.gather(
            *(
                _client(
                    address.hostname or "",
                    address.port or 80,
                    path.target,
                    tokens,
                    offset * 7,
                    stop_at,
                    latencies,
                    errors,
                )
                for offset in range(clients)
            )
        )
        return time.perf_counter() - started

    elapsed = asyncio.run(run())
    latencies.sort()
    return Measure(
        rps=len(latencies) / elapsed,
        p50_ms=latencies[len(latencies) // 2] * 1000,
        p99_ms=latencies[int(len(latencies) * 0.99)] * 1000,
        errors=len(errors),
        requests=len(latencies),
    )


def load(server: Server, path: Path_, book: Book, clients: int, seconds: float) -> Measure:
    callers = book.tenants if path.audience is Audience.TENANT else book.staff
    tokens = [caller.fresh_token() for caller in callers]
    run = run_wrk if shutil.which("wrk") else run_asyncio
    pid = server.pid
    cpu_before = cpu_seconds(pid) if pid else 0.0
    measure = run(server.base, path, tokens, clients, seconds)
    if pid and measure.requests:
        cpu = (cpu_seconds(pid) - cpu_before) * 1000 / measure.requests
        measure = dataclasses.replace(measure, cpu_ms=cpu)
    return measure


# ------------------------------------------------------------------------------- report


def _spread(values: list[float], digits: int = 2) -> str:
    return f"{min(values):.{digits}f} / {median(values):.{digits}f} / {max(values):.{digits}f}"


def report(
    results: dict[tuple[str, str, int], list[Measure]],
    apis: list[Server],
    paths: list[Path_],
    clients: list[int],
) -> None:
    floor = "floor"
    for api in apis:
        print(f"\n{api.label} against the floor (one process): min / median / max over rounds")
        print(
            f"{'path':<24}{'clients':>8}{'API req/s':>11}{'p50 ms':>8}{'p99 ms':>8}"
            f"{'floor req/s':>13}{'p50 ms':>8}{'p99 ms':>8}   {'req/s ratio':<20} "
            f"{'p99 ratio':<22} {'CPU ms/req API / floor':<22}"
        )
        for path in paths:
            for count in clients:
                mine = results[(api.label, path.name, count)]
                base = results[(floor, path.name, count)]
                ratios = [a.rps / b.rps for a, b in zip(mine, base, strict=True) if b.rps]
                p99s = [a.p99_ms / b.p99_ms for a, b in zip(mine, base, strict=True) if b.p99_ms]
                errors = sum(m.errors for m in mine), sum(m.errors for m in base)
                print(
                    f"{path.name:<24}{count:>8}{median(m.rps for m in mine):>11.0f}"
                    f"{median(m.p50_ms for m in mine):>8.1f}{median(m.p99_ms for m in mine):>8.1f}"
                    f"{median(m.rps for m in base):>13.0f}{median(m.p50_ms for m in base):>8.1f}"
                    f"{median(m.p99_ms for m in base):>8.1f}   {_spread(ratios):<20}"
                    f" {_spread(p99s):<22} "
                    f"{median(m.cpu_ms for m in mine):.2f} / {median(m.cpu_ms for m in base):.2f}"
                    + (f"  (errors: {errors[0]} API, {errors[1]} floor)" if any(errors) else "")
                )


# ------------------------------------------------------------------------------- main


async def prepare(args: argparse.Namespace) -> tuple[str, Book]:
    admin = database_url(args.database_url, "postgres")
    name = args.reuse or f"doorstep_bench_api_{os.getpid()}"
    url = database_url(args.database_url, name)
    if not args.reuse:
        connection = await asyncpg.connect(admin)
        try:
            await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()
        with step(f"migrating {name}"):
            await asyncio.to_thread(upgrade_to_head, sqlalchemy_url(url))
        with step(f"seeding {args.leases} leases with {args.months} months of invoices"):
            await seed(url, args.leases, args.months)
    book = await sign_in(url)
    print("  book: " + ", ".join(f"{count:,} {table}" for table, count in book.counts.items()))
    return url, book


async def drop(args: argparse.Namespace, url: str) -> None:
    connection = await asyncpg.connect(database_url(args.database_url, "postgres"))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{urlsplit(url).path[1:]}"')
    finally:
        await connection.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--leases", type=int, default=6000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=float, default=6, help="seconds per measurement")
    parser.add_argument("--clients", default="10,50")
    parser.add_argument("--paths", default="all", help="comma-separated names, or all")
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="processes of the second API (0: skip it)",
    )
    parser.add_argument("--database-url", default=DEFAULT_SERVER)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--reuse", metavar="NAME", help="an already seeded scratch database")
    parser.add_argument(
        "--api-url",
        help="measure this running API instead of starting one "
        "(its secret must be the bench's; its SQL is not checked)",
    )
    parser.add_argument("--api-pid", type=int, help="with --api-url: its process, for CPU time")
    parser.add_argument("--serve-floor", metavar="CONFIG", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_floor:
        serve_floor(args.serve_floor, args.port)
        return 0
    # A SIGTERM (a time-out, a kill) unwinds like Ctrl-C, so the servers are stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    clients = [int(count) for count in args.clients.split(",")]
    paths = [p for p in PATHS if args.paths == "all" or p.name in args.paths.split(",")]
    print("Preparing")
    url, book = asyncio.run(prepare(args))
    workdir = Path(tempfile.mkdtemp(prefix="bench-api-reads-"))
    log = workdir / "servers.log"
    servers: list[Server] = []
    try:
        with step("capturing the API's statements"):
            statements = asyncio.run(capture_statements(url, book, paths))
        floor = start_floor(url, statements, workdir, log)
        servers.append(floor)
        if args.api_url:
            apis = [Server("API (given)", args.api_url.rstrip("/"), pid=args.api_pid)]
        else:
            apis = [start_api(url, 1, log)]
            if args.workers > 1:
                apis.append(start_api(url, args.workers, log))
        servers += apis
        with step("starting the floor and the API"):
            for server in servers:
                asyncio.run(wait_until_up(server))
        with step("checking the floor's answers are the API's, byte for byte"):
            asyncio.run(check_identical(apis, floor, book, paths))
        driver = "wrk" if shutil.which("wrk") else "an asyncio client (install wrk for less noise)"
        print(f"Measuring with {driver}: {args.rounds} rounds of {args.duration:.0f} s")
        with step("warming up"):
            for path in paths:
                for server in servers:
                    load(server, path, book, clients[0], 1)
        results: dict[tuple[str, str, int], list[Measure]] = {}
        for round_ in range(args.rounds):
            for path in paths:
                for count in clients:
                    # A/B order alternates by round, so drift favours neither side.
                    order = servers if round_ % 2 == 0 else servers[::-1]
                    for server in order:
                        measure = load(server, path, book, count, args.duration)
                        results.setdefault((server.label, path.name, count), []).append(measure)
            print(f"  round {round_ + 1} done", flush=True)
        report(results, apis, paths, clients)
        if any(m.errors for measures in results.values() for m in measures):
            lines = log.read_text(errors="replace").splitlines()
            print("\nErrors were answered; the servers' log ends with:\n" + "\n".join(lines[-20:]))
    finally:
        for server in servers:
            server.stop()
        if args.keep or args.reuse:
            print(f"\nkept the database: {urlsplit(url).path[1:]} (--reuse it)")
        else:
            asyncio.run(drop(args, url))
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
