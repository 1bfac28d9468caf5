"""The rule language: a rule and a rule set definition.

A rule is *violated* when its condition (contracts.rulelang.conditions) holds on a call.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, field_validator, model_validator

from contracts.call import Stage
from contracts.rulelang.conditions import Condition, Strict


class Dimension(StrEnum):
    SERVICE = "服务"
    WORK_ORDER = "工单"
    BUSINESS = "业务"


class RuleStage(StrEnum):
    ACCEPTANCE = "受理"
    DISPATCH = "转办"
    CALLBACK = "回访"


class Severity(StrEnum):
    MINOR = "一般"
    MAJOR = "严重"
    RED_LINE = "红线"


class Mode(StrEnum):
    AUTO = "auto"
    MANUAL = "manual"


RuleCode = Annotated[
    str, Field(min_length=2, max_length=64, pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
]


class Rule(Strict):
    """One inspection rule. A manual rule's condition is optional: people judge it."""

    code: RuleCode = Field(description="stable code, e.g. SVC-OPENING")
    name: Annotated[str, Field(min_length=1, max_length=100)]
    description: Annotated[str, Field(min_length=1, max_length=2000)]
    dimension: Dimension
    stage: RuleStage
    severity: Severity
    deduction: float = Field(ge=0, le=100)
    mode: Mode
    condition: Condition | None = None
    applies_to: list[Stage] = Field(
        default_factory=list,
        max_length=3,
        description="the call stages the rule judges (not applicable on others); empty: all",
    )
    suggestion: Annotated[str, Field(min_length=1, max_length=2000)]

    @model_validator(mode="after")
    def _auto_needs_condition(self) -> Rule:
        if self.mode is Mode.AUTO and self.condition is None:
            raise ValueError("an automatic rule needs a condition")
        return self


class RuleSetDefinition(Strict):
    """The rules of one rule set version; codes are unique."""

    rules: Annotated[list[Rule], Field(max_length=2000)]

    @field_validator("rules")
    @classmethod
    def _unique_codes(cls, rules: list[Rule]) -> list[Rule]:
        seen: set[str] = set()
        for rule in rules:
            if rule.code in seen:
                raise ValueError(f"rule code {rule.code} appears more than once")
            seen.add(rule.code)
        return rules
