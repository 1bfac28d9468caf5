"""The rule language refuses bad rules with the path of the field at fault."""

from __future__ import annotations

from typing import Any

from services.rules.domain.validation import validate_rules
from tests.unit.rules_engine.builders import rule_of


def rule(condition: dict[str, Any] | None, **fields: Any) -> dict[str, Any]:
    return rule_of({"op": "keywords", "words": ["您好"]}).model_dump(mode="json") | {
        "condition": condition,
        **fields,
    }


def fields_of(*rules: dict[str, Any]) -> dict[str, str]:
    return {error["field"]: error["problem"] for error in validate_rules(list(rules))}


def test_valid_rules_have_no_errors() -> None:
    assert fields_of(rule({"op": "keywords", "words": ["您好"]})) == {}


def test_unknown_operator_bad_regex_and_negative_threshold() -> None:
    errors = fields_of(
        rule({"op": "telepathy"}),
        rule({"op": "regex", "pattern": "(unclosed"}, code="SVC-B"),
        rule({"op": "silence", "min_ms": -1}, code="SVC-C"),
    )
    assert "telepathy" in errors["rules[0].condition"]
    assert "RE2" in errors["rules[1].condition.regex.pattern"]
    assert "greater than or equal to 0" in errors["rules[2].condition.silence.min_ms"]


def test_nested_conditions_are_checked_too() -> None:
    nested = {"op": "not", "condition": {"op": "and", "conditions": [{"op": "similar"}]}}
    errors = fields_of(rule(nested))
    assert any(field.startswith("rules[0].condition.not.condition") for field in errors), errors


def test_rule_fields_and_duplicate_codes() -> None:
    errors = fields_of(
        rule({"op": "keywords", "words": ["您好"]}, deduction=-1, severity="致命"),
        rule(None, code="SVC-X"),
    )
    assert "rules[0].deduction" in errors
    assert "rules[0].severity" in errors
    assert "needs a condition" in errors["rules[1]"]
    twice = fields_of(
        rule({"op": "keywords", "words": ["a"]}), rule({"op": "keywords", "words": ["b"]})
    )
    assert "more than once" in twice["rules"]


def test_windows_and_ranges_must_make_sense() -> None:
    errors = fields_of(
        rule({"op": "keywords", "words": ["a"], "window": {"first_n": 1, "last_n": 1}}),
        rule({"op": "speech_rate", "min_cpm": 300, "max_cpm": 100}, code="SVC-B"),
        rule({"op": "keywords", "words": ["a"], "match": "at_least"}, code="SVC-C"),
    )
    assert any(field.startswith("rules[0].condition.keywords.window") for field in errors)
    assert "min_cpm is larger" in errors["rules[1].condition.speech_rate"]
    assert "at_least" in errors["rules[2].condition.keywords"]
