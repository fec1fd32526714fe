"""The production worker's jobs, start-up and shutdown without its cron tick, for the
crash-safety test: the test ticks itself at the instants it walks, and a tick at the machine's
real minute would only add noise. Run as ``python -m arq
tests.recurring.crash_worker.CrashWorkerSettings``."""

from __future__ import annotations

from typing import Any, ClassVar

from doorstep.worker import WorkerSettings


class CrashWorkerSettings:
    functions: ClassVar[list[Any]] = WorkerSettings.functions
    on_startup = WorkerSettings.on_startup
    on_shutdown = WorkerSettings.on_shutdown
    redis_settings = WorkerSettings.redis_settings
    max_jobs = WorkerSettings.max_jobs
    poll_delay = 0.1
