"""One settings object, read once from the environment (prefix ``DOORSTEP_``)."""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from enum import StrEnum
from functools import lru_cache
from ipaddress import ip_network
from pathlib import Path
from typing import Annotated, Any, Self

from pydantic import Field, IPvAnyNetwork, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from zxcvbn import zxcvbn

from doorstep.core.encryption import InvalidDataKeys, Keyring

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_POOL_SIZE = 10
DEVELOPMENT_SECRET_KEY = "development-only-secret-change-me-0123456789"  # noqa: S105 - dev only
MIN_SECRET_KEY_LENGTH = 32
# The randomness the secret key is estimated to carry (see `secret_key_weakness`): 64 random
# hex digits or `secrets.token_urlsafe(32)` give well over 128 bits; words, sequences or a
# repeated pattern give far less.
MIN_SECRET_KEY_BITS = 128
# zxcvbn takes at most 72 characters; a key's first 72 decide.
_SCORED_PREFIX = 72
# Web push (notifications/push.py): the VAPID key pair that signs every push request. This
# one is published (development and tests only), so `doorstep run`'s API and worker, and any
# browser subscribed against them, share one key across restarts; production must set its own.
DEVELOPMENT_VAPID_PRIVATE_KEY = "jG7Y1BnqKQKNIKO13bEMuAdc1vL4RT7-PPTNcOBpVNs"
GENERATE_VAPID_KEY = (
    "python -c 'import base64; from cryptography.hazmat.primitives.asymmetric import ec; "
    "k = ec.generate_private_key(ec.SECP256R1()); "
    'print(base64.urlsafe_b64encode(k.private_numbers().private_value.to_bytes(32, "big"))'
    '.rstrip(b"=").decode())\''
)
GENERATE_SECRET_KEY = "python -c 'import secrets; print(secrets.token_urlsafe(48))'"  # noqa: S105
# Stored files are sealed with AES-256-GCM (core/encryption.py). This key is published
# (development and tests only), so `doorstep run`'s API, worker and migrations, and a developer's
# database across restarts, share one; production must set its own.
DEVELOPMENT_DATA_KEYS = "dev:ZG9vcnN0ZXAtZGV2ZWxvcG1lbnQtZGF0YS1rZXkhISE="
GENERATE_DATA_KEY = (
    "python -c 'import base64, os; print(\"k1:\" + base64.b64encode(os.urandom(32)).decode())'"
)


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class InsecureSettings(RuntimeError):
    """Settings that would run production unsafely. Not a ValueError on purpose: pydantic
    would wrap that in a ValidationError quoting every input, the secret key included."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DOORSTEP_", extra="ignore")

    env: Environment = Environment.DEVELOPMENT
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/doorstep"
    redis_url: str = "redis://127.0.0.1:6379/0"
    secret_key: SecretStr = SecretStr(DEVELOPMENT_SECRET_KEY)
    # The keys stored files are sealed with: `id:base64-of-32-bytes`, several separated by
    # commas; the first seals, all open (rotation: put the new one first, then run
    # `doorstep encrypt-files`). Unset: the development keys in development and tests; required
    # elsewhere.
    data_keys: SecretStr | None = None
    access_token_ttl_seconds: int = Field(default=900, ge=30)
    refresh_token_ttl_seconds: int = Field(default=30 * 24 * 3600, ge=300)
    login_attempts_per_account: int = Field(default=100, ge=1)
    login_attempts_per_client: int = Field(default=30, ge=1)
    login_window_seconds: int = Field(default=900, ge=1)
    portal_dist: Path = REPO_ROOT / "portal-pwa" / "dist"
    agency_dist: Path = REPO_ROOT / "agency-spa" / "dist"
    # The refresh cookie's Secure flag; unset: on in production, off in development and tests
    # (plain http://127.0.0.1). See `refresh_cookie_secure`.
    cookie_secure: bool | None = None
    log_level: str = "INFO"
    log_json: bool = False
    # Processes `doorstep api` serves with (uvicorn workers); unset: one per core.
    api_workers: int | None = Field(default=None, ge=1)
    # Connections each API process keeps open (and as many again in a burst); unset: 10
    # shared among the API's processes, so more cores do not mean more connections.
    db_pool_size: int | None = Field(default=None, ge=1)
    # How long a money write (recording a payment, allocating, refunding) waits for a row lock
    # and runs one statement before it answers 503 with Retry-After (issue 10): long enough for
    # a burst on one trust account to drain, short enough to free its pool connection.
    money_write_lock_timeout_ms: int = Field(default=3_000, ge=1)
    money_write_statement_timeout_ms: int = Field(default=15_000, ge=1)
    # Outgoing mail (notifications/): smtp://[user:password@]host:port, or smtps:// for TLS
    # from the first byte; smtp:// upgrades with STARTTLS when the server offers it.
    smtp_url: SecretStr = SecretStr("smtp://127.0.0.1:1025")
    mail_from: str = "Doorstep <no-reply@doorstep.localhost>"
    smtp_timeout_seconds: float = Field(default=20.0, gt=0)
    mail_max_attempts: int = Field(default=8, ge=1)
    # Where the development SMTP sink keeps its messages (set by `doorstep run`); the API
    # shows them at /dev/mailbox in development.
    dev_mailbox_dir: Path | None = None
    # Card payments (payments/cards/gateway.py). No secret key: online payments answer 503.
    # DOORSTEP_STRIPE_API_BASE points the SDK at localstripe (`doorstep run` sets it); unset
    # means real Stripe. The PWA loads Stripe.js from stripe_js_url (localstripe serves a
    # stand-in at <base>/js.stripe.com/v3/).
    stripe_secret_key: SecretStr | None = None
    stripe_publishable_key: str | None = None
    stripe_api_base: str | None = None
    stripe_js_url: str = "https://js.stripe.com/v3/"
    stripe_webhook_secret: SecretStr | None = None
    stripe_timeout_seconds: float = Field(default=20.0, gt=0)
    # Where people open the apps; payment links are <public_base_url>/portal/pay/<token>.
    public_base_url: str = "http://127.0.0.1:8000"
    # Web push: the VAPID private key (a P-256 key, its 32 bytes base64url-encoded, or PEM),
    # never logged; unset in production means push is off (the portal hides the control).
    # The subject is the contact push services may use (RFC 8292): mailto: or https:.
    vapid_private_key: SecretStr | None = None
    vapid_subject: str = "mailto:no-reply@doorstep.localhost"
    push_timeout_seconds: float = Field(default=10.0, gt=0)
    push_max_attempts: int = Field(default=8, ge=1)
    # The push services whose endpoints are accepted (a host, or any host under it): a
    # subscription is a URL the worker POSTs to, so only these are allowed (no SSRF). The
    # defaults are the services of Chrome/Edge/Android (FCM), Firefox (Mozilla), Edge on
    # Windows (WNS) and Safari (Apple).
    push_service_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: [
            "fcm.googleapis.com",
            "push.services.mozilla.com",
            "notify.windows.com",
            "push.apple.com",
        ]
    )
    payment_link_ttl_days: int = Field(default=14, ge=1, le=90)
    # Unknown payment-link tokens tried per client and window before 429 (no brute force).
    payment_link_failures_per_client: int = Field(default=20, ge=1)
    payment_link_window_seconds: int = Field(default=900, ge=1)
    # Failed sign-ins one client may make for one account per window before it must wait
    # (the window doubles each time the budget runs out again). `login_attempts_per_account`
    # is the much larger budget across all clients, so one attacker slows only themselves
    # down and cannot lock the owner out.
    login_attempts_per_account_and_client: int = Field(default=5, ge=1)
    # Reverse proxies whose X-Forwarded-For is believed (addresses or CIDRs, comma-separated,
    # e.g. "10.0.0.0/8,192.168.1.10"). Empty (the default): the connecting address is the
    # client, so no one can pick their own address to dodge the per-client throttles.
    trusted_proxies: Annotated[list[IPvAnyNetwork], NoDecode] = Field(default_factory=list)

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _split_trusted_proxies(cls, value: Any) -> Any:
        if isinstance(value, str):
            # A bare address is a network of one; host bits in a CIDR are forgiven.
            return [ip_network(part, strict=False) for part in re.split(r"[\s,]+", value) if part]
        return value

    @field_validator("push_service_hosts", mode="before")
    @classmethod
    def _split_push_service_hosts(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.lower() for part in re.split(r"[\s,]+", value) if part]
        return value

    @field_validator("vapid_subject")
    @classmethod
    def _vapid_subject_is_a_contact(cls, value: str) -> str:
        if not value.startswith(("mailto:", "https://")):
            raise ValueError("must be a mailto: or https: URL (RFC 8292)")
        return value

    @model_validator(mode="after")
    def _production_needs_a_strong_secret_key(self) -> Self:
        """Access tokens are signed with the secret key: a short or guessable one lets anyone
        sign in as anyone. Development and tests may use the published default."""
        if self.env in (Environment.DEVELOPMENT, Environment.TEST):
            return self
        problem = secret_key_weakness(self.secret_key.get_secret_value())
        if problem:
            raise InsecureSettings(
                f"DOORSTEP_SECRET_KEY is not strong enough for {self.env.value}: {problem}. "
                f"Generate one with: {GENERATE_SECRET_KEY}"
            )
        return self

    @model_validator(mode="after")
    def _data_keys_are_usable(self) -> Self:
        """Read now, so a malformed key stops the start, not the first upload; outside
        development and tests a key of one's own is required. Never printed."""
        development = self.env in (Environment.DEVELOPMENT, Environment.TEST)
        if self.data_keys is None:
            if development:
                return self
            raise InsecureSettings(
                f"DOORSTEP_DATA_KEYS is required in {self.env.value}: stored files are "
                f"encrypted with it. Generate one with: {GENERATE_DATA_KEY}"
            )
        try:
            keys = Keyring.parse(self.data_keys.get_secret_value())
        except InvalidDataKeys as exc:
            raise InsecureSettings(
                f"DOORSTEP_DATA_KEYS: {exc}. Generate one with: {GENERATE_DATA_KEY}"
            ) from None
        if not development and keys.holds_any_of(Keyring.parse(DEVELOPMENT_DATA_KEYS)):
            raise InsecureSettings(
                "DOORSTEP_DATA_KEYS holds the published development key; generate one with: "
                f"{GENERATE_DATA_KEY}"
            )
        return self

    @model_validator(mode="after")
    def _production_needs_its_own_vapid_key(self) -> Self:
        """The development VAPID key is published: anyone could push as this server."""
        if self.env in (Environment.DEVELOPMENT, Environment.TEST):
            return self
        if (
            self.vapid_private_key is not None
            and self.vapid_private_key.get_secret_value() == DEVELOPMENT_VAPID_PRIVATE_KEY
        ):
            raise InsecureSettings(
                f"DOORSTEP_VAPID_PRIVATE_KEY is the published development key; generate one "
                f"with: {GENERATE_VAPID_KEY}"
            )
        return self

    @property
    def push_private_key(self) -> str | None:
        """The VAPID private key push is sent with: the setting, else the development key in
        development and tests; None (push off) in production without one."""
        if self.vapid_private_key is not None:
            return self.vapid_private_key.get_secret_value()
        if self.env in (Environment.DEVELOPMENT, Environment.TEST):
            return DEVELOPMENT_VAPID_PRIVATE_KEY
        return None

    @property
    def data_keyring(self) -> Keyring:
        """The keys stored files are sealed with: the setting, else the development keys (the
        validator refuses their absence outside development and tests)."""
        value = self.data_keys.get_secret_value() if self.data_keys else DEVELOPMENT_DATA_KEYS
        return Keyring.parse(value)

    @property
    def push_allows_loopback_http(self) -> bool:
        """Development and tests accept http://127.0.0.1 push endpoints (a local stand-in
        for a push service); production never does."""
        return self.env in (Environment.DEVELOPMENT, Environment.TEST)

    @property
    def is_production(self) -> bool:
        return self.env is Environment.PRODUCTION

    @property
    def refresh_cookie_secure(self) -> bool:
        """Whether the refresh cookie is sent over HTTPS only: the setting, else on outside
        development and tests."""
        if self.cookie_secure is not None:
            return self.cookie_secure
        return self.env not in (Environment.DEVELOPMENT, Environment.TEST)

    @property
    def api_processes(self) -> int:
        return self.api_workers or os.cpu_count() or 1

    @property
    def pool_size(self) -> int:
        """Connections per API process: the setting, or 10 shared by ``api_workers``
        processes (one process when that is unset: tests, tools)."""
        return self.db_pool_size or max(2, DEFAULT_POOL_SIZE // (self.api_workers or 1))


def secret_key_weakness(secret: str) -> str | None:
    """Why ``secret`` is too weak to sign tokens with, or None when it will do.

    Its randomness is estimated twice and the lower figure counts: from how evenly its
    characters are spread, and by zxcvbn, which also sees words, sequences and repeats."""
    if secret == DEVELOPMENT_SECRET_KEY:
        return "it is the published development value"
    if len(secret) < MIN_SECRET_KEY_LENGTH:
        return f"it has {len(secret)} characters; use at least {MIN_SECRET_KEY_LENGTH} random ones"
    counts = Counter(secret).values()
    spread_bits = -sum(count * math.log2(count / len(secret)) for count in counts)
    guess_bits = zxcvbn(secret[:_SCORED_PREFIX])["guesses_log10"] * math.log2(10)
    bits = min(spread_bits, guess_bits)
    if bits < MIN_SECRET_KEY_BITS:
        return (
            f"it carries about {int(bits)} bits of randomness; use at least "
            f"{MIN_SECRET_KEY_BITS} (e.g. 64 random hex digits)"
        )
    return None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
