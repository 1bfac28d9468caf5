"""Exponential backoff between restarts, the same for a service's workers and `qa run`'s
children."""

from __future__ import annotations

MAX_EXPONENT = 32


class Backoff:
    """Delays of `initial`, doubling up to `cap`. A failure after `stable` seconds up starts
    again from `initial`: an old crash should not delay the next restart."""

    def __init__(
        self, initial: float = 0.5, cap: float = 30.0, factor: float = 2.0, stable: float = 60.0
    ) -> None:
        self.initial = initial
        self.cap = cap
        self.factor = factor
        self.stable = stable
        self.attempts = 0

    def delay_after(self, uptime: float) -> float:
        """The wait before restarting something that failed after `uptime` seconds up."""
        if uptime >= self.stable:
            self.attempts = 0
        delay = min(self.cap, self.initial * self.factor ** min(self.attempts, MAX_EXPONENT))
        self.attempts += 1
        return delay
