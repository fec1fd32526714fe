"""Failed-login throttling per account and per client, kept in Redis.

Counting failures for unknown e-mail addresses too means a throttled response never tells an
attacker whether an account exists.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from redis.asyncio import Redis

from doorstep.core.errors import TooManyRequests


@dataclass(frozen=True)
class LoginThrottle:
    redis: Redis
    per_account: int
    per_client: int
    window_seconds: int

    def _keys(self, audience: str, account: str, client: str) -> tuple[str, str]:
        account_key = hashlib.sha256(f"{audience}:{account.lower()}".encode()).hexdigest()
        return f"doorstep:login-fail:account:{account_key}", f"doorstep:login-fail:client:{client}"

    async def check(self, audience: str, account: str, client: str) -> None:
        account_key, client_key = self._keys(audience, account, client)
        account_failures, client_failures = await self.redis.mget(account_key, client_key)
        if int(account_failures or 0) >= self.per_account:
            raise TooManyRequests(await self._retry_after(account_key))
        if int(client_failures or 0) >= self.per_client:
            raise TooManyRequests(await self._retry_after(client_key))

    async def record_failure(self, audience: str, account: str, client: str) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            for key in self._keys(audience, account, client):
                # The window starts at the first failure: SET NX EX creates the counter with its
                # expiry, INCR keeps it. (EXPIRE ... NX says the same but needs Redis 7, and the
                # embedded server is 6.2.)
                pipe.set(key, 0, ex=self.window_seconds, nx=True)
                pipe.incr(key)
            await pipe.execute()

    async def record_success(self, audience: str, account: str, client: str) -> None:
        account_key, _ = self._keys(audience, account, client)
        await self.redis.delete(account_key)

    async def _retry_after(self, key: str) -> int:
        ttl = int(await self.redis.ttl(key))
        return ttl if ttl > 0 else self.window_seconds
