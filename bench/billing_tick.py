"""Benchmark: the rent-invoice tick concern against a hand-written set-based INSERT ... SELECT.

    PYTHONPATH=backend .venv/bin/python bench/billing_tick.py [--leases 100000] [--runs 3]
        [--history-months 0] [--database-url postgresql://postgres@127.0.0.1:5432] [--keep]
        [--explain]

It creates a scratch database on the server of ``--database-url``, migrates it to heads and
seeds a few agencies with ``--leases`` active leases (plus a few draft, ended and cancelled
ones the tick must skip). The instant is chosen so that every active lease has a rent period
falling due inside its agency's lead window: the morning a whole book comes due. With
``--history-months N`` the running tenancies are billed from N months back and the invoices
of those months are seeded too (invoiced up to yesterday), as daily ticks would have left
them: the steady state, where a tick must not redo the book's past. Each lease's bookmark
(``leases.next_rent_due_on``) is then set by the migration's own backfill.

Then, for each run, on two fresh clones of that database (CREATE DATABASE ... TEMPLATE), the
order of the two sides alternating from run to run:

- the real concern, ``generate_rent_invoices(session, now)``, is timed (the full run), then
  timed again for the same instant right after (it must insert nothing), and once more after
  VACUUM ANALYZE of the leases, as autovacuum leaves them within the minute: the no-op tick,
  paid every minute. The no-op floor beside it is one probe per agency of the index the tick
  reads through;
- the floor: a single set-based statement that computes the same periods in SQL and inserts
  the same invoices and lines (numbered per agency in the same order), its ``billable`` CTE
  materialized (inlined, the newest-period sub-query ran once per due date instead of once
  per lease) and given the memory to sort without spilling. ``--explain`` prints its EXPLAIN
  ANALYZE first (sub-plan loops, sort methods).

Both databases are then compared (counts, checksums, gapless numbers per agency). It prints
each run, then min / median / max of the tick, the floor, their ratio, the no-op tick, the
no-op floor and the no-op tick's share of a full run. The goals from issue 10: the no-op tick
<= 5 % of a full run at 100,000 leases; tick <= 2x the floor at 1,000,000 leases. Nothing here
asserts on time: a failed comparison exits non-zero, a slow run only says so.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from statistics import median
from typing import Any
from urllib.parse import urlsplit

import asyncpg
from sqlalchemy import text

from doorstep.agencies.settings import AgencySettings
from doorstep.billing.service import (
    INVOICE_SEQUENCE,
    RENT_LINE_DESCRIPTION,
    generate_rent_invoices,
)
from doorstep.core.clock import local_date
from doorstep.core.db import Database
from doorstep.core.migrations import upgrade_to_head

# As in the worker: the payments module registers what opening invoices does (the leases in
# credit settle them, one query for the book), so the timed tick is the one the scheduler runs.
from doorstep.payments.ledger import service as _payments_registered  # noqa: F401

# 09:00 UTC is the same calendar day in every seeded timezone; the windows cross a month end
# and a year end, and include the 29th to 31st (due days that months clamp).
NOW = datetime(2026, 12, 20, 9, 0, tzinfo=UTC)
DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432"
PROPERTY_SIZE = 20  # units per seeded property
MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations" / "versions"


@dataclass(frozen=True)
class AgencySpec:
    name: str
    country: str
    currency: str
    locale: str
    timezone: str
    city: str
    share: float  # of the leases
    lead_days: int
    auto_approve: bool


AGENCIES = (
    AgencySpec("Thames Lettings", "GB", "GBP", "en-GB", "Europe/London", "London", 0.45, 14, True),
    AgencySpec("Spree Wohnen", "DE", "EUR", "de-DE", "Europe/Berlin", "Berlin", 0.25, 21, True),
    AgencySpec(
        "Hudson Rentals", "US", "USD", "en-US", "America/New_York", "New York", 0.2, 10, True
    ),
    # Generated invoices wait in draft here: no numbers are taken.
    AgencySpec("Harbour Homes", "AU", "AUD", "en-AU", "Australia/Sydney", "Sydney", 0.1, 7, False),
)


@dataclass(frozen=True)
class SeededAgency:
    id: uuid.UUID
    spec: AgencySpec
    today: date
    horizon: date
    leases: int


@dataclass(frozen=True)
class Outcome:
    """What one database holds after the generation ran, for comparing the two."""

    invoices: int
    lines: int
    rows_md5: str  # (lease, period start, period end, due date, amount)
    full_md5: str  # every generated column but ids, numbers and created_at
    numbers_md5: str  # which period got which number
    issued_today: int  # the invoices of this run, not of the seeded history
    leases_today: int  # leases they bill
    numbering_problems: list[str]


# ------------------------------------------------------------------------------- helpers


def database_url(server_url: str, name: str) -> str:
    """``server_url`` (with or without a database) pointed at the database ``name``."""
    return urlsplit(server_url)._replace(path=f"/{name}").geturl()


def sqlalchemy_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+asyncpg://", 1)


@contextmanager
def step(label: str) -> Iterator[None]:
    """Print a step as it starts and how long it took, so long seeding is visibly alive."""
    print(f"  {label} ...", end="", flush=True)
    started = time.perf_counter()
    yield
    print(f" {time.perf_counter() - started:.1f} s", flush=True)


@asynccontextmanager
async def connect(url: str) -> AsyncIterator[Any]:
    connection = await asyncpg.connect(url)
    try:
        yield connection
    finally:
        await connection.close()


# Deterministic "random" choices, so every run seeds the same data. r(i, salt, n) is in
# 0..n-1; uid() gives stable ids that later statements recompute instead of joining.
HELPERS_SQL = """
CREATE FUNCTION pg_temp.r(i bigint, salt int, n int) RETURNS int
    LANGUAGE sql IMMUTABLE AS
    $$ SELECT ((hashint8(i * 1000 + salt)::bigint & 2147483647) % n)::int $$;
