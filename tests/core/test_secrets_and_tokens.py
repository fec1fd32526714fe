"""Production needs a strong secret key, access tokens live no longer than configured, and the
refresh cookie is Secure outside development (issue 9, items 13 and 16)."""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest
from joserfc import jwt

from doorstep.core.security import AccessClaims, AccessTokens, Audience
from doorstep.core.settings import (
    DEVELOPMENT_SECRET_KEY,
    Environment,
    InsecureSettings,
    Settings,
)
from tests.conftest import NOW, settings_for_tests
from tests.factories import PASSWORD, Factory

STRONG_KEY = secrets.token_urlsafe(48)
# Production needs a data key too (tests/core/test_encryption.py); these tests are about the
# secret key.
DATA_KEYS = "k1:N2lFa3RDcE5zVnFXd2hUeTBrM1JmWmJYdUxhRDhtR2M="


@pytest.mark.parametrize(
    "weak",
    [
        "x",
        DEVELOPMENT_SECRET_KEY,
        "a" * 64,
        "abcd" * 16,
        "0123456789abcdef0123456789abcdef",  # 32 characters, but 16 distinct ones
    ],
)
def test_production_refuses_a_weak_secret_key_without_repeating_it(weak: str) -> None:
    with pytest.raises(InsecureSettings, match="DOORSTEP_SECRET_KEY") as refused:
        Settings(env=Environment.PRODUCTION, secret_key=weak)
    assert weak not in str(refused.value)
    assert "secrets.token_urlsafe" in str(refused.value)


def test_production_accepts_a_random_secret_key_and_development_any() -> None:
    assert Settings(
        env=Environment.PRODUCTION, secret_key=STRONG_KEY, data_keys=DATA_KEYS
    ).is_production
    assert Settings(
        env=Environment.PRODUCTION, secret_key=secrets.token_hex(32), data_keys=DATA_KEYS
    ).is_production
    assert Settings(env=Environment.DEVELOPMENT, secret_key="x").secret_key.get_secret_value()
    assert Settings(env=Environment.TEST, secret_key="x").secret_key.get_secret_value()


def _claims() -> AccessClaims:
    return AccessClaims(
        subject=uuid.uuid4(),
        audience=Audience.STAFF,
        agency_id=uuid.uuid4(),
        session_id=uuid.uuid4(),
    )


def _signed(tokens: AccessTokens, payload: dict[str, Any]) -> str:
    return jwt.encode({"alg": "HS256"}, payload, tokens._key)


def test_a_token_living_longer_than_the_setting_is_refused() -> None:
    tokens = AccessTokens(STRONG_KEY, timedelta(minutes=15))
    claims = _claims()
    assert tokens.verify(tokens.issue(claims, NOW), Audience.STAFF, NOW) == claims

    # Signed with the same key, but its expiry pushed three months ahead.
    stretched = AccessTokens(STRONG_KEY, timedelta(days=90)).issue(claims, NOW)
    assert tokens.verify(stretched, Audience.STAFF, NOW) is None

    issued = int(NOW.timestamp())
    base = {"sub": str(claims.subject), "aud": "staff", "agency": str(claims.agency_id)}
    base["sid"] = str(claims.session_id)
    no_iat = _signed(tokens, base | {"exp": issued + 600})
    assert tokens.verify(no_iat, Audience.STAFF, NOW) is None
    from_the_future = _signed(tokens, base | {"iat": issued + 3600, "exp": issued + 3700})
    assert tokens.verify(from_the_future, Audience.STAFF, NOW) is None
    just_right = _signed(tokens, base | {"iat": issued, "exp": issued + 900})
    assert tokens.verify(just_right, Audience.STAFF, NOW) == claims


def test_a_token_checked_before_is_checked_against_the_time_and_audience_again() -> None:
    tokens = AccessTokens(STRONG_KEY, timedelta(minutes=15))
    claims = _claims()
    token = tokens.issue(claims, NOW)
    assert tokens.verify(token, Audience.STAFF, NOW) == claims
    assert tokens.verify(token, Audience.STAFF, NOW + timedelta(minutes=14)) == claims
    assert tokens.verify(token, Audience.TENANT, NOW) is None
    assert tokens.verify(token, Audience.STAFF, NOW + timedelta(minutes=16)) is None
    assert tokens.verify(token, Audience.STAFF, NOW - timedelta(minutes=1)) is None
    # Another key refuses it, whatever a process with this key remembers.
    assert (
        AccessTokens(STRONG_KEY + "x", timedelta(minutes=15)).verify(token, Audience.STAFF, NOW)
        is None
    )
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    assert tokens.verify(tampered, Audience.STAFF, NOW) is None
    assert tokens.verify(token, Audience.STAFF, NOW) == claims


async def test_the_api_refuses_a_stretched_token(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    user = await factory.staff(await factory.agency())
    headers = await factory.headers(user)
    assert (await client.get("/api/v1/me", headers=headers)).status_code == 200
    session_id = uuid.UUID(
        jwt.decode(headers["Authorization"].removeprefix("Bearer "), factory.tokens._key).claims[
            "sid"
        ]
    )
    claims = AccessClaims(user.id, Audience.STAFF, user.agency_id, session_id)
    test_key = settings_for_tests().secret_key.get_secret_value()
    long_lived = AccessTokens(test_key, timedelta(days=120))
    stretched = long_lived.issue(claims, factory.clock.now())
    response = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {stretched}"})
    assert response.status_code == 401


def test_the_refresh_cookie_is_secure_by_default_outside_development() -> None:
    assert Settings(
        env=Environment.PRODUCTION, secret_key=STRONG_KEY, data_keys=DATA_KEYS
    ).refresh_cookie_secure
    assert not Settings(env=Environment.DEVELOPMENT).refresh_cookie_secure
    assert not Settings(env=Environment.TEST).refresh_cookie_secure
    assert not Settings(
        env=Environment.PRODUCTION, secret_key=STRONG_KEY, data_keys=DATA_KEYS, cookie_secure=False
    ).refresh_cookie_secure
    assert Settings(env=Environment.DEVELOPMENT, cookie_secure=True).refresh_cookie_secure


async def test_production_sends_the_refresh_cookie_over_https_only(
    client: httpx.AsyncClient, factory: Factory, app: Any
) -> None:
    app.state.settings = settings_for_tests(env=Environment.PRODUCTION, secret_key=STRONG_KEY)
    user = await factory.staff(await factory.agency())
    response = await client.post(
        "/api/v1/auth/staff/login", json={"email": user.email, "password": PASSWORD}
    )
    assert response.status_code == 200
    attributes = [part.strip().lower() for part in response.headers["set-cookie"].split(";")]
    assert "secure" in attributes
