"""Benchmark: the recurring-payments tick against hand-written SQL making the same rows.

    PYTHONPATH=backend .venv/bin/python bench/recurring_tick.py [--leases 100000] [--runs 2]
        [--database-url postgresql://postgres@127.0.0.1:5432]
        [--redis-url redis://127.0.0.1:6379/15]

It seeds the billing benchmark's book (``bench/billing_tick.py``: four agencies, ``--leases``
active leases, every one with a rent period falling due inside its agency's lead window) and
gives every active lease a recurring card set-up started the day before. Then, for each run,
on two fresh clones of that database (A/B order alternated between runs):

- the tick: at ``NOW`` the rent-invoice concern and the recurring cycle per agency (invoices,
  a scheduled charge per invoice, pre-charge reminders with their outbox e-mails for what falls
  due within three days); three days later the cycle again (the next reminders) and the charge
  drain as the worker runs it: the due charges enqueued as arq jobs to a real Redis (at most
  one job per 1,000 charges and agency), which are counted and then removed;
- the baseline: hand-written set-based SQL inserting the same invoices, lines, scheduled
  charges, reminders and outbox rows, and counting the charges due (it enqueues nothing).

The gateway calls are excluded: no job is run, so no card is charged; what is timed is the
database work that prepares them (and the enqueueing, shown apart). The outbox e-mails of the
baseline carry a short text, not the rendered one. Both databases are then compared (rows per
table and status, a checksum of the charges' leases, due dates, amounts and charge dates).
Nothing asserts on time: a mismatch exits non-zero.

Figures (2 shared cores, other work running; seconds, two runs, A/B order alternated):

- before the reminder steps were set-based, 2,000 leases: tick 99-116 vs baseline 1.6,
  ratio 57-74 (the reminders walked charges and invoices one by one);
- after, 2,000 leases: tick 7.0-7.2 vs baseline 1.2-1.8, ratio 3.9-6.0 (median 4.9); 3 arq
  jobs for 512 due charges;
- after, 100,000 leases (118,481 invoices, 108,047 scheduled charges, 49,576 reminders and
  e-mails, 27,825 charges due): tick 287-447 vs baseline 81-91, ratio 3.2-5.5 (median 4.4);
  29 arq jobs for the 27,825 due charges (bound 32), enqueued in 2.0-2.4 s.

What is left of the gap is mostly Python work the baseline does not do: writing each e-mail
through the template (the baseline stores a one-line text), and the rent invoices of the
billing concern.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from statistics import median
from typing import Any
from urllib.parse import urlsplit

from arq.connections import ArqRedis, RedisSettings, create_pool
from billing_tick import (
    DEFAULT_SERVER,
    NOW,
    UUID7_SQL,
    SeededAgency,
    clone,
    connect,
    database_url,
    generate_set_based,
    plan_agencies,
    seed,
    sqlalchemy_url,
    step,
)
from sqlalchemy import text

from doorstep.billing.service import generate_rent_invoices
from doorstep.core.clock import local_date
from doorstep.core.db import Database
from doorstep.core.migrations import upgrade_to_head
from doorstep.recurring.charging import BATCH
from doorstep.recurring.common import REMINDER_TO_CHARGE, RecurringConfig
from doorstep.recurring.cycle import run_cycle
from doorstep.recurring.jobs import batch_job_id, enqueue_charge_batches
from doorstep.recurring.service import AUTHORISATION_VERSION

LATER = NOW + REMINDER_TO_CHARGE
DEFAULT_REDIS = "redis://127.0.0.1:6379/15"
REMINDER_DAYS = 3  # the agencies' default reminder_days_before_due
CONFIG = RecurringConfig(
    public_base_url="https://doorstep.example",
    link_secret="bench-secret-0123456789abcdef0123",  # noqa: S106 - signs nothing real
    link_ttl=timedelta(days=14),
)

SETUPS_SQL = """
INSERT INTO recurring_setups (id, agency_id, lease_id, tenant_id, method, status, customer_ref,
                              payment_method_ref, payment_method_label, agreed_amount, currency,
                              authorisation_version, authorised_at, authorised_client, started_on)
