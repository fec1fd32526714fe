"""Failed-login throttling, kept in Redis: slow a guesser down without locking the owner out.

Three budgets of failed attempts, each over a window:

* per account *and* client: small (5). A guesser at one address waits once it is spent, and
  waits twice as long each time it is spent again (the backoff), while the owner at another
  address signs in as usual;
* per account across all clients: much larger (100), against a guess spread over many
  addresses; only then does everyone wait for that account;
* per client across all accounts (30), against one address spraying many accounts.

An attempt is *reserved* before its password is checked, in one Redis script (atomic): of 50
wrong passwords sent at once for one account, only the budget's worth are ever checked. A
success gives its reservation back and clears the account-and-client budget; a failure keeps
it. Counting unknown e-mail addresses the same way means a throttled answer never tells an
attacker whether an account exists.

Only Redis 6.2 commands are used (the embedded server of ``doorstep run`` is 6.2).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from redis.asyncio import Redis

from doorstep.core.errors import TooManyRequests

# KEYS: pair (account+client), account, client, pair strikes.
# ARGV: pair limit, account limit, client limit, window seconds, longest wait seconds.
# Refuses (returns the seconds to wait) when any budget is spent; otherwise takes one attempt
# from each. Taking the pair's last attempt is a strike: the pair then waits window x 2^(n-1)
# for its n-th strike, capped; strikes are forgotten a longest-wait after the last.
_RESERVE = """
local limits = {tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])}
local window = tonumber(ARGV[4])
local longest = tonumber(ARGV[5])
local wait = 0
for i = 1, 3 do
  if tonumber(redis.call('GET', KEYS[i]) or '0') >= limits[i] then
    local ttl = redis.call('TTL', KEYS[i])
    if ttl < 1 then ttl = window end
    if ttl > wait then wait = ttl end
  end
end
if wait > 0 then return wait end
for i = 1, 3 do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('EXPIRE', KEYS[i], window) end
end
if tonumber(redis.call('GET', KEYS[1])) >= limits[1] then
  local strikes = redis.call('INCR', KEYS[4])
  redis.call('EXPIRE', KEYS[4], longest)
  local block = window * 2 ^ (strikes - 1)
  if block > longest then block = longest end
  redis.call('EXPIRE', KEYS[1], math.floor(block))
end
return 0
"""

# KEYS: pair, account, client, pair strikes. A success: the pair starts afresh, and the
# account's and client's budgets get their reserved attempt back (never below zero, never
# recreating a counter that has expired meanwhile).
_RELEASE = """
redis.call('DEL', KEYS[1], KEYS[4])
for i = 2, 3 do
  local used = tonumber(redis.call('GET', KEYS[i]) or '0')
  if used > 0 then redis.call('DECR', KEYS[i]) end
end
return 0
"""

# KEYS: the counter. ARGV: window seconds. One more failure, counted from the first.
_COUNT = """
local used = redis.call('INCR', KEYS[1])
if used == 1 then redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1])) end
return used
"""

# However often a pair has spent its budget, it never waits longer than this.
LONGEST_WAIT_SECONDS = 24 * 3600


async def count_failure(redis: Redis, key: str, window_seconds: int) -> int:
    """Count one failure under ``key``, whose window starts at its first failure (what
    ``EXPIRE NX`` does on Redis 7, done in a script for Redis 6.2)."""
    return int(await redis.eval(_COUNT, 1, key, str(window_seconds)))  # type: ignore[misc]


@dataclass(frozen=True)
class LoginThrottle:
    redis: Redis
    per_account_and_client: int
    per_account: int
    per_client: int
    window_seconds: int

    def _keys(self, audience: str, account: str, client: str) -> list[str]:
        account_id = hashlib.sha256(f"{audience}:{account.lower()}".encode()).hexdigest()
        client_id = hashlib.sha256(client.encode()).hexdigest()
        pair_id = hashlib.sha256(f"{account_id}:{client_id}".encode()).hexdigest()
        prefix = "doorstep:login-fail"
        return [
            f"{prefix}:pair:{pair_id}",
            f"{prefix}:account:{account_id}",
            f"{prefix}:client:{client_id}",
            f"{prefix}:strikes:{pair_id}",
        ]

    async def reserve(self, audience: str, account: str, client: str) -> None:
        """Take one attempt from every budget before the password is checked, or raise
        :class:`TooManyRequests` saying how long to wait when one is spent."""
        wait = await self.redis.eval(  # type: ignore[misc]
            _RESERVE,
            4,
            *self._keys(audience, account, client),
            *(
                str(number)
                for number in (
                    self.per_account_and_client,
                    self.per_account,
                    self.per_client,
                    self.window_seconds,
                    max(LONGEST_WAIT_SECONDS, self.window_seconds),
                )
            ),
        )
        if int(wait) > 0:
            raise TooManyRequests(int(wait))

    async def release(self, audience: str, account: str, client: str) -> None:
        """The reserved attempt was not a wrong password (it signed in): give it back."""
        await self.redis.eval(_RELEASE, 4, *self._keys(audience, account, client))  # type: ignore[misc]


@dataclass(frozen=True)
class WindowBudget:
    """A number of events per window for one thing (a client address, an e-mail address),
    counted in Redis from the first event of the window (Redis 6.2 safe: ``count_failure``'s
    script). Used by the public account routes: reset requests and unknown link tokens."""

    redis: Redis
    name: str
    limit: int
    window_seconds: int

    def _key(self, who: str) -> str:
        return f"doorstep:{self.name}:{hashlib.sha256(who.lower().encode()).hexdigest()}"

    async def _wait(self, key: str) -> int:
        ttl = int(await self.redis.ttl(key))
        return ttl if ttl > 0 else self.window_seconds

    async def check(self, who: str) -> None:
        """Raise :class:`TooManyRequests` when the budget is spent (nothing is counted)."""
        key = self._key(who)
        if int(await self.redis.get(key) or 0) >= self.limit:
            raise TooManyRequests(await self._wait(key))

    async def record(self, who: str) -> None:
        await count_failure(self.redis, self._key(who), self.window_seconds)

    async def spend(self, who: str) -> bool:
        """Count one event, atomically; False when it went over the budget."""
        return await count_failure(self.redis, self._key(who), self.window_seconds) <= self.limit

    async def take(self, who: str) -> None:
        """Count one event, or raise :class:`TooManyRequests` when it went over the budget."""
        if not await self.spend(who):
            raise TooManyRequests(await self._wait(self._key(who)))
