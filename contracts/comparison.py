"""Before and after: did an agent's violation rate fall? One judgement, used by inspection to
verify training and by coaching to review a plan, so both read "improved" the same way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Change = Literal["improved", "not_improved", "no_calls_after"]


@dataclass(frozen=True)
class Counts:
    """An agent's inspected calls in a window, and how many of them violate the rules at issue."""

    calls: int
    violating: int

    @property
    def rate(self) -> float | None:
        return self.violating / self.calls if self.calls else None


def compare(before: Counts, after: Counts) -> Change:
    """Improved when calls followed and the rate fell, or no violation is left."""
    rate_after = after.rate
    if rate_after is None:
        return "no_calls_after"
    if rate_after == 0 or (before.rate is not None and rate_after < before.rate):
        return "improved"
    return "not_improved"