SELECT gen_random_uuid(), l.agency_id, l.id,
       (SELECT lt.tenant_id FROM lease_tenants AS lt WHERE lt.lease_id = l.id
        ORDER BY lt.tenant_id LIMIT 1),
       'card', 'active', 'cus_bench_' || md5(l.id::text), 'pm_bench_' || md5(l.id::text),
       'visa •••• 4242', l.rent_amount, l.rent_currency, $2, $3, 'bench', $4
FROM leases AS l WHERE l.agency_id = $1 AND l.status = 'active'
"""

SCHEDULE_SQL = """
INSERT INTO scheduled_charges (id, agency_id, setup_id, invoice_id, status, due_date, currency,
                               gateway_key)
SELECT ids.id, s.agency_id, s.id, i.id, 'scheduled', i.due_date, i.currency,
       'doorstep-payment-recurring-' || ids.id || '-create-confirm'
FROM recurring_setups AS s
JOIN agencies AS a ON a.id = s.agency_id
JOIN invoices AS i ON i.lease_id = s.lease_id
CROSS JOIN LATERAL (SELECT pg_temp.uuid7() AS id) AS ids
WHERE s.status = 'active' AND i.agency_id = s.agency_id AND i.status = 'open'
  AND i.kind = 'rent' AND i.issue_date > s.started_on AND i.approved_at IS NOT NULL
  AND (i.approved_at AT TIME ZONE a.timezone)::date > s.started_on
ON CONFLICT DO NOTHING
"""

# The pre-charge reminders of one agency at one instant: the amount is frozen, the charge
# date set, the reminder recorded and its e-mail queued for each of the lease's tenants
# charged (the set-up's tenant).
REMIND_SQL = """
WITH due AS (
    SELECT c.id, c.invoice_id, c.due_date, s.agreed_amount, s.tenant_id, i.lease_id,
           i.currency, i.number,
           (SELECT coalesce(sum(li.amount), 0) FROM invoice_lines AS li
            WHERE li.invoice_id = i.id) AS outstanding
    FROM scheduled_charges AS c
    JOIN recurring_setups AS s ON s.id = c.setup_id
    JOIN invoices AS i ON i.id = c.invoice_id
    WHERE c.agency_id = $1 AND c.status = 'scheduled' AND c.due_date <= $2
    FOR UPDATE OF c
), reminded AS (
    UPDATE scheduled_charges AS c
    SET status = 'reminded', reminded_at = $3, reminded_amount = d.outstanding,
        charge_not_before = greatest(d.due_date, $4::date)
    FROM due AS d WHERE c.id = d.id
    RETURNING c.id
), recorded AS (
    INSERT INTO payment_reminders (id, agency_id, lease_id, invoice_id, kind, amount, currency,
                                   amount_changed, sent_at)
    SELECT pg_temp.uuid7(), $1, d.lease_id, d.invoice_id, 'pre_charge', d.outstanding,
           d.currency, d.outstanding <> d.agreed_amount, $3
    FROM due AS d
    ON CONFLICT DO NOTHING
)
INSERT INTO outbox_messages (id, agency_id, kind, dedupe_key, from_name, to_address, subject,
                             text_body)
SELECT pg_temp.uuid7(), $1, 'recurring_pre_charge',
       'recurring:pre_charge:' || d.invoice_id || ':' || d.tenant_id, $5, t.email,
       'We will take ' || d.outstanding || ' ' || d.currency || ' on '
           || greatest(d.due_date, $4::date),
       'Dear ' || t.first_name || ', invoice ' || d.number || ' will be paid on '
           || greatest(d.due_date, $4::date) || '.'
FROM due AS d JOIN tenants AS t ON t.id = d.tenant_id
ON CONFLICT DO NOTHING
"""

DUE_SQL = """
SELECT count(*) FROM scheduled_charges
WHERE agency_id = $1 AND status = 'reminded' AND charge_not_before <= $2
"""

OUTCOME_SQL = """
SELECT (SELECT count(*) FROM invoices) AS invoices,
       (SELECT count(*) FROM invoice_lines) AS lines,
       (SELECT count(*) FROM scheduled_charges WHERE status = 'scheduled') AS scheduled,
       (SELECT count(*) FROM scheduled_charges WHERE status = 'reminded') AS reminded,
       (SELECT count(*) FROM payment_reminders) AS reminders,
       (SELECT count(*) FROM payment_reminders WHERE amount_changed) AS changed,
       (SELECT count(*) FROM outbox_messages) AS emails,
       (SELECT md5(coalesce(string_agg(concat_ws('|', i.lease_id, c.due_date, c.status,
                                                 c.reminded_amount, c.charge_not_before),
                                       ',' ORDER BY i.lease_id, c.due_date), ''))
        FROM scheduled_charges AS c JOIN invoices AS i ON i.id = c.invoice_id) AS charges_md5
