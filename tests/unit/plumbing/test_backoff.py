"""Restart delays: doubling from half a second to a cap, started over after a stable run."""

from __future__ import annotations

from runtime.backoff import Backoff


def test_delays_double_up_to_the_cap() -> None:
    backoff = Backoff(initial=0.5, cap=30.0, stable=60.0)
    delays = [backoff.delay_after(uptime=1.0) for _ in range(9)]
    assert delays == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]
    assert backoff.attempts == 9


def test_stable_uptime_starts_over_and_a_short_one_does_not() -> None:
    backoff = Backoff(initial=0.5, cap=30.0, stable=60.0)
    assert [backoff.delay_after(uptime=5.0) for _ in range(3)] == [0.5, 1.0, 2.0]
    assert backoff.delay_after(uptime=59.9) == 4.0
    assert backoff.delay_after(uptime=60.0) == 0.5
    assert backoff.attempts == 1
    assert backoff.delay_after(uptime=0.0) == 1.0


def test_a_first_failure_waits_the_first_delay_whatever_the_uptime() -> None:
    assert Backoff().delay_after(uptime=0.0) == 0.5
    assert Backoff().delay_after(uptime=3600.0) == 0.5


def test_thousands_of_failures_stay_at_the_cap() -> None:
    backoff = Backoff(cap=30.0)
    assert [backoff.delay_after(uptime=0.0) for _ in range(5000)][-1] == 30.0
