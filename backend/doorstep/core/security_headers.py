"""Browser security headers on every response: the API, the docs and both front ends.

Each surface gets a Content-Security-Policy of what it really loads, and none of them may be
framed (``frame-ancestors 'none'``, clickjacking). Responses are never MIME-sniffed. No URL is
sent on as a Referer: payment links carry their token in the path. Over HTTPS, browsers are
told to keep to it (HSTS). A response that set a header itself (a downloaded file's sandbox
policy, the docs page's hash of its script) keeps its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HSTS_SECONDS = 365 * 24 * 3600
# Where Stripe.js comes from and what it talks to and frames (Stripe's documented CSP:
# https://docs.stripe.com/security/guide#content-security-policy).
STRIPE_SCRIPT_ORIGINS = ("https://js.stripe.com",)
STRIPE_FRAME_ORIGINS = ("https://js.stripe.com", "https://hooks.stripe.com")
STRIPE_CONNECT_ORIGINS = ("https://api.stripe.com",)


def policy(directives: Mapping[str, Iterable[str]]) -> str:
    """A CSP header value from its directives, each source once, in the order given."""
    return "; ".join(
        " ".join([name, *dict.fromkeys(sources)]) for name, sources in directives.items()
    )


# JSON, PDFs and files: nothing to run, nothing to load, never in a frame.
API_POLICY = policy(
    {"default-src": ["'none'"], "frame-ancestors": ["'none'"], "base-uri": ["'none'"]}
)


def front_end_policy(
    *,
    script: Sequence[str] = (),
    connect: Sequence[str] = (),
    frame: Sequence[str] = (),
    image: Sequence[str] = (),
) -> str:
    """A built Vite app: its own scripts, styles, fonts, manifest and service worker, calls to
    its own API, plus what is named (Stripe for the portal)."""
    return policy(
        {
            "default-src": ["'self'"],
            "script-src": ["'self'", *script],
            "style-src": ["'self'"],
            "img-src": ["'self'", "data:", "blob:", *image],
            "font-src": ["'self'"],
            "connect-src": ["'self'", *connect],
            "frame-src": [*frame] or ["'none'"],
            "manifest-src": ["'self'"],
            "worker-src": ["'self'"],
            "object-src": ["'none'"],
            "base-uri": ["'self'"],
            "form-action": ["'self'"],
            "frame-ancestors": ["'none'"],
        }
    )


def origin(url: str | None) -> str | None:
    """``https://js.stripe.com`` of ``https://js.stripe.com/v3/``; None when not a URL."""
    parts = urlsplit(url or "")
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def portal_policy(stripe_js_url: str, stripe_api_base: str | None) -> str:
    """The tenant portal also loads Stripe.js, which frames Stripe's card field and calls
    Stripe's API; locally the stand-in (localstripe) does both from its own origin."""
    js_origin = origin(stripe_js_url)
    stand_ins = [o for o in (js_origin, origin(stripe_api_base)) if o is not None]
    stripe_hosted = js_origin in STRIPE_SCRIPT_ORIGINS
    return front_end_policy(
        script=[*stand_ins, *STRIPE_SCRIPT_ORIGINS] if stripe_hosted else stand_ins,
        connect=[*stand_ins, *STRIPE_CONNECT_ORIGINS] if stripe_hosted else stand_ins,
        frame=[*stand_ins, *STRIPE_FRAME_ORIGINS] if stripe_hosted else stand_ins,
        image=["https://*.stripe.com"] if stripe_hosted else [],
    )


class SecurityHeadersMiddleware:
    """Adds the security headers to every HTTP response; ``policies`` maps a path prefix
    (``/portal/``) to its CSP, and every other path gets ``default_policy``."""

    def __init__(
        self, app: ASGIApp, *, policies: Mapping[str, str], default_policy: str = API_POLICY
    ) -> None:
        self.app = app
        # Longest prefix first, so a more specific surface wins.
        self.policies = sorted(policies.items(), key=lambda item: len(item[0]), reverse=True)
        self.default_policy = default_policy

    def policy_for(self, path: str) -> str:
        for prefix, csp in self.policies:
            if path == prefix.rstrip("/") or path.startswith(prefix):
                return csp
        return self.default_policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = [
            (b"content-security-policy", self.policy_for(scope["path"]).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
        ]
        if scope.get("scheme") == "https":
            headers.append((b"strict-transport-security", f"max-age={HSTS_SECONDS}".encode()))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *((name, value) for name, value in headers if name not in present),
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)
