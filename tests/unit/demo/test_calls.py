"""The demo's built-in sample calls: valid calls, judged by the default rule pack as meant."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from contracts.call import Call
from contracts.rulelang.engine import CompiledRuleSet, compile_rules
from demo.calls import (
    BANNED,
    BANNED_PHRASE,
    BUCK,
    BUCK_PASSING,
    CATEGORY,
    GOOD,
    WEEK_PATTERNS,
    Template,
    calls_for,
    make_call,
    week_of_calls,
)
from services.rules.pack import load_default_pack

END = datetime(2026, 11, 23, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def engine() -> CompiledRuleSet:
    return compile_rules(load_default_pack().rules)


def violated(engine: CompiledRuleSet, body: dict[str, object]) -> set[str]:
    call = Call.model_validate(body)
    return {o.rule_code for o in engine.evaluate(call) if o.status == "violated"}


@pytest.mark.parametrize("template", GOOD, ids=lambda t: t.topic)
def test_a_good_call_violates_nothing(engine: CompiledRuleSet, template: Template) -> None:
    assert violated(engine, make_call("DEMO-G", "D1", template, END)) == set()


@pytest.mark.parametrize("template", BUCK, ids=lambda t: t.topic)
def test_a_bad_call_passes_the_buck_with_banned_phrases(
    engine: CompiledRuleSet, template: Template
) -> None:
    found = violated(engine, make_call("DEMO-B", "D2", template, END))
    assert {BUCK_PASSING, BANNED_PHRASE} <= found
    assert template.category == CATEGORY


@pytest.mark.parametrize("template", BANNED, ids=lambda t: t.topic)
def test_a_banned_phrase_call_does_not_pass_the_buck(
    engine: CompiledRuleSet, template: Template
) -> None:
    assert violated(engine, make_call("DEMO-P", "G2", template, END)) == {BANNED_PHRASE}


def test_the_week_is_valid_calls_before_its_end_with_d1_and_d2_passing_the_buck(
    engine: CompiledRuleSet,
) -> None:
    week = week_of_calls("DEMO-W", END)
    calls = [Call.model_validate(body) for body in week]
    assert len(calls) == sum(len(pattern) for pattern in WEEK_PATTERNS.values())
    assert len({call.call_id for call in calls}) == len(calls)
    assert all(END - timedelta(days=7) <= call.started_at < END for call in calls)
    assert [call.started_at for call in calls] == sorted(call.started_at for call in calls)
    buck = Counter(call.agent_id for call in calls if BUCK_PASSING in _violated(engine, call))
    assert buck == {"D1": WEEK_PATTERNS["D1"].count("B"), "D2": WEEK_PATTERNS["D2"].count("B")}
    assert buck["D1"] > len(WEEK_PATTERNS["D1"]) / 2
    assert {call.team_id for call in calls if call.agent_id in buck} == {"T2"}


def test_calls_for_follows_the_pattern_in_time() -> None:
    calls = calls_for("DEMO-L", "D1", "GGB", END, timedelta(hours=6))
    assert [call["call_id"] for call in calls] == ["DEMO-L-D1-01", "DEMO-L-D1-02", "DEMO-L-D1-03"]
    assert [Call.model_validate(c).started_at - END for c in calls] == [
        timedelta(0),
        timedelta(hours=6),
        timedelta(hours=12),
    ]
    assert calls[0]["segments"] != calls[1]["segments"]  # the good templates take turns
    assert calls[2]["survey"] == {"satisfaction": 1, "resolved": False}


def _violated(engine: CompiledRuleSet, call: Call) -> set[str]:
    return {o.rule_code for o in engine.evaluate(call) if o.status == "violated"}
