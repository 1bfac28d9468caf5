"""Rule-set budgets: how deep conditions nest, how many leaves, phrases, regular expressions and
fuzzy examples a rule and a set may have; named with their field paths in validation, refused
at publication, and a tree too deep to store refused when drafted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from contracts.envelope import Actor
from contracts.rulelang.budget import Budget, budget_problems
from runtime.eventstore import memory_application
from services.rules.application import RulesApplication
from services.rules.domain.ruleset import InvalidRuleSetError
from services.rules.domain.validation import validate_rules

PACK = Path(__file__).parents[3] / "services" / "rules" / "pack" / "default_pack.json"
LEAD = Actor(id="lead-1", role="qa_lead")
LEAF: dict[str, Any] = {"op": "keywords", "role": "agent", "words": ["您好"]}


def rule(condition: dict[str, Any], code: str = "SVC-BUDGET") -> dict[str, Any]:
    return {
        "code": code,
        "name": "预算测试",
        "description": "仅用于测试",
        "dimension": "服务",
        "stage": "受理",
        "severity": "一般",
        "deduction": 1,
        "mode": "auto",
        "condition": condition,
        "suggestion": "无",
    }


def nested(levels: int) -> dict[str, Any]:
    """A leaf inside `levels` nots: `levels + 1` condition levels."""
    condition = LEAF
    for _ in range(levels):
        condition = {"op": "not", "condition": condition}
    return condition


def keywords(count: int, prefix: str = "词") -> dict[str, Any]:
    return {"op": "keywords", "words": [f"{prefix}{i}" for i in range(count)]}


def fields(problems: list[dict[str, str]]) -> list[str]:
    return [problem["field"] for problem in problems]


def test_the_default_pack_is_within_budget() -> None:
    rules = json.loads(PACK.read_text())
    rules = rules["rules"] if isinstance(rules, dict) else rules
    assert budget_problems(rules) == []


def test_nesting_deeper_than_the_budget_is_named_at_its_path() -> None:
    assert budget_problems([rule(nested(7))]) == []
    (problem,) = budget_problems([rule(nested(8))])
    assert problem["field"] == "rules[0].condition" + ".condition" * 8
    assert "8 levels" in problem["problem"]


def test_a_tree_too_deep_to_store_is_measured_without_recursion() -> None:
    problems = budget_problems([rule(nested(5000))])
    assert fields(problems) == ["rules[0]"]
    assert validate_rules([rule(nested(5000))]) == problems


def test_leaves_per_rule() -> None:
    half = {"op": "and", "conditions": [LEAF] * 40}
    (problem,) = budget_problems([rule({"op": "or", "conditions": [half, half]})])
    assert problem["field"] == "rules[0].condition"
    assert "80 conditions" in problem["problem"]


def test_phrases_per_rule_and_in_the_whole_set() -> None:
    heavy = {"op": "or", "conditions": [keywords(500, f"组{g}") for g in range(6)]}
    (problem,) = budget_problems([rule(heavy)])
    assert (problem["field"], "3000 phrases" in problem["problem"]) == ("rules[0].condition", True)
    many = [rule(keywords(500), f"SVC-P{i}") for i in range(41)]
    (total,) = budget_problems(many)
    assert total["field"] == "rules"
    assert "20500 phrases" in total["problem"]


def test_regular_expressions_are_counted_and_their_programs_measured() -> None:
    few = [rule({"op": "regex", "pattern": r"\d{11}"}, f"SVC-R{i}") for i in range(201)]
    assert [p["field"] for p in budget_problems(few)] == ["rules"]
    big = {"op": "regex", "pattern": "(a|b|c){1,1000}"}
    heavy = [rule(big, f"SVC-B{i}") for i in range(60)]
    (problem,) = budget_problems(heavy)
    assert "RE2 program" in problem["problem"]


def test_fuzzy_examples_in_the_whole_set() -> None:
    similar = {"op": "similar", "examples": [f"例句{i}" for i in range(50)]}
    rules = [rule(similar, f"SVC-S{i}") for i in range(5)]
    (problem,) = budget_problems(rules)
    assert "250 fuzzy examples" in problem["problem"]
    assert budget_problems(rules, Budget(max_similar_examples=250)) == []


def test_validation_lists_budget_problems_beside_schema_errors() -> None:
    problems = validate_rules([rule(nested(9)), {"code": "bad"}])
    assert "rules[0].condition" + ".condition" * 8 in fields(problems)
    assert any(field.startswith("rules[1]") for field in fields(problems))


def test_an_over_budget_draft_is_kept_but_not_published() -> None:
    app = memory_application(RulesApplication)
    draft = app.create_draft("太深", [rule(nested(10))], None, LEAD)
    assert fields(draft.validate()) == ["rules[0].condition" + ".condition" * 8]
    with pytest.raises(InvalidRuleSetError) as refused:
        app.publish(draft.number, LEAD)
    assert fields(refused.value.errors) == ["rules[0].condition" + ".condition" * 8]


def test_a_draft_too_deep_to_store_is_refused() -> None:
    app = memory_application(RulesApplication)
    with pytest.raises(InvalidRuleSetError) as refused:
        app.create_draft("无法保存", [rule(nested(5000))], None, LEAD)
    assert fields(refused.value.errors) == ["rules[0]"]
    draft = app.create_draft("可以", [rule(LEAF)], None, LEAD)
    with pytest.raises(InvalidRuleSetError):
        app.revise(draft.number, "无法保存", [rule(nested(5000))], "太深", LEAD)