CREATE FUNCTION pg_temp.uid(kind text, agency uuid, i bigint) RETURNS uuid
    LANGUAGE sql IMMUTABLE AS $$ SELECT md5(agency::text || kind || i)::uuid $$;
"""

# One plan row per lease. Active leases come first (i <= n_active); every one of them has a
# period due on `target`, a day inside the agency's lead window [today, horizon].
PLAN_SQL = """
CREATE TEMP TABLE plan AS
WITH rolls AS (
    SELECT i,
           pg_temp.r(i, 1, 100) AS freq_roll,
           pg_temp.r(i, 2, 1000) AS offset_roll,
           pg_temp.r(i, 3, 100) AS kind_roll,
           pg_temp.r(i, 4, 100) AS end_roll,
           pg_temp.r(i, 5, 1000) AS size_roll,
           pg_temp.r(i, 6, 1000) AS misc_roll
    FROM generate_series(1, $1::int + $2::int) AS i
), shaped AS (
    SELECT *,
           -- mostly monthly, some weekly and fortnightly
           CASE WHEN freq_roll < 80 THEN 'monthly'
                WHEN freq_roll < 92 THEN 'weekly'
                ELSE 'fortnightly' END AS frequency,
           -- 85 % running tenancies taken over today, 15 % new leases starting in the window
           kind_roll < 85 AS running
    FROM rolls
), targeted AS (
    SELECT *,
           $3::date + offset_roll % CASE frequency
               WHEN 'monthly' THEN $4::int + 1
               WHEN 'weekly' THEN least($4::int + 1, 7)
               ELSE least($4::int + 1, 14) END AS target
    FROM shaped
), dated AS (
    SELECT *,
           CASE
               WHEN NOT running THEN target
               WHEN frequency = 'monthly'
                   THEN (target - make_interval(months => 1 + size_roll % 36))::date
               WHEN frequency = 'weekly' THEN target - 7 * (1 + size_roll % 150)
               -- whole fortnights back, so the fortnight anchor falls on the target
               ELSE target - 14 * (1 + size_roll % 78) END AS start_date
    FROM targeted
)
SELECT i,
       i > $1::int AS inactive,
       frequency,
       start_date,
       CASE
           WHEN running AND frequency = 'monthly' THEN extract(day FROM target)::int
           WHEN running THEN extract(isodow FROM target)::int
           WHEN frequency = 'monthly' AND misc_roll < 950 THEN 1 + misc_roll % 28
           WHEN frequency = 'monthly' THEN 29 + misc_roll % 3
           ELSE 1 + misc_roll % 7 END AS due_day,
       CASE
           WHEN NOT running AND end_roll < 70 THEN NULL
           WHEN NOT running THEN (start_date + interval '1 year' - interval '1 day')::date
           WHEN end_roll < 60 THEN NULL
           -- fixed terms ending after the window
           WHEN end_roll < 85 THEN (target + make_interval(months => 3 + size_roll % 21))::date
           -- ending inside the period that falls due: a prorated last period
           WHEN end_roll < 95 THEN target + misc_roll % CASE frequency
               WHEN 'monthly' THEN 28 WHEN 'weekly' THEN 7 ELSE 14 END
           -- past its end date, holding over
           ELSE greatest(start_date, $3::date - (1 + misc_roll % 90)) END AS end_date,
       running AND end_roll >= 95 AS holding_over,
       CASE frequency
           WHEN 'monthly' THEN 60000 + (size_roll * 7 % 580) * 500
           WHEN 'weekly' THEN 15000 + (size_roll % 130) * 500
           ELSE 30000 + (size_roll % 260) * 500 END AS rent_amount,
       CASE WHEN i <= $1::int THEN 'active'
            WHEN misc_roll % 3 = 0 THEN 'draft'
            WHEN misc_roll % 3 = 1 THEN 'cancelled'
            ELSE 'ended' END AS status,
       -- running tenancies are billed from `history` months ago (or their start), earlier
       -- rent was billed elsewhere; new leases were activated some days ago
       CASE WHEN i > $1::int AND misc_roll % 3 = 0 THEN NULL
            WHEN running
                THEN greatest(start_date, ($3::date - make_interval(months => $5::int))::date)
            ELSE $3::date - misc_roll % 30 END AS billing_starts_on,
       1 + misc_roll % 4 AS bedrooms,
       size_roll,
       misc_roll
