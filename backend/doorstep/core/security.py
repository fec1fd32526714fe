"""Security primitives: password hashing, signed access tokens, opaque refresh tokens, the
tokens of e-mailed links."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey

_hasher = PasswordHasher()
# Verified when an account does not exist, so a login takes as long either way and the
# response time does not reveal which e-mail addresses have accounts.
_DUMMY_HASH = _hasher.hash("doorstep-dummy-password")

# Signed tokens whose payload an API process keeps: more than its clients of a few minutes.
SIGNED_CLAIMS_REMEMBERED = 16_384
ACCESS_TOKEN_ALGORITHM = "HS256"  # noqa: S105 - an algorithm name, not a secret


class Audience(StrEnum):
    STAFF = "staff"
    TENANT = "tenant"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def password_needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


@dataclass(frozen=True)
class AccessClaims:
    subject: uuid.UUID
    audience: Audience
    agency_id: uuid.UUID
    session_id: uuid.UUID


class AccessTokens:
    """Short-lived HS256 JWTs naming the principal, its agency and its login session."""

    def __init__(self, secret: str, ttl: timedelta) -> None:
        self._key = OctKey.import_key(hashlib.sha256(b"access-token:" + secret.encode()).digest())
        self._successor_key = hashlib.sha256(b"refresh-successor:" + secret.encode()).digest()
        self.ttl = ttl
        # A client sends the same token with each of its requests for its whole lifetime; its
        # signature is checked and its payload parsed once (what a token says depends on the
        # token and the key alone). What depends on the time is checked on every request.
        # Per key, bounded; a token that fails is not remembered.
        self._signed_claims = functools.lru_cache(maxsize=SIGNED_CLAIMS_REMEMBERED)(
            self._decode_signed
        )

    def refresh_successor(self, presented: str) -> str:
        """The refresh token that follows ``presented``: derived from it with the secret key,
        so every repeat of one refresh gets the same successor back (nothing to store), and
        only the server can compute it. Same shape as :func:`new_opaque_token`."""
        digest = hmac.new(self._successor_key, presented.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def issue(self, claims: AccessClaims, now: datetime) -> str:
        issued = int(now.timestamp())
        payload: dict[str, Any] = {
            "sub": str(claims.subject),
            "aud": claims.audience.value,
            "agency": str(claims.agency_id),
            "sid": str(claims.session_id),
            "iat": issued,
            "exp": issued + int(self.ttl.total_seconds()),
        }
        return jwt.encode({"alg": ACCESS_TOKEN_ALGORITHM}, payload, self._key)

    def verify(self, token: str, audience: Audience, now: datetime) -> AccessClaims | None:
        """The claims of a token this server issued and that is still valid, else None.

        A token must say when it was issued (not in the future) and live no longer than the
        configured lifetime: one whose expiry was pushed ahead (a leaked key, a token from a
        configuration with longer lifetimes) is refused however far off its ``exp`` is."""
        try:
            claims = self._signed_claims(token)
            registry = jwt.JWTClaimsRegistry(
                now=int(now.timestamp()),
                exp={"essential": True},
                iat={"essential": True},
                aud={"essential": True, "value": audience.value},
                sub={"essential": True},
            )
            registry.validate(dict(claims))
            lifetime = claims["exp"] - claims["iat"]
            if lifetime > self.ttl.total_seconds():
                return None
            return AccessClaims(
                subject=uuid.UUID(claims["sub"]),
                audience=audience,
                agency_id=uuid.UUID(claims["agency"]),
                session_id=uuid.UUID(claims["sid"]),
            )
        except (JoseError, ValueError, KeyError, TypeError):
            return None

    def _decode_signed(self, token: str) -> MappingProxyType[str, Any]:
        """The payload of a token signed with this key, read-only since it is shared by every
        request that sends the token; raises when the signature or the format is wrong."""
        decoded = jwt.decode(token, self._key, algorithms=[ACCESS_TOKEN_ALGORITHM])
        return MappingProxyType(decoded.claims)


def new_opaque_token() -> str:
    """A URL-safe random token with 256 bits of entropy (refresh tokens, magic links)."""
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class LinkToken:
    """A new link's token, the random salt it was derived from and its stored digest."""

    token: str
    salt: str
    digest: str


def link_token(secret: str, purpose: str, salt: str) -> str:
    """The token of an e-mailed link (an invite, a password reset, an e-mail confirmation):
    HMAC-SHA256(secret key, ``purpose:salt``) — 256 bits, from a salt of 128 random bits.

    Only the token's SHA-256 is stored (``token_digest``), so a copy of the database opens no
    link. A link that must be sent again unchanged (an invite's reminders) keeps its salt too,
    and is derived again from it; one that never is (a reset) stores the digest alone. The
    purpose keeps one kind of link from ever being another."""
    digest = hmac.new(secret.encode(), f"{purpose}:{salt}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()


def new_link_token(secret: str, purpose: str) -> LinkToken:
    """A fresh link token for ``purpose`` (see :func:`link_token`)."""
    salt = secrets.token_hex(16)
    token = link_token(secret, purpose, salt)
    return LinkToken(token=token, salt=salt, digest=token_digest(token))


def token_digest(token: str) -> str:
    """What is stored instead of a token: its SHA-256 (tokens are random, so no salt is needed)."""
    return hashlib.sha256(token.encode()).hexdigest()


def digests_match(a: str, b: str) -> bool:
    return hmac.compare_digest(a, b)
