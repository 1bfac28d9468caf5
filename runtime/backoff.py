"""Exponential backoff between retries, the same for workers and for `qa run`'s children."""

from __future__ import annotations


class Backoff:
    """Delays of `initial`, doubling up to `cap`; `reset` after a success starts again."""

    def __init__(self, initial: float = 0.5, cap: float = 30.0, factor: float = 2.0) -> None:
        self.initial = initial
        self.cap = cap
        self.factor = factor
        self.attempts = 0

    def next_delay(self) -> float:
        delay = min(self.cap, self.initial * self.factor**self.attempts)
        self.attempts += 1
        return delay

    def reset(self) -> None:
        self.attempts = 0
