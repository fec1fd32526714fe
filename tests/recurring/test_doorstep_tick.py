"""The production wiring, run as operations run it: ``doorstep tick --at`` walks a recurring
payment from invoice to charge with the settings' gateway (localstripe) and mail server (the
sink)."""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import date

from redis.asyncio import Redis

from tests.live import service_env
from tests.payments_online.conftest import PUBLISHABLE_KEY, SECRET_KEY
from tests.recurring.conftest import RENT, SETUP_DAY, Scenario, morning

JAN_DUE = date(2027, 1, 1)


async def _doorstep_tick(scenario: Scenario, day: date, *flags: str) -> dict[str, object]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "doorstep.cli",
        "tick",
        "--at",
        morning(day).isoformat(),
        *flags,
        env=service_env(
            DOORSTEP_STRIPE_SECRET_KEY=SECRET_KEY,
            DOORSTEP_STRIPE_PUBLISHABLE_KEY=PUBLISHABLE_KEY,
            DOORSTEP_STRIPE_API_BASE=scenario.localstripe.base,
            DOORSTEP_SMTP_URL=scenario.sink.url,
            DOORSTEP_MAIL_FROM="Doorstep <no-reply@doorstep.test>",
            DOORSTEP_PUBLIC_BASE_URL="https://doorstep.example",
        ),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode == 0, stderr.decode()[-3000:]
    report: dict[str, object] = json.loads(stdout)
    return report


async def test_doorstep_tick_reminds_and_charges(scenario: Scenario) -> None:
    await _doorstep_tick(scenario, SETUP_DAY)
    await scenario.set_up_card()
    for day in (date(2026, 12, 18), date(2026, 12, 29)):
        report = await _doorstep_tick(scenario, day)
    assert report["concerns"]["recurring.cycle"] == 1  # type: ignore[index]
    [reminder] = scenario.emails("We will take")
    assert "1 January 2027" in reminder.subject
    report = await _doorstep_tick(scenario, JAN_DUE)
    assert report["concerns"]["recurring.charge"] == 1  # type: ignore[index]
    january = await scenario.rent_invoice(JAN_DUE)
    [intent] = await scenario.localstripe.payment_intents(january.id)
    assert intent["status"] == "succeeded"
    assert intent["amount"] == RENT
    # A second run of the same instant changes nothing.
    again = await _doorstep_tick(scenario, JAN_DUE)
    assert again["concerns"]["recurring.charge"] == 0  # type: ignore[index]
    assert len(await scenario.localstripe.payment_intents(january.id)) == 1


async def test_doorstep_tick_can_leave_the_charges_to_the_workers(
    scenario: Scenario, redis: Redis
) -> None:
    await redis.flushdb()
    await _doorstep_tick(scenario, SETUP_DAY)
    await scenario.set_up_card()
    for day in (date(2026, 12, 18), date(2026, 12, 29)):
        await _doorstep_tick(scenario, day)
    report = await _doorstep_tick(scenario, JAN_DUE, "--enqueue-charges")
    assert report["concerns"]["recurring.charge"] == 1  # type: ignore[index]  # one batch job
    [job_id] = [
        key.decode().removeprefix("arq:job:")
        for key in await redis.keys("arq:job:recurring-charge:*")
    ]
    assert job_id.startswith(f"recurring-charge:{scenario.agency.id}:")
    # The same instant again: the batch is already queued, nothing more is enqueued.
    again = await _doorstep_tick(scenario, JAN_DUE, "--enqueue-charges")
    assert again["concerns"]["recurring.charge"] == 0  # type: ignore[index]
    assert len(await redis.keys("arq:job:recurring-charge:*")) == 1
    january = await scenario.rent_invoice(JAN_DUE)
    assert await scenario.localstripe.payment_intents(january.id) == []  # left to the workers
