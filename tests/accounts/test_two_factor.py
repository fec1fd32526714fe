"""Two-step sign-in for staff (seed 002, secure authentication): set up with the password and a
code from the app, sign-in in two steps, each code taken once, wrong codes throttled, recovery
codes spent once, turning it off, a password reset that does not bypass it, and an owner
resetting a colleague's."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
from datetime import timedelta
from urllib.parse import parse_qs, unquote, urlparse

import httpx
from fastapi import FastAPI
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import StaffRole, StaffUser
from doorstep.audit.models import AuditEvent
from doorstep.auth.models import LoginChallenge, StaffTwoFactor
from doorstep.core.clock import FixedClock
from doorstep.core.security import token_digest
from doorstep.scheduler import concerns
from doorstep.scheduler.registry import PerAgency
from tests.accounts.helpers import RESET_LINK, link_in, login, messages_to, signed_in
from tests.factories import PASSWORD, Factory

ME = "/api/v1/me/two-factor"
FINISH = "/api/v1/auth/staff/login/two-factor"
PROBLEM = "urn:doorstep:problem:"


def totp(secret: str, at: float, step_offset: int = 0) -> str:
    """RFC 6238 written out here, apart from the app's code: what an authenticator app shows
    at ``at`` (HMAC-SHA1, 30-second steps, 6 digits)."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int(at) // 30 + step_offset
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


async def _turned_on(
    client: httpx.AsyncClient, clock: FixedClock, user: StaffUser
) -> tuple[dict[str, str], str, list[str]]:
    """Bearer headers of a session, the secret and the recovery codes of a staff member who
    has just set two-step sign-in up."""
    headers, _ = await signed_in(client, "staff", user.email)
    setup = await client.post(f"{ME}/setup", json={"current_password": PASSWORD}, headers=headers)
    assert setup.status_code == 200, setup.text
    secret = setup.json()["secret"]
    confirmed = await client.post(
        f"{ME}/confirm",
        json={"code": totp(secret, clock.now().timestamp())},
        headers=headers,
    )
    assert confirmed.status_code == 200, confirmed.text
    return headers, secret, confirmed.json()["recovery_codes"]


def _later(clock: FixedClock, seconds: int) -> None:
    clock.advance_to(clock.now() + timedelta(seconds=seconds))


async def _challenge(client: httpx.AsyncClient, email: str) -> str:
    client.cookies.clear()
    response = await login(client, "staff", email)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["two_factor_required"] is True
    assert "access_token" not in body
    assert "set-cookie" not in response.headers
    return str(body["challenge"])


async def _actions(session: AsyncSession, user: StaffUser) -> list[tuple[str, object]]:
    events = await session.scalars(
        select(AuditEvent)
        .where(AuditEvent.subject_id == user.id)
        .order_by(AuditEvent.occurred_at, AuditEvent.id)
    )
    return [(event.action, event.actor_staff_id) for event in events]