FROM dated
"""

FIRST_NAMES = ["Ada", "Ben", "Chloe", "Dev", "Emma", "Femi", "Grace", "Hugo", "Ines", "Jonas"]
LAST_NAMES = ["Adams", "Brown", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ito"]


async def seed(url: str, agencies: list[SeededAgency], history_months: int) -> None:
    async with connect(url) as connection:
        await connection.execute(HELPERS_SQL)
        for agency in agencies:
            spec = agency.spec
            settings = AgencySettings(
                invoice_lead_days=spec.lead_days, auto_approve_invoices=spec.auto_approve
            )
            await connection.execute(
                "INSERT INTO agencies (id, name, country, currency, locale, timezone, settings)"
                " VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)",
                agency.id,
                spec.name,
                spec.country,
                spec.currency,
                spec.locale,
                spec.timezone,
                settings.model_dump_json(),
            )
            # A few non-active leases the tick must skip, beside the active ones.
            extra = max(1, agency.leases // 25)
            total = agency.leases + extra
            print(f"{spec.name}: {agency.leases} active leases (+{extra} draft/ended/cancelled)")
            async with connection.transaction():
                await seed_agency(connection, agency, extra, total, history_months)


async def seed_agency(
    connection: Any, agency: SeededAgency, extra: int, total: int, history_months: int
) -> None:
    spec = agency.spec
    with step("plan"):
        await connection.execute("DROP TABLE IF EXISTS plan")
        await connection.execute(
            PLAN_SQL, agency.leases, extra, agency.today, spec.lead_days, history_months
        )
    with step("properties"):
        await connection.execute(
            "INSERT INTO properties (id, agency_id, name, address_line1, city, postal_code,"
            " country)"
            " SELECT pg_temp.uid('property', $1, p), $1, 'Building ' || p,"
            "        p || ' Station Road', $2, lpad((p % 100000)::text, 5, '0'), $3"
            " FROM generate_series(1, ($4::int + $5::int - 1) / $5::int) AS p",
            agency.id,
            spec.city,
            spec.country,
            total,
            PROPERTY_SIZE,
        )
    with step("units"):
        await connection.execute(
            "INSERT INTO units (id, agency_id, property_id, name, bedrooms)"
            " SELECT pg_temp.uid('unit', $1, i), $1,"
            "        pg_temp.uid('property', $1, (i - 1) / $2::int + 1),"
            "        'Flat ' || ((i - 1) % $2::int + 1), bedrooms"
            " FROM plan",
            agency.id,
            PROPERTY_SIZE,
        )
    with step("tenants"):
        # One tenant per lease, and a second one on every tenth lease (joint tenancies).
        await connection.execute(
            "INSERT INTO tenants (id, agency_id, first_name, last_name, email)"
            " SELECT pg_temp.uid('tenant', $1, t), $1,"
            "        ($2::text[])[1 + pg_temp.r(t, 7, cardinality($2::text[]))],"
            "        ($3::text[])[1 + pg_temp.r(t, 8, cardinality($3::text[]))],"
            "        'tenant' || t || '@example.test'"
            " FROM (SELECT i AS t FROM plan"
            "       UNION ALL SELECT $4::int + i FROM plan WHERE i % 10 = 0) AS tenants",
            agency.id,
            FIRST_NAMES,
            LAST_NAMES,
            total,
        )
    with step("leases"):
        await connection.execute(
            "INSERT INTO leases (id, agency_id, unit_id, start_date, end_date, rent_amount,"
            " rent_currency, frequency, due_day, holding_over, status, billing_starts_on)"
            " SELECT pg_temp.uid('lease', $1, i), $1, pg_temp.uid('unit', $1, i), start_date,"
            "        end_date, rent_amount, $2, frequency, due_day, holding_over, status,"
            "        billing_starts_on"
            " FROM plan",
            agency.id,
            spec.currency,
        )
    with step("lease tenants"):
        await connection.execute(
            "INSERT INTO lease_tenants (lease_id, tenant_id)"
            " SELECT pg_temp.uid('lease', $1, i), pg_temp.uid('tenant', $1, i) FROM plan"
            " UNION ALL"
            " SELECT pg_temp.uid('lease', $1, i), pg_temp.uid('tenant', $1, $2::int + i)"
            " FROM plan WHERE i % 10 = 0",
            agency.id,
            total,
        )


# ----------------------------------------------------------------------------- baseline

# A time-ordered id like the application's new_id() (UUIDv7; PostgreSQL 15 has no uuidv7()),
# so both sides insert into the primary key indexes in the same order.
UUID7_SQL = """
CREATE FUNCTION pg_temp.uuid7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING
        substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint)
                  FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$$;
