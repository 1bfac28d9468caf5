"""Periodic jobs of a service (weekly windows, follow-ups), run as one of its workers.

A job receives the time of the service's clock and must be idempotent: it may run again for
the same moment after a restart, and it decides from that time, not from how often it runs.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from nats.aio.client import Client

from runtime.clock import Clock

log = logging.getLogger(__name__)

Job = Callable[[datetime], object]
AsyncJob = Callable[[datetime], Awaitable[object]]


class Scheduler:
    def __init__(self, clock: Clock, interval_seconds: float = 60.0) -> None:
        self.clock = clock
        self.interval_seconds = interval_seconds
        self.jobs: list[tuple[str, Job]] = []
        self.async_jobs: list[tuple[str, AsyncJob]] = []

    def add(self, name: str, job: Job) -> None:
        """A blocking job: it runs in a thread."""
        self.jobs.append((name, job))

    def add_async(self, name: str, job: AsyncJob) -> None:
        """A job that awaits its I/O: it runs on the event loop."""
        self.async_jobs.append((name, job))

    def run_due(self) -> None:
        """Run every job once, at the clock's time; a failing job does not stop the others."""
        now = self.clock.now()
        for name, job in self.jobs:
            try:
                job(now)
            except Exception:
                log.exception("scheduled job %s failed at %s", name, now.isoformat())

    async def run_all(self) -> None:
        """Every job once: the blocking ones in a thread, then the asynchronous ones."""
        await asyncio.to_thread(self.run_due)
        now = self.clock.now()
        for name, job in self.async_jobs:
            try:
                await job(now)
            except Exception:
                log.exception("scheduled job %s failed at %s", name, now.isoformat())

    async def run(self, nc: Client) -> None:
        """The worker: run every job, then wait an interval, for ever."""
        while True:
            await self.run_all()
            await asyncio.sleep(self.interval_seconds)