async def test_setting_up_and_signing_in_with_a_code(
    client: httpx.AsyncClient, factory: Factory, clock: FixedClock, session: AsyncSession
) -> None:
    agency = await factory.agency("Maple Lettings")
    user = await factory.staff(agency, StaffRole.MANAGER)
    headers, _ = await signed_in(client, "staff", user.email)

    wrong = await client.post(f"{ME}/setup", json={"current_password": "nope"}, headers=headers)
    assert wrong.status_code == 422
    assert wrong.json()["type"] == PROBLEM + "wrong-current-password"
    setup = await client.post(f"{ME}/setup", json={"current_password": PASSWORD}, headers=headers)
    assert setup.status_code == 200, setup.text
    assert setup.headers["cache-control"] == "no-store"
    secret = setup.json()["secret"]
    uri = urlparse(setup.json()["otpauth_uri"])
    assert (uri.scheme, uri.netloc) == ("otpauth", "totp")
    assert unquote(uri.path) == f"/Maple Lettings:{user.email}"
    assert parse_qs(uri.query)["secret"] == [secret]
    assert parse_qs(uri.query)["issuer"] == ["Maple Lettings"]
    stored = await session.scalar(
        select(StaffTwoFactor).where(StaffTwoFactor.staff_user_id == user.id)
    )
    assert stored is not None
    assert stored.secret == base64.b32decode(secret + "=" * (-len(secret) % 8))
    # In the table, sealed under the data keys (the column's type): never the secret itself.
    stored_bytes = bytes(
        await session.scalar(
            text("SELECT secret FROM staff_two_factor WHERE staff_user_id = :id"),
            {"id": user.id},
        )
    )
    assert secret.encode() not in stored_bytes
    assert stored.secret not in stored_bytes

    status = (await client.get(ME, headers=headers)).json()
    assert status == {
        "enabled": False,
        "enabled_at": None,
        "setup_pending": True,
        "recovery_codes_left": 0,
    }
    # Until a code confirms it, sign-in is as before.
    assert "access_token" in (await login(client, "staff", user.email)).json()

    now = clock.now().timestamp()
    bad = await client.post(f"{ME}/confirm", json={"code": "000000"}, headers=headers)
    if totp(secret, now) == "000000":  # pragma: no cover - one chance in a million
        bad = await client.post(f"{ME}/confirm", json={"code": "111111"}, headers=headers)
    assert bad.status_code == 422
    assert bad.json()["type"] == PROBLEM + "wrong-two-factor-code"
    confirmed = await client.post(
        f"{ME}/confirm", json={"code": totp(secret, now)}, headers=headers
    )
    assert confirmed.status_code == 200, confirmed.text
    codes = confirmed.json()["recovery_codes"]
    assert len(codes) == 10
    assert len(set(codes)) == 10
    status = (await client.get(ME, headers=headers)).json()
    assert status["enabled"] is True
    assert status["recovery_codes_left"] == 10
    again = await client.post(f"{ME}/setup", json={"current_password": PASSWORD}, headers=headers)
    assert again.status_code == 409

    _later(clock, 30)
    challenge = await _challenge(client, user.email)
    finished = await client.post(
        FINISH, json={"challenge": challenge, "code": totp(secret, clock.now().timestamp())}
    )
    assert finished.status_code == 200, finished.text
    assert finished.json()["access_token"]
    assert "doorstep_staff_refresh" in finished.headers["set-cookie"]
    me = await client.get(
        "/api/v1/me", headers={"Authorization": f"Bearer {finished.json()['access_token']}"}
    )
    assert me.status_code == 200
    # The challenge works once.
    _later(clock, 30)
    reused = await client.post(
        FINISH, json={"challenge": challenge, "code": totp(secret, clock.now().timestamp())}
    )
    assert reused.status_code == 401
    assert reused.json()["type"] == PROBLEM + "two-factor-challenge-expired"
    assert await _actions(session, user) == [("staff.two_factor_enabled", user.id)]


async def test_a_code_is_taken_once_and_a_little_drift_is_allowed(
    client: httpx.AsyncClient, factory: Factory, clock: FixedClock
) -> None:
    user = await factory.staff(await factory.agency())
    _, secret, _ = await _turned_on(client, clock, user)
    _later(clock, 30)
    code = totp(secret, clock.now().timestamp())
    first = await client.post(
        FINISH, json={"challenge": await _challenge(client, user.email), "code": code}
    )
    assert first.status_code == 200, first.text
    replay = await client.post(
        FINISH, json={"challenge": await _challenge(client, user.email), "code": code}
    )
    assert replay.status_code == 401
    assert replay.json()["type"] == PROBLEM + "two-factor-code-refused"

    # A phone one step behind is accepted; two steps behind is not.
    _later(clock, 60)
    now = clock.now().timestamp()
    behind = await client.post(
        FINISH,
        json={"challenge": await _challenge(client, user.email), "code": totp(secret, now, -1)},
    )
    assert behind.status_code == 200, behind.text
    _later(clock, 90)
    now = clock.now().timestamp()
    far = await client.post(
        FINISH,
        json={"challenge": await _challenge(client, user.email), "code": totp(secret, now, -2)},
    )
    assert far.status_code == 401
    # The step after the last accepted one is still good (typed as the code changed).
    ahead = await client.post(
        FINISH,
        json={"challenge": await _challenge(client, user.email), "code": totp(secret, now, 1)},
    )
    assert ahead.status_code == 200, ahead.text


async def test_a_challenge_expires_and_dies_after_five_wrong_codes(
    client: httpx.AsyncClient, factory: Factory, clock: FixedClock
) -> None:
    user = await factory.staff(await factory.agency())
    _, secret, _ = await _turned_on(client, clock, user)
    _later(clock, 30)
    late = await _challenge(client, user.email)
    _later(clock, 5 * 60)
    expired = await client.post(
        FINISH, json={"challenge": late, "code": totp(secret, clock.now().timestamp())}
    )
    assert expired.status_code == 401
    assert expired.json()["type"] == PROBLEM + "two-factor-challenge-expired"

    challenge = await _challenge(client, user.email)
    right = totp(secret, clock.now().timestamp())
    wrong = f"{(int(right) + 500_000) % 1_000_000:06d}"
    for _ in range(5):
        answer = await client.post(FINISH, json={"challenge": challenge, "code": wrong})
        assert answer.status_code == 401
        assert answer.json()["type"] == PROBLEM + "two-factor-code-refused"
    dead = await client.post(FINISH, json={"challenge": challenge, "code": right})
    assert dead.status_code == 401
    assert dead.json()["type"] == PROBLEM + "two-factor-challenge-expired"
    unknown = await client.post(FINISH, json={"challenge": "made-up", "code": right})
    assert unknown.status_code == 401


