"""The local stand-in: `doorstep run`'s child exports the settings, and instances never share
localstripe's /tmp pickle."""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from doorstep.core.settings import REPO_ROOT
from doorstep.devstack.localstripe import localstripe_child
from doorstep.devstack.run import CHILDREN, RunContext
from tests.live import free_port
from tests.payments_online.conftest import LocalStripe

SHARED_PICKLE = Path("/tmp/localstripe.pickle")  # noqa: S108 - localstripe's own path


def _context(env: dict[str, str]) -> RunContext:
    return RunContext(
        args=argparse.Namespace(no_worker=False),
        cli=[sys.executable, "-m", "doorstep.cli"],
        host="127.0.0.1",
        port=8123,
        env=env,
    )


def test_doorstep_run_starts_localstripe_and_points_the_api_at_it() -> None:
    assert localstripe_child in CHILDREN
    ctx = _context({})

    spec = localstripe_child(ctx)

    assert spec is not None
    base = ctx.env["DOORSTEP_STRIPE_API_BASE"]
    assert base.startswith("http://127.0.0.1:")
    assert ctx.env["DOORSTEP_STRIPE_JS_URL"] == f"{base}/js.stripe.com/v3/"
    assert ctx.env["DOORSTEP_STRIPE_SECRET_KEY"].startswith("sk_test_")
    assert ctx.env["DOORSTEP_STRIPE_PUBLISHABLE_KEY"].startswith("pk_test_")
    secret = ctx.env["DOORSTEP_STRIPE_WEBHOOK_SECRET"]
    assert secret.startswith("whsec_")
    assert ctx.env["DOORSTEP_PUBLIC_BASE_URL"] == "http://127.0.0.1:8123"
    argv = list(spec.argv)
    assert argv[argv.index("--webhook-url") + 1] == "http://127.0.0.1:8123/api/v1/webhooks/stripe"
    assert argv[argv.index("--webhook-secret") + 1] == secret
    assert argv[argv.index("--port") + 1] == base.rsplit(":", 1)[1]


def test_a_configured_stripe_account_is_left_alone() -> None:
    ctx = _context({"DOORSTEP_STRIPE_SECRET_KEY": "sk_live_real"})
    assert localstripe_child(ctx) is None
    assert "DOORSTEP_STRIPE_API_BASE" not in ctx.env


def _pickle_mtime() -> int | None:
    return SHARED_PICKLE.stat().st_mtime_ns if SHARED_PICKLE.exists() else None


@contextmanager
def _second_instance() -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "doorstep.devstack.localstripe", "--port", str(port), "--quiet"],
        cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{base}/js.stripe.com/v3/", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None
            assert time.monotonic() < deadline
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_instances_start_empty_and_share_nothing(localstripe: LocalStripe) -> None:
    before = _pickle_mtime()
    with _second_instance() as second:
        created = httpx.post(
            f"{localstripe.base}/v1/customers",
            data={"name": "Only here"},
            headers={"Authorization": "Bearer sk_test_x"},
        )
        customer = created.json()["id"]
        here = httpx.get(
            f"{localstripe.base}/v1/customers/{customer}",
            headers={"Authorization": "Bearer sk_test_x"},
        )
        there = httpx.get(
            f"{second}/v1/customers/{customer}", headers={"Authorization": "Bearer sk_test_x"}
        )
    assert here.status_code == 200
    assert there.status_code == 404
    assert _pickle_mtime() == before
