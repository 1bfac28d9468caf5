"""The review (复盘) after the follow-up: the agent's rate before the plan against after it."""

from __future__ import annotations

from contracts.api.coaching import Outcome
from contracts.comparison import Counts, compare


def judge(before: Counts, after: Counts) -> Outcome:
    """No calls after the plan shows no improvement: the plan is escalated for a person."""
    return "improved" if compare(before, after) == "improved" else "not_improved"


def not_improved_note(before: Counts, after: Counts) -> str:
    """Why a follow-up plan was opened, as its note says."""

    def rate(counts: Counts) -> str:
        return "n/a" if counts.rate is None else f"{counts.rate:.2f}"

    return (
        f"not improved (rate {rate(before)} on {before.calls} calls before, "
        f"{rate(after)} on {after.calls} after)"
    )
