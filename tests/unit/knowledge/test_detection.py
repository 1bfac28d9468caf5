"""Which (rule code, category) groups cross the proposal threshold."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.knowledge.config import thresholds_from
from services.knowledge.domain.detection import (
    Crossing,
    GroupCount,
    Thresholds,
    crossing_groups,
    share_of,
)

T = Thresholds()


def test_a_group_crosses_on_count_and_share() -> None:
    counts = [GroupCount("R1", "市政", 5), GroupCount("R2", "市政", 4)]
    assert crossing_groups(counts, {"市政": 50}, T) == [Crossing("R1", "市政", 5, 50, 0.1)]


def test_a_small_share_of_many_calls_does_not_cross() -> None:
    assert crossing_groups([GroupCount("R1", "市政", 9)], {"市政": 1000}, T) == []


def test_categories_are_counted_apart_and_none_is_its_own_category() -> None:
    counts = [GroupCount("R1", None, 5), GroupCount("R1", "教育", 5)]
    crossed = crossing_groups(counts, {None: 20, "教育": 500}, T)
    assert [(c.rule_code, c.category, c.share) for c in crossed] == [("R1", None, 0.25)]


def test_findings_whose_inspection_has_not_arrived_count_as_inspected() -> None:
    assert share_of(6, 0) == 1.0
    assert crossing_groups([GroupCount("R1", None, 6)], {}, T)[0].inspected == 6


def test_the_window_ends_now() -> None:
    now = datetime(2026, 11, 22, tzinfo=UTC)
    assert T.window_ending(now) == (now - timedelta(days=7), now)


def test_thresholds_come_from_the_environment() -> None:
    env = {
        "QA_KNOWLEDGE_MIN_COUNT": "3",
        "QA_KNOWLEDGE_MIN_SHARE": "0.2",
        "QA_KNOWLEDGE_WINDOW_DAYS": "14",
    }
    assert thresholds_from(env) == Thresholds(3, 0.2, timedelta(days=14))
    assert thresholds_from({}) == Thresholds()


@pytest.mark.parametrize("bad", [{"min_count": 0}, {"min_share": 1.5}, {"window": timedelta(0)}])
def test_nonsense_thresholds_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="thresholds"):
        Thresholds(**bad)  # type: ignore[arg-type]
