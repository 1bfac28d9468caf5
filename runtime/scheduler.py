"""Periodic jobs of a service (weekly windows, follow-ups), each run as one of its workers.

A job receives the time of the service's clock and must be idempotent: it may run again for
the same moment after a restart, and it decides from that time, not from how often it runs.
A job that fails is restarted by the supervisor, with backoff, like any worker.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime

from nats.aio.client import Client

from runtime.clock import Clock

JobRun = Callable[[datetime], Awaitable[object]]


def every(seconds: float, clock: Clock, job: JobRun) -> Callable[[Client], Awaitable[None]]:
    """A worker that runs `job` at the clock's time, then waits `seconds`, for ever."""

    async def run(_: Client) -> None:
        while True:
            await job(clock.now())
            await asyncio.sleep(seconds)

    return run