"""

# The rules of doorstep/leases/schedule.py in SQL. Like the tick, it bills each lease from
# `due_from`: billing_starts_on, or the day after the newest period already invoiced. Regular
# due dates are listed from the one before `from_day` (the later of the start and due_from)
# to the last one by the horizon, each with the next one. A due date on or after `from_day`
# starts a regular period; the one straddling `from_day` gives the opening part-period of a
# lease billed from its start. Periods are then cut at the end date and prorated.
BASELINE_SQL = """
WITH agency_window AS (
    SELECT * FROM unnest($1::uuid[], $2::date[], $3::date[], $4::boolean[])
        AS w(agency_id, today, horizon, auto_approve)
), billable AS MATERIALIZED (
    -- Materialized: inlined, PostgreSQL re-ran the newest-period sub-query for every due
    -- date generate_series gave (~1.9 M times at 100k leases) instead of once per lease.
    SELECT l.id AS lease_id, l.agency_id, w.today, w.horizon, w.auto_approve,
           l.start_date, l.end_date, l.rent_amount, l.rent_currency, l.frequency, l.due_day,
           f.due_from <= l.start_date AS from_start,
           l.end_date IS NOT NULL AND NOT l.holding_over AS has_end,
           g.from_day,
           date_trunc('month', g.from_day)::date AS from_month,
           ((date_part('year', w.horizon) - date_part('year', g.from_day)) * 12
            + date_part('month', w.horizon) - date_part('month', g.from_day))::int
               AS months_to_horizon,
           CASE l.frequency WHEN 'weekly' THEN 7 ELSE 14 END AS step,
           -- fortnights are anchored on the first due weekday on or after the lease start
           CASE l.frequency
               WHEN 'fortnightly' THEN d.weekday_due + 7 * ((d.weekday_due - d.anchor) / 7 % 2)
               ELSE d.weekday_due END AS first_weekly_due
    FROM leases AS l
    JOIN agency_window AS w ON w.agency_id = l.agency_id
    CROSS JOIN LATERAL (
        SELECT greatest(l.billing_starts_on, (
            -- generated invoices fall due on their period's first day
            SELECT i.period_start + 1 FROM invoices AS i
            WHERE i.lease_id = l.id AND i.source_key IS NOT NULL
            ORDER BY i.due_date DESC LIMIT 1
        )) AS due_from
    ) AS f
    CROSS JOIN LATERAL (SELECT greatest(l.start_date, f.due_from) AS from_day) AS g
    CROSS JOIN LATERAL (
        SELECT g.from_day + (l.due_day - date_part('isodow', g.from_day)::int + 7) % 7
                   AS weekday_due,
               l.start_date + (l.due_day - date_part('isodow', l.start_date)::int + 7) % 7
                   AS anchor
    ) AS d
    WHERE l.status = 'active'
      AND l.billing_starts_on IS NOT NULL
      AND l.billing_starts_on <= w.horizon
), dues AS (
    SELECT b.*, due.due, due.next_due
    FROM billable AS b
    CROSS JOIN LATERAL (
        -- monthly: the due day, or the month's last day when it is shorter
        SELECT m.month + least(b.due_day, m.next_month - m.month) - 1 AS due,
               m.next_month + least(b.due_day, m.month_after - m.next_month) - 1 AS next_due
        FROM generate_series(-1, b.months_to_horizon) AS j
        CROSS JOIN LATERAL (
            SELECT (b.from_month + make_interval(months => j))::date AS month,
                   (b.from_month + make_interval(months => j + 1))::date AS next_month,
                   (b.from_month + make_interval(months => j + 2))::date AS month_after
        ) AS m
        WHERE b.frequency = 'monthly'
        UNION ALL
        SELECT b.first_weekly_due + b.step * j, b.first_weekly_due + b.step * (j + 1)
        FROM generate_series(-1, (b.horizon - b.first_weekly_due) / b.step) AS j
        WHERE b.frequency <> 'monthly'
    ) AS due
), periods AS (
    SELECT *,
           CASE WHEN has_end AND next_due - 1 >= end_date THEN end_date
                ELSE next_due - 1 END AS period_end
    FROM (
        SELECT lease_id, agency_id, today, horizon, auto_approve, end_date, has_end,
               rent_amount, rent_currency, next_due,
               CASE WHEN due >= from_day THEN due ELSE start_date END AS period_start,
               next_due - due AS full_days
        FROM dues
        WHERE due >= from_day OR (from_start AND next_due > from_day)
    ) AS p
    WHERE period_start <= horizon
      AND NOT (has_end AND period_start > end_date)
), fresh AS (
    SELECT p.*,
           'rent:' || p.lease_id::text || ':' || to_char(p.period_start, 'YYYY-MM-DD')
               AS source_key,
           CASE WHEN p.period_end - p.period_start + 1 = p.full_days THEN p.rent_amount
                ELSE (2 * p.rent_amount * (p.period_end - p.period_start + 1) + p.full_days)
                     / (2 * p.full_days) END AS amount
    FROM periods AS p
), numbered AS (
    SELECT f.*, pg_temp.uuid7() AS invoice_id,
           row_number() OVER (PARTITION BY f.agency_id ORDER BY f.lease_id, f.period_start)
               AS position_in_agency,
           count(*) OVER (PARTITION BY f.agency_id) AS agency_count
    FROM fresh AS f
    WHERE NOT EXISTS (SELECT FROM invoices AS i WHERE i.source_key = f.source_key)
), sequences AS (
    INSERT INTO document_sequences (owner_id, kind, last_number)
    SELECT agency_id, $5::text, count(*) FROM numbered WHERE auto_approve GROUP BY agency_id
    ON CONFLICT (owner_id, kind)
    DO UPDATE SET last_number = document_sequences.last_number + EXCLUDED.last_number
    RETURNING owner_id, last_number
), new_invoices AS (
    INSERT INTO invoices (id, agency_id, lease_id, number, kind, status, currency, issue_date,
                          due_date, period_start, period_end, source_key, approved_at)
    SELECT n.invoice_id, n.agency_id, n.lease_id,
           s.last_number - n.agency_count + n.position_in_agency,
           'rent', CASE WHEN n.auto_approve THEN 'open' ELSE 'draft' END, n.rent_currency,
           n.today, n.period_start, n.period_start, n.period_end, n.source_key,
           CASE WHEN n.auto_approve THEN $6::timestamptz END
    FROM numbered AS n LEFT JOIN sequences AS s ON s.owner_id = n.agency_id
)
INSERT INTO invoice_lines (id, invoice_id, position, description, amount)
SELECT pg_temp.uuid7(), invoice_id, 0, $7::text, amount FROM numbered
"""


async def generate_set_based(
    connection: Any,
    agencies: list[SeededAgency],
    *,
    today: list[date],
    horizon: list[date],
    now: datetime,
) -> int:
    """Invoice every period due by each agency's ``horizon`` in one statement (the baseline;
    also how the history is seeded). ``today`` is each agency's issue date."""
    # The planner cannot tell how many periods generate_series gives per lease and
    # overestimates the statement a hundredfold; JIT-compiling it would then cost more than
    # running it.
    await connection.execute("SET LOCAL jit = off")
    # Room to sort the numbered rows in memory: with the default 4 MB the sort spilled to disk
    # (an external merge of ~11 MB at 100,000 leases).
    await connection.execute("SET LOCAL work_mem = '256MB'")
    # The same per-agency locks the tick takes.
    await connection.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended('rent-invoices:' || id, 0))"
        " FROM unnest($1::uuid[]) AS id",
        [a.id for a in agencies],
    )
    status = await connection.execute(
        BASELINE_SQL,
        [a.id for a in agencies],
        today,
        horizon,
        [a.spec.auto_approve for a in agencies],
        INVOICE_SEQUENCE,
        now,
        RENT_LINE_DESCRIPTION,
    )
    return int(status.split()[-1])


