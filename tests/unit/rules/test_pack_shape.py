"""The default rule pack: valid, big enough, the required codes, Chinese wording."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources

import pytest

from contracts.rulelang.engine import CompiledRuleSet
from contracts.rulelang.rules import Dimension, Mode, Rule, RuleSetDefinition, RuleStage, Severity
from services.rules.pack import load_default_pack
from tests.unit.rules.pack_calls import (
    DEDUCTIONS,
    REQUIRED_AUTO,
)

# ------------------------------------------------------------------ the pack itself


def test_pack_file_is_readable_utf8_json() -> None:
    text = (resources.files("services.rules.pack") / "default_pack.json").read_text("utf-8")
    assert "开场白" in text  # written with ensure_ascii=False
    assert "\\u" not in text
    assert list(json.loads(text)) == ["rules"]


def test_pack_validates_with_enough_rules(pack: RuleSetDefinition) -> None:
    modes = Counter(rule.mode for rule in pack.rules)
    assert len(pack.rules) >= 57
    assert modes[Mode.AUTO] >= 15
    assert {rule.dimension for rule in pack.rules} == set(Dimension)
    assert {rule.stage for rule in pack.rules} == set(RuleStage)
    assert {rule.severity for rule in pack.rules} == set(Severity)


def test_required_codes_are_automatic(pack: RuleSetDefinition) -> None:
    by_code = {rule.code: rule for rule in pack.rules}
    assert by_code.keys() >= REQUIRED_AUTO
    assert all(by_code[code].mode is Mode.AUTO for code in REQUIRED_AUTO)


def test_there_is_an_automatic_red_line(pack: RuleSetDefinition) -> None:
    assert any(r.mode is Mode.AUTO and r.severity is Severity.RED_LINE for r in pack.rules)


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("rule", load_default_pack().rules, ids=lambda rule: rule.code)
def test_every_rule_is_worded_in_chinese_with_a_realistic_deduction(rule: Rule) -> None:
    assert rule.code.split("-")[0] in {"SVC", "WO", "BIZ"}
    prefix = {Dimension.SERVICE: "SVC", Dimension.WORK_ORDER: "WO", Dimension.BUSINESS: "BIZ"}
    assert rule.code.startswith(prefix[rule.dimension] + "-")
    assert _is_chinese(rule.name)
    assert _is_chinese(rule.description)
    assert _is_chinese(rule.suggestion)
    low, high = DEDUCTIONS[rule.severity]
    assert low <= rule.deduction <= high
    if rule.mode is Mode.AUTO:
        assert rule.condition is not None


def test_every_automatic_rule_compiles(engine: CompiledRuleSet, pack: RuleSetDefinition) -> None:
    assert engine.rule_codes == [r.code for r in pack.rules if r.mode is Mode.AUTO]
