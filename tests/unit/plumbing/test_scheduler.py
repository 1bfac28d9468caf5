"""The scheduler runs every job at its clock's time, and one failing job spares the others."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from runtime.clock import AcceleratedClock, ManualClock, clock_for
from runtime.scheduler import Scheduler

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_jobs_see_the_clock_time_and_failures_are_isolated() -> None:
    clock = ManualClock(START)
    seen: list[datetime] = []

    def broken(now: datetime) -> None:
        raise RuntimeError("boom")

    scheduler = Scheduler(clock)
    scheduler.add("broken", broken)
    scheduler.add("record", seen.append)
    scheduler.run_due()
    clock.advance(timedelta(weeks=6))
    scheduler.run_due()
    assert seen == [START, START + timedelta(weeks=6)]


def test_an_accelerated_clock_runs_faster_from_its_start() -> None:
    clock = AcceleratedClock(speed=86_400, since=START)
    assert clock.now() - START > (datetime.now(UTC) - START) * 86_000
    assert clock_for(1).now().tzinfo is not None
    assert isinstance(clock_for(2), AcceleratedClock)
