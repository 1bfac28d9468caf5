"""The review (复盘) after the follow-up: the agent's rate before the plan against after it."""

from __future__ import annotations

from typing import Literal

from contracts.comparison import Counts, compare

Outcome = Literal["improved", "not_improved"]


def judge(before: Counts, after: Counts) -> Outcome:
    """No calls after the plan shows no improvement: the plan is escalated for a person."""
    return "improved" if compare(before, after) == "improved" else "not_improved"
