"""Monthly selection and the repeated-failure rule: pure functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from services.coaching.config import CoachingConfig
from services.coaching.domain.months import month_span, previous_month
from services.coaching.domain.selection import (
    AgentMonth,
    Criteria,
    Violation,
    repeated_failures,
    select,
)

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def month(agent: str, **figures: float | int | None) -> AgentMonth:
    values: dict[str, Any] = {"calls": 20, "pass_rate": 0.95, "csat": 4.5}
    values.update(figures)
    return AgentMonth(agent_id=agent, team_id="T01", **values)


def test_selects_agents_below_pass_rate_or_csat_only() -> None:
    chosen = select(
        [month("A-OK"), month("A-QA", pass_rate=0.5), month("A-CSAT", csat=2.9)], Criteria()
    )
    assert [c.figures.agent_id for c in chosen] == ["A-CSAT", "A-QA"]
    assert chosen[1].reasons == ["pass_rate 0.50 < 0.80"]


def test_too_few_calls_are_not_judged() -> None:
    assert select([month("A-NEW", calls=9, pass_rate=0.0)], Criteria()) == []


def test_optional_handling_time_and_fcr_criteria() -> None:
    slow = month("A-SLOW", aht_seconds=400.0, fcr=0.5)
    assert select([slow], Criteria()) == []
    chosen = select([slow], Criteria(max_aht_seconds=300, min_fcr=0.6))
    assert chosen[0].reasons == ["fcr 0.50 < 0.60", "aht_seconds 400 > 300"]


def test_missing_measures_do_not_select() -> None:
    assert select([month("A-X", pass_rate=None, csat=None)], Criteria()) == []


def test_config_from_env() -> None:
    config = CoachingConfig.from_env(
        {"QA_COACHING_MIN_PASS_RATE": "0.9", "QA_COACHING_MAX_AHT_SECONDS": "240",
         "QA_COACHING_FOLLOW_UP_WEEKS": "4", "QA_COACHING_REPEAT_COUNT": "5"}
    )  # fmt: skip
    assert config.criteria == Criteria(min_pass_rate=0.9, max_aht_seconds=240)
    assert config.follow_up == timedelta(weeks=4)
    assert config.repeat_count == 5
    assert CoachingConfig.from_env({}).criteria == Criteria()
    assert CoachingConfig.from_env({"QA_COACHING_MIN_CALLS": "0"}).criteria.min_calls == 0


def v(agent: str, rule: str, call: str, days_ago: float) -> Violation:
    return Violation(agent, rule, call, NOW - timedelta(days=days_ago))


def test_same_rule_on_three_calls_within_fourteen_days() -> None:
    violations = [
        v("A1", "R1", "c1", 1),
        v("A1", "R1", "c2", 5),
        v("A1", "R1", "c3", 13),
        v("A1", "R2", "c1", 1),
        v("A2", "R1", "d1", 1),
        v("A2", "R1", "d2", 2),
        v("A2", "R1", "d3", 15),
    ]
    found = repeated_failures(violations, NOW, 3)
    assert [(f.agent_id, f.rule_codes) for f in found] == [("A1", ["R1"])]
    assert found[0].call_ids == ["c3", "c2", "c1"]
    assert found[0].last_call_at == NOW - timedelta(days=1)


def test_same_call_twice_counts_once_and_seen_calls_do_not_count() -> None:
    violations = [v("A1", "R1", "c1", 1), v("A1", "R1", "c1", 1), v("A1", "R1", "c2", 2)]
    assert repeated_failures(violations, NOW, 3) == []
    three = [*violations, v("A1", "R1", "c3", 3)]
    assert len(repeated_failures(three, NOW, 3)) == 1
    seen = {"A1": NOW - timedelta(days=1)}
    assert repeated_failures(three, NOW, 3, seen_until=seen) == []


def test_previous_month_in_local_time() -> None:
    zone = ZoneInfo("Asia/Shanghai")
    start, end, label = previous_month(datetime(2026, 11, 30, 17, 0, tzinfo=UTC), zone)
    assert label == "2026-11"
    assert (start.month, start.day, end.month, end.day) == (11, 1, 12, 1)
    assert previous_month(datetime(2026, 1, 15, tzinfo=UTC), zone)[2] == "2025-12"


def test_month_span_in_local_time() -> None:
    zone = ZoneInfo("Asia/Shanghai")
    start, end = month_span("2026-12", zone)
    assert (start, end) == (datetime(2026, 12, 1, tzinfo=zone), datetime(2027, 1, 1, tzinfo=zone))
