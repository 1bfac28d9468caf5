"""A periodic job runs at its clock's time; accelerated clocks run faster from their start."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from runtime.clock import AcceleratedClock, ManualClock, clock_for
from runtime.scheduler import every

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


async def test_a_job_sees_the_clock_time_each_time_it_runs() -> None:
    clock = ManualClock(START)
    seen: list[datetime] = []
    enough = asyncio.Event()

    async def record(now: datetime) -> None:
        seen.append(now)
        clock.advance(timedelta(weeks=6))
        if len(seen) == 2:
            enough.set()

    worker: asyncio.Task[None] = asyncio.create_task(every(0, clock, record)(None))  # type: ignore[arg-type]
    await asyncio.wait_for(enough.wait(), 5)
    worker.cancel()
    with pytest.raises(asyncio.CancelledError):
        await worker
    assert seen[:2] == [START, START + timedelta(weeks=6)]


def test_an_accelerated_clock_runs_faster_from_its_start() -> None:
    clock = AcceleratedClock(speed=86_400, since=START)
    assert clock.now() - START > (datetime.now(UTC) - START) * 86_000
    assert clock_for(1).now().tzinfo is not None
    assert isinstance(clock_for(2), AcceleratedClock)
