"""One settings object, read once from the environment (prefix ``DOORSTEP_``)."""

from __future__ import annotations

import os
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_POOL_SIZE = 10


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DOORSTEP_", extra="ignore")

    env: Environment = Environment.DEVELOPMENT
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/doorstep"
    redis_url: str = "redis://127.0.0.1:6379/0"
    secret_key: SecretStr = SecretStr("development-only-secret-change-me-0123456789")
    access_token_ttl_seconds: int = Field(default=900, ge=30)
    refresh_token_ttl_seconds: int = Field(default=30 * 24 * 3600, ge=300)
    login_attempts_per_account: int = Field(default=5, ge=1)
    login_attempts_per_client: int = Field(default=30, ge=1)
    login_window_seconds: int = Field(default=900, ge=1)
    portal_dist: Path = REPO_ROOT / "portal-pwa" / "dist"
    agency_dist: Path = REPO_ROOT / "agency-spa" / "dist"
    cookie_secure: bool = False
    log_level: str = "INFO"
    log_json: bool = False
    # Processes `doorstep api` serves with (uvicorn workers); unset: one per core.
    api_workers: int | None = Field(default=None, ge=1)
    # Connections each API process keeps open (and as many again in a burst); unset: 10
    # shared among the API's processes, so more cores do not mean more connections.
    db_pool_size: int | None = Field(default=None, ge=1)
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
    payment_link_ttl_days: int = Field(default=14, ge=1, le=90)
    # Unknown payment-link tokens tried per client and window before 429 (no brute force).
    payment_link_failures_per_client: int = Field(default=20, ge=1)
    payment_link_window_seconds: int = Field(default=900, ge=1)

    @property
    def is_production(self) -> bool:
        return self.env is Environment.PRODUCTION

    @property
    def api_processes(self) -> int:
        return self.api_workers or os.cpu_count() or 1

    @property
    def pool_size(self) -> int:
        """Connections per API process: the setting, or 10 shared by ``api_workers``
        processes (one process when that is unset: tests, tools)."""
        return self.db_pool_size or max(2, DEFAULT_POOL_SIZE // (self.api_workers or 1))


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    settings = Settings()
    if settings.is_production and "development-only" in settings.secret_key.get_secret_value():
        raise RuntimeError("DOORSTEP_SECRET_KEY must be set in production")
    return settings