async def test_the_tick_forgets_expired_challenges(
    client: httpx.AsyncClient, factory: Factory, clock: FixedClock, session: AsyncSession
) -> None:
    forget = concerns.registry.concerns["auth.forget_expired_challenges"]
    assert not isinstance(forget, PerAgency)  # one run for the whole database
    user = await factory.staff(await factory.agency())
    _, secret, _ = await _turned_on(client, clock, user)
    _later(clock, 30)
    stale = await _challenge(client, user.email)
    _later(clock, 4 * 60)
    fresh = await _challenge(client, user.email)
    kept = select(LoginChallenge.token_digest).where(LoginChallenge.staff_user_id == user.id)

    _later(clock, 60)
    assert await forget(session, clock.now()) == 1
    assert list(await session.scalars(kept)) == [token_digest(fresh)]
    code = totp(secret, clock.now().timestamp())
    gone = await client.post(FINISH, json={"challenge": stale, "code": code})
    assert gone.status_code == 401
    assert gone.json()["type"] == PROBLEM + "two-factor-challenge-expired"
    finished = await client.post(FINISH, json={"challenge": fresh, "code": code})
    assert finished.status_code == 200, finished.text

    _later(clock, 4 * 60)  # a finished challenge goes when its time is up
    assert await forget(session, clock.now()) == 1
    assert list(await session.scalars(kept)) == []


async def test_wrong_codes_are_throttled(
    app: FastAPI, client: httpx.AsyncClient, factory: Factory, clock: FixedClock
) -> None:
    """From one address the sign-in throttle stops a guesser after five; from many addresses,
    the account's daily budget of wrong codes does (20), and the right code then waits too."""
    user = await factory.staff(await factory.agency())
    _, secret, _ = await _turned_on(client, clock, user)
    _later(clock, 30)
    right = totp(secret, clock.now().timestamp())
    wrong = f"{(int(right) + 500_000) % 1_000_000:06d}"

    statuses = []
    for _ in range(6):
        challenge = await _challenge(client, user.email)
        answer = await client.post(FINISH, json={"challenge": challenge, "code": wrong})
        statuses.append(answer.status_code)
    assert statuses == [401] * 5 + [429]

    async def attempt(address: str, code: str) -> int:
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as other:
            challenge = (await login(other, "staff", user.email)).json()["challenge"]
            return (
                await other.post(FINISH, json={"challenge": challenge, "code": code})
            ).status_code

    spread = [await attempt(f"198.51.100.{n}", wrong) for n in range(1, 17)]
    assert spread == [401] * 15 + [429]
    assert await attempt("203.0.113.9", right) == 429


async def test_a_recovery_code_works_once_and_is_told(
    client: httpx.AsyncClient, factory: Factory, clock: FixedClock, session: AsyncSession
) -> None:
    user = await factory.staff(await factory.agency())
    headers, _, codes = await _turned_on(client, clock, user)
    used = await client.post(
        FINISH, json={"challenge": await _challenge(client, user.email), "code": codes[0].upper()}
    )
    assert used.status_code == 200, used.text
    again = await client.post(
        FINISH, json={"challenge": await _challenge(client, user.email), "code": codes[0]}
    )
    assert again.status_code == 401
    assert (await client.get(ME, headers=headers)).json()["recovery_codes_left"] == 9
    told = [m for m in await messages_to(session, user.email) if "recovery" in m.subject]
    assert len(told) == 1
    assert "9" in told[0].text_body
    assert ("staff.two_factor_recovery_code_used", user.id) in await _actions(session, user)


async def test_new_recovery_codes_replace_the_old(
    client: httpx.AsyncClient, factory: Factory, clock: FixedClock
) -> None:
    user = await factory.staff(await factory.agency())
    headers, secret, old = await _turned_on(client, clock, user)
    _later(clock, 30)
    code = totp(secret, clock.now().timestamp())
    no_password = await client.post(
        f"{ME}/recovery-codes", json={"current_password": "x", "code": code}, headers=headers
    )
    assert no_password.status_code == 422
    renewed = await client.post(
        f"{ME}/recovery-codes", json={"current_password": PASSWORD, "code": code}, headers=headers
    )
    assert renewed.status_code == 200, renewed.text
    new = renewed.json()["recovery_codes"]
    assert not set(new) & set(old)
    stale = await client.post(
        FINISH, json={"challenge": await _challenge(client, user.email), "code": old[1]}
    )
    assert stale.status_code == 401
    fresh = await client.post(
        FINISH, json={"challenge": await _challenge(client, user.email), "code": new[1]}
    )
    assert fresh.status_code == 200


