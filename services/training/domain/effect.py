"""A programme's effect: violation rates before and after training, across verified agents."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from statistics import fmean
from typing import Any


def programme_effect(verifications: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Counts per outcome, and the mean rates over agents whose outcome has both rates."""
    decided = [v for v in verifications if v.get("outcome") not in (None, "pending")]
    rated = [
        v
        for v in decided
        if v["outcome"] != "insufficient_data"
        and v.get("rate_before") is not None
        and v.get("rate_after") is not None
    ]
    before = round(fmean(v["rate_before"] for v in rated), 4) if rated else None
    after = round(fmean(v["rate_after"] for v in rated), 4) if rated else None
    return {
        "agents_evaluated": len(decided),
        "verified": sum(1 for v in decided if v["outcome"] == "verified"),
        "ineffective": sum(1 for v in decided if v["outcome"] == "ineffective"),
        "insufficient_data": sum(1 for v in decided if v["outcome"] == "insufficient_data"),
        "rate_before": before,
        "rate_after": after,
        "change": round(after - before, 4) if before is not None and after is not None else None,
    }


def stage(
    status: str,
    assignments: Iterable[Mapping[str, Any]],
    verifications: Iterable[Mapping[str, Any]],
) -> str:
    """Where a programme is in the loop: draft, published, in_training (someone passed),
    verifying (an agent's verification was asked), evaluated (an outcome came back)."""
    if status != "published":
        return status
    outcomes = [v.get("outcome") for v in verifications]
    if any(outcome not in (None, "pending") for outcome in outcomes):
        return "evaluated"
    if outcomes:
        return "verifying"
    if any(a.get("status") == "completed" for a in assignments):
        return "in_training"
    return "published"
