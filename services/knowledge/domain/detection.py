"""Which (rule code, category) groups of findings cross the proposal threshold (pure).

A group crosses when, in the window, at least `min_count` distinct calls have a finding of the
rule, and those calls are at least `min_share` of the calls inspected in the same category
(category None: calls without a work-order category). The counts are facts read from the read
model by the detection job; the decisions here take them as plain values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from contracts.knowledge import FindingRef


@dataclass(frozen=True)
class Thresholds:
    min_count: int = 5
    min_share: float = 0.05
    window: timedelta = timedelta(days=7)

    def __post_init__(self) -> None:
        if self.min_count < 1 or not 0 <= self.min_share <= 1 or self.window <= timedelta(0):
            raise ValueError(f"invalid knowledge thresholds: {self}")

    def window_ending(self, now: datetime) -> tuple[datetime, datetime]:
        """The rolling window [now - window, now)."""
        return now - self.window, now


@dataclass(frozen=True)
class GroupCount:
    rule_code: str
    category: str | None
    calls: int


@dataclass(frozen=True)
class Crossing:
    rule_code: str
    category: str | None
    calls: int
    inspected: int
    share: float


def share_of(calls: int, inspected: int) -> float:
    """The share of inspected calls; a finding's call counts as inspected even if the
    inspection's own event has not arrived yet."""
    denominator = max(calls, inspected)
    return round(calls / denominator, 4) if denominator else 0.0


def crossing_groups(
    counts: Iterable[GroupCount],
    inspected: Mapping[str | None, int],
    thresholds: Thresholds,
) -> list[Crossing]:
    crossings = []
    for group in counts:
        total = inspected.get(group.category, 0)
        share = share_of(group.calls, total)
        if group.calls >= thresholds.min_count and share >= thresholds.min_share:
            crossings.append(
                Crossing(
                    group.rule_code, group.category, group.calls, max(total, group.calls), share
                )
            )
    return sorted(crossings, key=lambda c: (c.rule_code, c.category or ""))


@dataclass(frozen=True)
class GroupFindings:
    """One group's findings in [start, end), as the read model counted them: what opening a
    threshold proposal decides on, and its evidence (the group's latest findings)."""

    count: GroupCount
    inspected: int
    start: datetime
    end: datetime
    evidence: tuple[FindingRef, ...] = ()

    def crossing(self, thresholds: Thresholds) -> Crossing | None:
        """The group's crossing, if it crosses the thresholds."""
        inspected = {self.count.category: self.inspected}
        crossings = crossing_groups([self.count], inspected, thresholds)
        return crossings[0] if crossings else None
