"""localstripe, the local stand-in for Stripe, as `doorstep run` and the tests start it.

``python -m doorstep.devstack.localstripe --port N [--webhook-url URL --webhook-secret S]``

localstripe's own command line binds every interface and keeps its data in
``/tmp/localstripe.pickle``, a file every instance on the machine shares (and re-reads at
start). Here it is bound to loopback only and its store lives in memory only: every start is
from scratch and two instances (a developer's stack, a test run) never see each other's
customers. The webhook is registered in-process, exactly as ``POST /_config/webhooks/{id}``
would, before the first request can arrive.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import secrets
import socket
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from doorstep.devstack.supervisor import ChildSpec

if TYPE_CHECKING:  # run.py imports this module
    from doorstep.devstack.run import RunContext

LOOPBACK = "127.0.0.1"
WEBHOOK_ID = "doorstep"
WEBHOOK_PATH = "/api/v1/webhooks/stripe"
# localstripe accepts any key of the right shape; these name what they are.
SECRET_KEY = "sk_test_doorstep_localstripe"  # noqa: S105 - a stand-in, not a secret
PUBLISHABLE_KEY = "pk_test_doorstep_localstripe"


def localstripe_child(ctx: RunContext) -> ChildSpec | None:
    """localstripe as a child of ``doorstep run``, unless DOORSTEP_STRIPE_SECRET_KEY names a
    real Stripe account. Exports the DOORSTEP_STRIPE_* settings to the API and the worker and
    registers the API's webhook URL with a fresh secret."""
    if ctx.env.get("DOORSTEP_STRIPE_SECRET_KEY"):
        ctx.banner.append(("card payments", "Stripe (DOORSTEP_STRIPE_SECRET_KEY)"))
        return None
    if importlib.util.find_spec("localstripe") is None:
        ctx.banner.append(("card payments", "off: pip install -e '.[embedded]' for localstripe"))
        return None
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        port = int(probe.getsockname()[1])
    base = f"http://{LOOPBACK}:{port}"
    webhook_secret = f"whsec_{secrets.token_hex(24)}"
    ctx.env["DOORSTEP_STRIPE_API_BASE"] = base
    ctx.env["DOORSTEP_STRIPE_SECRET_KEY"] = SECRET_KEY
    ctx.env["DOORSTEP_STRIPE_PUBLISHABLE_KEY"] = PUBLISHABLE_KEY
    ctx.env["DOORSTEP_STRIPE_JS_URL"] = f"{base}/js.stripe.com/v3/"
    ctx.env["DOORSTEP_STRIPE_WEBHOOK_SECRET"] = webhook_secret
    ctx.env.setdefault("DOORSTEP_PUBLIC_BASE_URL", ctx.base_url)
    ctx.banner.append(("card payments", f"localstripe at {base} (test card 4242 4242 4242 4242)"))
    argv = [sys.executable, "-m", "doorstep.devstack.localstripe", "--port", str(port)]
    argv += ["--webhook-url", f"{ctx.base_url}{WEBHOOK_PATH}", "--webhook-secret", webhook_secret]
    return ChildSpec("stripe", argv, colour="32")


def prepare(webhook_url: str | None = None, webhook_secret: str | None = None) -> object:
    """Import localstripe with a private, empty, memory-only store; returns its aiohttp app."""
    from localstripe import resources, server, webhooks

    store = resources.store
    store.clear()
    # The store writes itself to the shared pickle on every change: not ours.
    store.dump_to_disk = lambda: None
    store.try_load_from_disk = lambda: None
    if webhook_url and webhook_secret:
        webhooks.register_webhook(WEBHOOK_ID, webhook_url, webhook_secret, None)
    app: object = server.app
    return app


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m doorstep.devstack.localstripe")
    parser.add_argument("--host", default=LOOPBACK)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--webhook-url", default=None)
    parser.add_argument("--webhook-secret", default=None)
    parser.add_argument("--quiet", action="store_true", help="no access log")
    args = parser.parse_args(argv)

    from aiohttp import web

    app = prepare(args.webhook_url, args.webhook_secret)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO, stream=sys.stdout)
    web.run_app(
        app,  # type: ignore[arg-type]
        host=args.host,
        port=args.port,
        print=None,
        access_log=None if args.quiet else logging.getLogger("aiohttp.access"),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
