"""Validating raw rules: every problem, each with the path of the field that has it."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from contracts.rulelang.rules import Rule, RuleSetDefinition
from runtime.errors import field_path

RuleError = dict[str, str]
"""{"field": path of the field, "problem": what is wrong with it}"""


def validate_rules(rules: list[dict[str, Any]]) -> list[RuleError]:
    try:
        RuleSetDefinition.model_validate({"rules": rules})
    except ValidationError as error:
        return [{"field": field_path(e["loc"]), "problem": str(e["msg"])} for e in error.errors()]
    return []


def parse_rules(rules: list[dict[str, Any]]) -> list[Rule]:
    """Rules already known to be valid (e.g. of a published version)."""
    rules_: list[Rule] = RuleSetDefinition.model_validate({"rules": rules}).rules
    return rules_