"""


@dataclass(frozen=True)
class Side:
    seconds: float
    enqueue_seconds: float
    jobs: int
    due: int
    outcome: dict[str, Any]


async def seed_setups(url: str, agencies: list[SeededAgency]) -> int:
    async with connect(url) as connection:
        created = 0
        for agency in agencies:
            status = await connection.execute(
                SETUPS_SQL,
                agency.id,
                AUTHORISATION_VERSION,
                NOW - timedelta(days=1),
                agency.today - timedelta(days=1),
            )
            created += int(status.split()[-1])
        return created


async def run_tick(url: str, redis_url: str, agencies: list[SeededAgency]) -> Side:
    """The concerns as the worker's tick runs them, each agency in its own transaction."""
    database = Database.from_url(sqlalchemy_url(url), pool_size=2)
    queue: ArqRedis = await create_pool(RedisSettings.from_dsn(redis_url))
    try:
        async with database.engine.connect() as warm_up:
            await warm_up.execute(text("SELECT 1"))
        started = time.perf_counter()
        async with database.transaction() as session:
            await generate_rent_invoices(session, NOW)
        for instant in (NOW, LATER):
            for agency in agencies:
                async with database.transaction() as session:
                    await run_cycle(session, agency.id, instant, CONFIG)
        cycle_done = time.perf_counter()
        jobs = 0
        for agency in agencies:
            jobs += await enqueue_charge_batches(database, queue, agency.id, LATER)
        finished = time.perf_counter()
        # The jobs are counted, never run (no gateway call), and removed for the next run.
        job_keys = [
            f"arq:job:{batch_job_id(agency.id, LATER, index)}"
            for agency in agencies
            for index in range(agency.leases // BATCH + 2)
        ]
        await queue.delete(*job_keys)
        await queue.zrem("arq:queue", *[key.removeprefix("arq:job:") for key in job_keys])
        due = 0
        async with connect(url) as connection:
            for agency in agencies:
                due += await connection.fetchval(
                    DUE_SQL, agency.id, local_date(LATER, agency.spec.timezone)
                )
            outcome = dict(await connection.fetchrow(OUTCOME_SQL))
        return Side(finished - started, finished - cycle_done, jobs, due, outcome)
    finally:
        await queue.aclose()
        await database.dispose()


async def run_baseline(url: str, agencies: list[SeededAgency]) -> Side:
    async with connect(url) as connection:
        await connection.execute(UUID7_SQL)
        started = time.perf_counter()
        async with connection.transaction():
            await generate_set_based(
                connection,
                agencies,
                today=[a.today for a in agencies],
                horizon=[a.horizon for a in agencies],
                now=NOW,
            )
        async with connection.transaction():
            await connection.execute(SCHEDULE_SQL)
        due = jobs = 0
        for instant in (NOW, LATER):
            for agency in agencies:
                today = local_date(instant, agency.spec.timezone)
                async with connection.transaction():
                    await connection.execute(
                        REMIND_SQL,
                        agency.id,
                        today + timedelta(days=REMINDER_DAYS),
                        instant,
                        today + REMINDER_TO_CHARGE,
                        agency.spec.name,
                    )
                if instant == LATER:
                    due_here = await connection.fetchval(DUE_SQL, agency.id, today)
                    due += due_here
                    jobs += -(-due_here // BATCH)  # what one job per 1,000 charges makes
        seconds = time.perf_counter() - started
        outcome = dict(await connection.fetchrow(OUTCOME_SQL))
    return Side(seconds, 0.0, jobs, due, outcome)


async def main(arguments: argparse.Namespace) -> int:
    server_url: str = arguments.database_url
    prefix = f"doorstep_rbench_{os.getpid()}"
    seed_db = f"{prefix}_seed"
    seed_url = database_url(server_url, seed_db)
    agencies = plan_agencies(arguments.leases)
    rows: list[tuple[str, Side, Side]] = []
    problems: list[str] = []
    async with connect(server_url) as admin:
        try:
            print(f"Scratch database {seed_db} on {urlsplit(server_url).hostname}")
            await admin.execute(f'CREATE DATABASE "{seed_db}"')
            with step("migrate to heads"):
                await asyncio.to_thread(upgrade_to_head, sqlalchemy_url(seed_url))
            await seed(seed_url, agencies, 0)
            with step("recurring set-ups"):
                setups = await seed_setups(seed_url, agencies)
            print(f"  ({setups} set-ups)")
            with step("vacuum analyze"):
                async with connect(seed_url) as connection:
                    await connection.execute("VACUUM ANALYZE")
            for index in range(arguments.runs):
                order = "tick first" if index % 2 == 0 else "baseline first"
                print(f"Run {index + 1} of {arguments.runs} ({order})")
                tick_db, base_db = f"{prefix}_tick", f"{prefix}_baseline"
                try:
                    sides: dict[str, Side] = {}
                    for name in ("tick", "baseline") if index % 2 == 0 else ("baseline", "tick"):
                        db = tick_db if name == "tick" else base_db
                        with step(f"clone for the {name}"):
                            await clone(admin, db, seed_db)
                        with step(name):
                            if name == "tick":
                                sides[name] = await run_tick(
                                    database_url(server_url, db), arguments.redis_url, agencies
                                )
                            else:
                                sides[name] = await run_baseline(
                                    database_url(server_url, db), agencies
                                )
                finally:
                    for db in (tick_db, base_db):
                        await admin.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
                tick, base = sides["tick"], sides["baseline"]
                if tick.outcome != base.outcome:
                    problems.append(f"run {index + 1}: tick {tick.outcome} != {base.outcome}")
                if (tick.due, tick.jobs) != (base.due, base.jobs):
                    problems.append(
                        f"run {index + 1}: due/jobs {tick.due}/{tick.jobs} !="
                        f" {base.due}/{base.jobs}"
                    )
                rows.append((order, tick, base))
        finally:
            await admin.execute(f'DROP DATABASE IF EXISTS "{seed_db}" WITH (FORCE)')
    report(arguments.leases, rows, agencies)
    for problem in problems:
        print(f"MISMATCH: {problem}")
    if not problems:
        print("Same rows from both sides (counts per table and status, charges checksum).")
    return 1 if problems else 0


def report(leases: int, rows: list[tuple[str, Side, Side]], agencies: list[SeededAgency]) -> None:
    print()
    _, first, _ = rows[0]
    out = first.outcome
    print(
        f"{leases} leases: {out['invoices']} invoices, {out['scheduled'] + out['reminded']}"
        f" scheduled charges, {out['reminders']} reminders ({out['changed']} with a changed"
        f" amount), {out['emails']} e-mails, {first.due} charges due three days later"
    )
    print(
        f"{'order':>15} {'tick s':>8} {'(enqueue s)':>11} {'baseline s':>10} {'ratio':>6}"
        f" {'jobs':>5}"
    )
    for order, tick, base in rows:
        print(
            f"{order:>15} {tick.seconds:>8.2f} {tick.enqueue_seconds:>11.3f}"
            f" {base.seconds:>10.2f} {tick.seconds / base.seconds:>6.2f} {tick.jobs:>5}"
        )
    ratios = [tick.seconds / base.seconds for _, tick, base in rows]
    print(
        f"ratio tick / baseline: min {min(ratios):.2f}, median {median(ratios):.2f},"
        f" max {max(ratios):.2f}"
    )
    most = -(-first.due // BATCH) + len(agencies)
    print(
        f"arq jobs enqueued: {first.jobs} for {first.due} due charges in {len(agencies)}"
        f" agencies (ceil(due / {BATCH}) per agency; bound ceil(all due / {BATCH}) +"
        f" agencies = {most})"
    )
    print("Gateway calls excluded: the jobs are enqueued and counted, not run.")


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--leases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2, help="A/B pairs, order alternated")
    parser.add_argument("--database-url", default=DEFAULT_SERVER)
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("DOORSTEP_BENCH_REDIS_URL", DEFAULT_REDIS),
        help="Redis database the charge jobs are enqueued to (and removed from)",
    )
    arguments = parser.parse_args()
    if arguments.leases < 1 or arguments.runs < 1:
        parser.error("--leases and --runs must be at least 1")
    return arguments


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_arguments())))
