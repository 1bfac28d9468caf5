"""Time as a dependency: services read the clock they are given, so tests can move weeks in
seconds while production code reads the system clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class AcceleratedClock:
    """Time that runs `speed` times faster than the system clock after `since`: a demo sees
    weekly windows and six-week follow-ups pass in minutes. Processes given the same `since`
    read the same time."""

    def __init__(self, speed: float, since: datetime | None = None) -> None:
        self.speed = speed
        self.since = since or datetime.now(UTC)

    def now(self) -> datetime:
        return self.since + (datetime.now(UTC) - self.since) * self.speed


class ManualClock:
    """A clock that moves only when told to (tests, demos)."""

    def __init__(self, start: datetime) -> None:
        self._now = start

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> datetime:
        self._now += delta
        return self._now


def clock_for(speed: float, since: datetime | None = None) -> Clock:
    """The system clock, or an accelerated one when `speed` (QA_CLOCK_SPEED) is not 1,
    counting from `since` (QA_CLOCK_SINCE)."""
    return SystemClock() if speed == 1 else AcceleratedClock(speed, since)