async def test_turning_it_off_takes_password_and_code(
    client: httpx.AsyncClient, factory: Factory, clock: FixedClock, session: AsyncSession
) -> None:
    user = await factory.staff(await factory.agency())
    headers, secret, _ = await _turned_on(client, clock, user)
    _later(clock, 30)
    code = totp(secret, clock.now().timestamp())
    wrong_code = await client.post(
        f"{ME}/disable",
        json={"current_password": PASSWORD, "code": f"{(int(code) + 1) % 1_000_000:06d}"},
        headers=headers,
    )
    assert wrong_code.status_code == 422
    assert wrong_code.json()["type"] == PROBLEM + "wrong-two-factor-code"
    off = await client.post(
        f"{ME}/disable", json={"current_password": PASSWORD, "code": code}, headers=headers
    )
    assert off.status_code == 200, off.text
    assert off.json()["enabled"] is False
    assert "access_token" in (await login(client, "staff", user.email)).json()
    told = [m for m in await messages_to(session, user.email) if "turned off" in m.subject]
    assert len(told) == 1
    assert [a for a, _ in await _actions(session, user)] == [
        "staff.two_factor_enabled",
        "staff.two_factor_disabled",
    ]


async def test_a_password_reset_does_not_skip_the_code(
    client: httpx.AsyncClient, factory: Factory, clock: FixedClock, session: AsyncSession
) -> None:
    user = await factory.staff(await factory.agency())
    await _turned_on(client, clock, user)
    asked = await client.post("/api/v1/auth/staff/password-reset", json={"email": user.email})
    assert asked.status_code == 202
    reset = [m for m in await messages_to(session, user.email) if RESET_LINK.search(m.text_body)]
    _, token = link_in(reset[-1])
    new_password = "quiet orchard lantern 42"
    done = await client.post(
        f"/api/v1/auth/staff/password-reset/{token}", json={"password": new_password}
    )
    assert done.status_code == 204, done.text
    client.cookies.clear()
    after = await login(client, "staff", user.email, new_password)
    assert after.status_code == 200
    assert after.json()["two_factor_required"] is True
    assert "access_token" not in after.json()


async def test_an_owner_resets_a_colleagues_two_step(
    client: httpx.AsyncClient, factory: Factory, clock: FixedClock, session: AsyncSession
) -> None:
    agency = await factory.agency()
    owner = await factory.staff(agency, StaffRole.OWNER)
    colleague = await factory.staff(agency, StaffRole.ACCOUNTANT)
    viewer = await factory.staff(agency, StaffRole.VIEWER)
    other_owner = await factory.staff(await factory.agency("Elsewhere"), StaffRole.OWNER)
    colleague_headers, _, _ = await _turned_on(client, clock, colleague)
    owner_headers, _ = await signed_in(client, "staff", owner.email)
    viewer_headers, _ = await signed_in(client, "staff", viewer.email)
    other_headers, _ = await signed_in(client, "staff", other_owner.email)

    team = (await client.get("/api/v1/staff/two-factor", headers=owner_headers)).json()
    assert [item["staff_id"] for item in team["items"]] == [str(colleague.id)]
    assert (await client.get("/api/v1/staff/two-factor", headers=viewer_headers)).json() == {
        "items": []
    }
    own = (await client.get("/api/v1/staff/two-factor", headers=colleague_headers)).json()
    assert [item["staff_id"] for item in own["items"]] == [str(colleague.id)]
    elsewhere = (await client.get("/api/v1/staff/two-factor", headers=other_headers)).json()
    assert elsewhere == {"items": []}

    reset = f"/api/v1/staff/{colleague.id}/two-factor/reset"
    assert (await client.post(reset, headers=viewer_headers)).status_code == 403
    assert (await client.post(reset, headers=colleague_headers)).status_code == 403
    assert (await client.post(reset, headers=other_headers)).status_code == 404
    self_reset = await client.post(
        f"/api/v1/staff/{owner.id}/two-factor/reset", headers=owner_headers
    )
    assert self_reset.status_code == 409
    assert (await client.post(reset, headers=owner_headers)).status_code == 204
    assert (await client.post(reset, headers=owner_headers)).status_code == 409

    assert "access_token" in (await login(client, "staff", colleague.email)).json()
    told = [m for m in await messages_to(session, colleague.email) if "turned off" in m.subject]
    assert len(told) == 1
    assert f"{owner.first_name} {owner.last_name}" in told[0].text_body
    assert ("staff.two_factor_reset", owner.id) in await _actions(session, colleague)
