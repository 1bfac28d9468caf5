"""Timing operators, work-order operators and three-valued logic."""

from __future__ import annotations

from typing import Any

from contracts.rulelang.engine import compile_rules
from tests.unit.rules_engine.builders import call_of, outcome, rule_of, status

TIMED = call_of(
    ("agent", "您好，请讲", 0, 2000),
    ("customer", "我要反映一个问题就是楼下很吵", 2500, 6000),
    ("agent", "好的", 5000, 5500),
    ("customer", "晚上十点以后还在施工", 6000, 9000),
    ("agent", "我记录一下", 21000, 23000),
)
UNTIMED = call_of(("agent", "您好"), ("customer", "你好"))


def test_silence_names_the_gap() -> None:
    result = outcome({"op": "silence", "role": "agent", "min_ms": 10_000}, TIMED)
    (hit,) = result.evidence
    assert (hit.utterance_index, hit.start_ms, hit.end_ms) == (4, 9000, 21000)
    assert status({"op": "silence", "role": "customer", "min_ms": 10_000}, TIMED) == "passed"


def test_interruption_is_talking_over_the_other_side() -> None:
    result = outcome({"op": "interruption", "role": "agent", "min_overlap_ms": 500}, TIMED)
    assert [hit.utterance_index for hit in result.evidence] == [2]
    assert status({"op": "interruption", "min_overlap_ms": 1000}, TIMED) == "passed"


def test_speech_rate_counts_characters_per_minute_of_the_role() -> None:
    agent_chars = len("您好请讲") + len("好的") + len("我记录一下")
    rate = agent_chars * 60_000 / (2000 + 500 + 2000)
    assert status({"op": "speech_rate", "min_cpm": rate + 1}, TIMED) == "violated"
    assert status({"op": "speech_rate", "min_cpm": rate - 1, "max_cpm": rate + 1}, TIMED) == (
        "passed"
    )


def test_call_duration_prefers_the_declared_duration() -> None:
    assert status({"op": "call_duration", "min_ms": 30_000}, TIMED) == "violated"
    assert status({"op": "call_duration", "min_ms": 30_000}, UNTIMED) == "not_applicable"
    long = call_of(("agent", "您好"), duration_ms=40_000)
    assert status({"op": "call_duration", "min_ms": 30_000}, long) == "passed"


def test_timing_rules_are_not_applicable_without_timestamps() -> None:
    for condition in (
        {"op": "silence", "min_ms": 1},
        {"op": "speech_rate", "max_cpm": 1},
        {"op": "interruption"},
    ):
        assert status(condition, UNTIMED) == "not_applicable", condition


ORDER: dict[str, Any] = {
    "category": "市政设施",
    "department": "教育局",
    "content": "路灯损坏",
    "created_at": "2026-11-20T09:05:00+08:00",
    "dispatched_at": "2026-11-20T12:05:00+08:00",
    "district": " ",
}


def test_work_order_checks() -> None:
    call = call_of(("agent", "您好"), work_order=ORDER)
    required = {"op": "wo_required_fields", "fields": ["category", "content", "district"]}
    result = outcome(required, call)
    assert result.status == "violated"
    assert "district" in str(result.evidence[0].note)
    valid = {"op": "wo_category_valid", "categories": ["市政设施", "教育"]}
    assert status(valid, call) == "passed"
    mapping = {"op": "wo_department_mapping", "mapping": {"市政设施": ["城管局"]}}
    assert status(mapping, call) == "violated"
    assert status({"op": "wo_dispatch_sla", "max_minutes": 120}, call) == "violated"
    assert status({"op": "wo_dispatch_sla", "max_minutes": 180}, call) == "passed"


def test_work_order_checks_without_a_work_order_are_not_applicable() -> None:
    for condition in (
        {"op": "wo_required_fields", "fields": ["category"]},
        {"op": "wo_category_valid", "categories": ["教育"]},
        {"op": "wo_department_mapping", "mapping": {"教育": ["教育局"]}},
        {"op": "wo_dispatch_sla", "max_minutes": 60},
    ):
        assert status(condition, UNTIMED) == "not_applicable", condition
    pending = call_of(("agent", "您好"), work_order={"category": "教育"})
    assert status({"op": "wo_dispatch_sla", "max_minutes": 60}, pending) == "not_applicable"


def test_unknown_only_decides_when_the_known_parts_do_not() -> None:
    timed_only = {"op": "silence", "min_ms": 1}
    said = {"op": "keywords", "words": ["您好"]}
    unsaid = {"op": "keywords", "words": ["再见"]}
    assert status({"op": "and", "conditions": [timed_only, unsaid]}, UNTIMED) == "passed"
    assert status({"op": "and", "conditions": [timed_only, said]}, UNTIMED) == "not_applicable"
    assert status({"op": "or", "conditions": [timed_only, said]}, UNTIMED) == "violated"
    assert status({"op": "or", "conditions": [timed_only, unsaid]}, UNTIMED) == "not_applicable"
    assert status({"op": "not", "condition": timed_only}, UNTIMED) == "not_applicable"


def test_a_rule_for_other_call_stages_is_not_applicable() -> None:
    rule = rule_of({"op": "keywords", "words": ["您好"]}, applies_to=["callback"])
    engine = compile_rules([rule])
    (acceptance,) = engine.evaluate(call_of(("agent", "您好"), stage="acceptance"))
    (callback,) = engine.evaluate(call_of(("agent", "您好"), stage="callback"))
    assert (acceptance.status, callback.status) == ("not_applicable", "violated")