async def run_baseline(url: str, agencies: list[SeededAgency]) -> tuple[float, int]:
    async with connect(url) as connection:
        await connection.execute(UUID7_SQL)
        started = time.perf_counter()
        async with connection.transaction():
            created = await generate_set_based(
                connection,
                agencies,
                today=[a.today for a in agencies],
                horizon=[a.horizon for a in agencies],
                now=NOW,
            )
        return time.perf_counter() - started, created


async def invoice_history(url: str, agencies: list[SeededAgency]) -> int:
    """Invoice what fell due before today, as earlier ticks would have."""
    async with connect(url) as connection:
        await connection.execute(UUID7_SQL)
        async with connection.transaction():
            yesterday = [a.today - timedelta(days=1) for a in agencies]
            return await generate_set_based(
                connection, agencies, today=yesterday, horizon=yesterday, now=NOW - timedelta(1)
            )


def backfill_sql() -> str:
    """The migration's backfill of ``leases.next_rent_due_on``: the state daily ticks (or the
    migration) leave, every active lease bookmarked at its next period not yet invoiced."""
    path = next(MIGRATIONS.glob("*_b7d41c9e2f60_*.py"))
    spec = importlib.util.spec_from_file_location("next_rent_due_migration", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sql: str = module.BACKFILL_SQL
    return sql.format(only_leases="")


# The least a tick with nothing due can read: per agency, one probe of the index the tick
# reads through (ix_leases_rent_coming_due) for a lease with rent due by the horizon.
NOOP_FLOOR_SQL = """
SELECT count(due.*) FROM unnest($1::uuid[], $2::date[]) AS w(agency_id, horizon)
LEFT JOIN LATERAL (
    SELECT 1 FROM leases AS l
    WHERE l.agency_id = w.agency_id AND l.status = 'active'
      AND l.next_rent_due_on <= w.horizon
      AND l.billing_starts_on IS NOT NULL
    LIMIT 1
) AS due ON true
"""


async def run_noop_floor(url: str, agencies: list[SeededAgency]) -> tuple[float, int]:
    async with connect(url) as connection:
        await connection.execute("SELECT 1")  # connection set-up is not measured
        started = time.perf_counter()
        async with connection.transaction():
            due = await connection.fetchval(
                NOOP_FLOOR_SQL, [a.id for a in agencies], [a.horizon for a in agencies]
            )
        return time.perf_counter() - started, int(due)


EXPLAIN_LINES = ("CTE ", "SubPlan", "Sort Method", "Execution Time", "Disk:", "temp ")


async def explain_baseline(url: str, agencies: list[SeededAgency]) -> None:
    """EXPLAIN ANALYZE of the baseline, rolled back: how often the newest-period sub-query
    runs (its loops) and whether a sort spills to disk."""
    async with connect(url) as connection:
        await connection.execute(UUID7_SQL)
        transaction = connection.transaction()
        await transaction.start()
        try:
            await connection.execute("SET LOCAL jit = off")
            await connection.execute("SET LOCAL work_mem = '256MB'")
            plan = await connection.fetch(
                "EXPLAIN (ANALYZE, BUFFERS) " + BASELINE_SQL,
                [a.id for a in agencies],
                [a.today for a in agencies],
                [a.horizon for a in agencies],
                [a.spec.auto_approve for a in agencies],
                INVOICE_SEQUENCE,
                NOW,
                RENT_LINE_DESCRIPTION,
            )
        finally:
            await transaction.rollback()
    for (line,) in plan:
        if any(marker in line for marker in EXPLAIN_LINES) or "invoices i" in line:
            print(f"    {line}")


# --------------------------------------------------------------------------------- tick


async def run_tick(url: str) -> tuple[float, int]:
    """The concern as the scheduler runs it: one transaction, committed."""
    database = Database.from_url(sqlalchemy_url(url), pool_size=1)
    try:
        async with database.engine.connect() as warm_up:  # connection set-up is not measured
            await warm_up.execute(text("SELECT 1"))
        started = time.perf_counter()
        async with database.transaction() as session:
            created = await generate_rent_invoices(session, NOW)
        return time.perf_counter() - started, created
    finally:
        await database.dispose()


# ---------------------------------------------------------------------------- comparing

OUTCOME_SQL = """
SELECT (SELECT count(*) FROM invoices) AS invoices,
       (SELECT count(*) FROM invoice_lines) AS lines,
       md5(coalesce(string_agg(
           concat_ws('|', i.lease_id, i.period_start, i.period_end, i.due_date, l.amount),
           ',' ORDER BY i.lease_id, i.period_start), '')) AS rows_md5,
       md5(coalesce(string_agg(
           concat_ws('|', i.agency_id, i.lease_id, i.kind, i.status, i.currency, i.issue_date,
                     i.due_date, i.period_start, i.period_end, i.source_key, i.approved_at,
                     l.position, l.description, l.amount),
           ',' ORDER BY i.lease_id, i.period_start), '')) AS full_md5,
       md5(coalesce(string_agg(concat_ws('|', i.lease_id, i.period_start, i.number),
                               ',' ORDER BY i.lease_id, i.period_start), '')) AS numbers_md5,
       count(*) FILTER (WHERE i.issue_date >= $1) AS issued_today,
       count(DISTINCT i.lease_id) FILTER (WHERE i.issue_date >= $1) AS leases_today
FROM invoices AS i JOIN invoice_lines AS l ON l.invoice_id = i.id
"""

NUMBERING_SQL = """
SELECT i.agency_id, count(*) AS invoices, count(i.number) AS numbered,
       min(i.number) AS first, max(i.number) AS last, count(DISTINCT i.number) AS distinct_,
       s.last_number
FROM invoices AS i
LEFT JOIN document_sequences AS s ON s.owner_id = i.agency_id AND s.kind = $1
GROUP BY i.agency_id, s.last_number
"""


async def outcome(url: str, agencies: list[SeededAgency]) -> Outcome:
    async with connect(url) as connection:
        totals = await connection.fetchrow(OUTCOME_SQL, min(a.today for a in agencies))
        numbering = await connection.fetch(NUMBERING_SQL, INVOICE_SEQUENCE)
    auto_approve = {a.id: a.spec.auto_approve for a in agencies}
    problems = []
    for row in numbering:
        n = row["invoices"]
        if auto_approve[row["agency_id"]]:
            # numbered, first, last, distinct numbers and the sequence: all n, but first is 1
            found = (
                row["numbered"],
                row["first"],
                row["last"],
                row["distinct_"],
                row["last_number"],
            )
            if found != (n, 1, n, n, n):
                problems.append(f"agency {row['agency_id']}: numbers {found}, {n} invoices")
        elif row["numbered"] or row["last_number"]:
            problems.append(f"agency {row['agency_id']}: drafts were numbered")
    return Outcome(
        invoices=totals["invoices"],
        lines=totals["lines"],
        rows_md5=totals["rows_md5"],
        full_md5=totals["full_md5"],
        numbers_md5=totals["numbers_md5"],
        issued_today=totals["issued_today"],
        leases_today=totals["leases_today"],
        numbering_problems=problems,
    )


# --------------------------------------------------------------------------------- main


@dataclass(frozen=True)
class RunFigures:
    invoices: int
    tick: float
    baseline: float
    second_tick: float
    second_inserted: int
    noop_tick: float
    noop_floor: float
    floor_first: bool
    problems: list[str]


async def clone(admin: Any, name: str, template: str) -> None:
    # FILE_COPY: PostgreSQL 15's default (WAL_LOG) copies block by block through the WAL,
    # which is slow for a database this size.
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY = FILE_COPY')
    # Start each timed step without dirty buffers left over from the previous one.
    await admin.execute("CHECKPOINT")


async def one_run(
    admin: Any,
    server_url: str,
    seed_db: str,
    prefix: str,
    agencies: list[SeededAgency],
    *,
    floor_first: bool,
) -> RunFigures:
    """One tick/baseline pair, each on a fresh clone; ``floor_first`` runs the baseline
    first (runs alternate, so neither side always meets the warmer cache)."""
    tick_db, baseline_db = f"{prefix}_tick", f"{prefix}_baseline"
    tick_url, baseline_url = (database_url(server_url, name) for name in (tick_db, baseline_db))
    figures: dict[str, Any] = {}

    async def tick_side() -> None:
        with step("clone for the tick"):
            await clone(admin, tick_db, seed_db)
        with step("tick"):
            figures["tick"], figures["created"] = await run_tick(tick_url)
        with step("second tick, same instant (nothing due)"):
            figures["second"], figures["second_created"] = await run_tick(tick_url)
        # The full run rewrote every lease's bookmark: within the minute autovacuum clears the
        # old versions and refreshes the statistics (which still say every lease is due).
        with step("vacuum analyze leases (as autovacuum would)"):
            async with connect(tick_url) as connection:
                await connection.execute("VACUUM ANALYZE leases")
        with step("third tick, same instant (nothing due)"):
            figures["third"], third_created = await run_tick(tick_url)
            figures["second_created"] += third_created
        with step("no-op floor (one index probe per agency)"):
            figures["noop_floor"], figures["noop_due"] = await run_noop_floor(tick_url, agencies)

    async def baseline_side() -> None:
        with step("clone for the baseline"):
            await clone(admin, baseline_db, seed_db)
        with step("baseline INSERT ... SELECT"):
            figures["baseline"], figures["baseline_created"] = await run_baseline(
                baseline_url, agencies
            )

    try:
        for side in (baseline_side, tick_side) if floor_first else (tick_side, baseline_side):
            await side()
        with step("compare"):
            ticked = await outcome(tick_url, agencies)
            based = await outcome(baseline_url, agencies)
    finally:
        for name in (tick_db, baseline_db):
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    created, second_created = figures["created"], figures["second_created"]
    problems = [f"tick: {p}" for p in ticked.numbering_problems]
    problems += [f"baseline: {p}" for p in based.numbering_problems]
    for name, said, found in (
        ("tick", created, ticked),
        ("baseline", figures["baseline_created"], based),
    ):
        if not (said == found.issued_today and found.invoices == found.lines):
            problems.append(
                f"{name} said {said}, wrote {found.issued_today}"
                f" ({found.invoices} invoices, {found.lines} lines in all)"
            )
    if ticked.invoices != based.invoices:
        problems.append(f"counts differ: tick {ticked.invoices}, baseline {based.invoices}")
    if ticked.rows_md5 != based.rows_md5:
        problems.append("(lease, period, due date, amount) checksums differ")
    if ticked.full_md5 != based.full_md5:
        problems.append("full checksums differ (status, dates, keys, lines ...)")
    if ticked.numbers_md5 != based.numbers_md5:
        problems.append("invoice numbers were given in a different order")
    active = sum(agency.leases for agency in agencies)
    if ticked.leases_today != active:
        problems.append(f"scenario: only {ticked.leases_today} of {active} active leases were due")
    if second_created != 0:
        problems.append(f"the ticks after the first created {second_created} invoices")
    if figures["noop_due"] != 0:
        problems.append(f"the no-op floor found {figures['noop_due']} agencies with rent due")
    return RunFigures(
        invoices=created,
        tick=figures["tick"],
        baseline=figures["baseline"],
        second_tick=figures["second"],
        second_inserted=second_created,
        noop_tick=figures["third"],
        noop_floor=figures["noop_floor"],
        floor_first=floor_first,
        problems=problems,
    )


def plan_agencies(leases: int) -> list[SeededAgency]:
    counts = [int(leases * spec.share) for spec in AGENCIES]
    counts[0] += leases - sum(counts)
    agencies = []
    for spec, count in zip(AGENCIES, counts, strict=True):
        today = local_date(NOW, spec.timezone)
        agencies.append(
            SeededAgency(
                # The same ids on every run, so the same leases (seeded from them) too.
                id=uuid.uuid5(uuid.NAMESPACE_URL, f"https://doorstep.invalid/bench/{spec.name}"),
                spec=spec,
                today=today,
                horizon=today + timedelta(days=spec.lead_days),
                leases=count,
            )
        )
    return agencies


async def main(arguments: argparse.Namespace) -> int:
    server_url: str = arguments.database_url
    prefix = f"doorstep_bench_{os.getpid()}"
    seed_db = f"{prefix}_seed"
    seed_url = database_url(server_url, seed_db)
    agencies = plan_agencies(arguments.leases)
    runs: list[RunFigures] = []
    async with connect(server_url) as admin:
        try:
            print(f"Scratch database {seed_db} on {urlsplit(server_url).hostname}")
            await admin.execute(f'CREATE DATABASE "{seed_db}"')
            with step("migrate to heads"):
                # Alembic's env.py runs its own event loop: keep it off this one.
                await asyncio.to_thread(upgrade_to_head, sqlalchemy_url(seed_url))
            print(f"Seeding {arguments.leases} active leases, instant {NOW.isoformat()}")
            await seed(seed_url, agencies, arguments.history_months)
            if arguments.history_months:
                with step(f"invoice {arguments.history_months} months of history"):
                    history = await invoice_history(seed_url, agencies)
                print(f"  ({history} invoices before today)")
            with step("bookmark each lease's next rent (the migration's backfill)"):
                async with connect(seed_url) as connection:
                    await connection.execute(backfill_sql())
            with step("vacuum analyze"):
                async with connect(seed_url) as connection:
                    await connection.execute("VACUUM ANALYZE")
            if arguments.explain:
                with step("EXPLAIN ANALYZE of the baseline (rolled back)"):
                    print()
                    await explain_baseline(seed_url, agencies)
            for index in range(arguments.runs):
                floor_first = index % 2 == 1
                print(
                    f"Run {index + 1} of {arguments.runs}"
                    f" ({'baseline' if floor_first else 'tick'} first)"
                )
                runs.append(
                    await one_run(
                        admin, server_url, seed_db, prefix, agencies, floor_first=floor_first
                    )
                )
        finally:
            if arguments.keep:
                print(f"Kept {seed_db}")
            else:
                await admin.execute(f'DROP DATABASE IF EXISTS "{seed_db}" WITH (FORCE)')
    report(arguments.leases, runs)
    return 1 if any(run.problems for run in runs) else 0


def spread(values: list[float], unit: str = "s") -> str:
    """min / median / max of a figure over the runs."""
    if unit == "%":
        return " / ".join(f"{100 * v:.2f} %" for v in (min(values), median(values), max(values)))
    return " / ".join(f"{v:.3f}" for v in (min(values), median(values), max(values))) + f" {unit}"


def report(leases: int, runs: list[RunFigures]) -> None:
    print()
    print(
        f"{'leases':>8} {'first':>6} {'invoices':>9} {'tick s':>7} {'floor s':>7} {'ratio':>5}"
        f" {'2nd tick s':>10} {'no-op tick s':>12} {'no-op floor s':>13} {'no-op/tick':>10}"
    )
    for run in runs:
        print(
            f"{leases:>8} {'floor' if run.floor_first else 'tick':>6} {run.invoices:>9}"
            f" {run.tick:>7.2f} {run.baseline:>7.2f} {run.tick / run.baseline:>5.2f}"
            f" {run.second_tick:>10.4f} {run.noop_tick:>12.4f} {run.noop_floor:>13.4f}"
            f" {100 * run.noop_tick / run.tick:>9.2f}%"
        )
    print("min / median / max over the runs:")
    rows = (
        ("full tick", spread([r.tick for r in runs])),
        ("floor (set-based INSERT ... SELECT)", spread([r.baseline for r in runs])),
        ("tick / floor", spread([r.tick / r.baseline for r in runs], "x")),
        ("2nd tick, right after the full run", spread([r.second_tick for r in runs])),
        ("no-op tick (nothing due)", spread([r.noop_tick for r in runs])),
        ("no-op floor (index probe)", spread([r.noop_floor for r in runs])),
        ("no-op tick / no-op floor", spread([r.noop_tick / r.noop_floor for r in runs], "x")),
        ("no-op tick / full tick", spread([r.noop_tick / r.tick for r in runs], "%")),
    )
    for label, figures in rows:
        print(f"  {label:<38} {figures}")
    for run in runs:
        for problem in run.problems:
            print(f"MISMATCH: {problem}")
    if not any(run.problems for run in runs):
        print("Same invoices and lines from both; numbers gapless per agency; rerun inserts none.")
    # Judged on the median: one run on a busy machine says little.
    ratio = median(run.tick / run.baseline for run in runs)
    noop_share = median(run.noop_tick / run.tick for run in runs)
    print(f"Goal tick / floor <= 2 (at 1,000,000 leases): {ratio:.2f}")
    verdict = "met" if noop_share <= 0.05 else "NOT met"
    print(f"Goal no-op tick <= 5 % of a full run: {100 * noop_share:.2f} %, {verdict}")


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--leases", type=int, default=100_000, help="active leases in total (default 100000)"
    )
    parser.add_argument(
        "--database-url",
        default=DEFAULT_SERVER,
        help="PostgreSQL server to create the scratch databases on and drop them from "
        f"(default {DEFAULT_SERVER}); a database in the URL is only used to connect",
    )
    parser.add_argument(
        "--history-months",
        type=int,
        default=0,
        help="bill running tenancies from this many months ago and seed the invoices of "
        "those months, as earlier ticks would have left them (default 0: billed from today)",
    )
    parser.add_argument(
        "--runs", type=int, default=1, help="timed tick/baseline pairs, each on fresh clones"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the seeded database (the clones are dropped)"
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print the baseline's EXPLAIN ANALYZE (sub-plan loops, sorts) before the runs",
    )
    arguments = parser.parse_args()
    if arguments.leases < 1 or arguments.runs < 1 or arguments.history_months < 0:
        parser.error("--leases and --runs must be at least 1, --history-months at least 0")
    return arguments


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_arguments())))
