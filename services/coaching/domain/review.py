"""The review (复盘) after the follow-up: the agent's rate before the plan against after it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Outcome = Literal["improved", "not_improved"]


@dataclass(frozen=True)
class Counts:
    """Inspected calls in a window, and how many of them count against the agent."""

    calls: int
    violating: int

    @property
    def rate(self) -> float | None:
        return self.violating / self.calls if self.calls else None


def judge(before: Counts, after: Counts) -> Outcome:
    """Improved when calls followed the plan and the rate fell (or nothing is left to fix).

    No calls after the plan shows no improvement: the plan is escalated for a person to look at.
    """
    rate_after = after.rate
    if rate_after is None:
        return "not_improved"
    if rate_after == 0 or (before.rate is not None and rate_after < before.rate):
        return "improved"
    return "not_improved"
