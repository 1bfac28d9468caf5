"""Validating raw rules: every problem, each with the path of the field that has it.

Schema errors and budget problems (`contracts.rulelang.budget`) are listed together; rules
nested too deeply to store get that problem alone (the schema validator would only report a
recursion error for them).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from contracts.rulelang.budget import budget_problems, storage_problems
from contracts.rulelang.rules import Rule, RuleSetDefinition
from runtime.errors import field_path

RuleError = dict[str, str]
"""{"field": path of the field, "problem": what is wrong with it}"""


def validate_rules(rules: list[dict[str, Any]]) -> list[RuleError]:
    if too_deep := storage_problems(rules):
        return too_deep
    try:
        RuleSetDefinition.model_validate({"rules": rules})
    except ValidationError as error:
        schema = [{"field": field_path(e["loc"]), "problem": str(e["msg"])} for e in error.errors()]
        return schema + budget_problems(rules)
    return budget_problems(rules)


def parse_rules(rules: list[dict[str, Any]]) -> list[Rule]:
    """Rules already known to be valid (e.g. of a published version)."""
    rules_: list[Rule] = RuleSetDefinition.model_validate({"rules": rules}).rules
    return rules_
