"""Bodies of the rules API: rule set versions, validation, diff, dry runs."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from contracts.call import Call
from contracts.rulelang.evidence import Evidence
from contracts.rulelang.rules import Rule

MAX_RULES = 1_000


class FieldProblem(BaseModel):
    field: str = Field(description="path of the field, e.g. rules[3].condition.keywords")
    problem: str


class DraftIn(BaseModel):
    description: str = Field(default="", max_length=2_000)
    rules: list[dict[str, Any]] | None = Field(
        default=None, max_length=MAX_RULES, description="omit to copy the rules of `based_on`"
    )
    based_on: int | None = Field(default=None, ge=1)


class RevisionIn(BaseModel):
    description: str = Field(default="", max_length=2_000)
    rules: list[dict[str, Any]] = Field(max_length=MAX_RULES)
    reason: str = Field(default="", max_length=2_000, description="why the draft changed")


class DryRunIn(BaseModel):
    call: Call
    rule_codes: list[str] | None = Field(default=None, description="only these rules")


class AdHocDryRunIn(BaseModel):
    rules: list[Rule] = Field(min_length=1, max_length=MAX_RULES)
    call: Call


class RuleSetOut(BaseModel):
    version: int
    status: Literal["draft", "published"]
    active: bool
    description: str
    based_on: int | None
    rule_count: int
    created_at: datetime
    published_at: datetime | None
    rules: list[dict[str, Any]] | None = Field(
        default=None, description="the rules, except in lists of versions"
    )


class DraftOut(BaseModel):
    """A draft as stored, with its validation problems (a draft may be invalid until published)."""

    ruleset: RuleSetOut
    errors: list[FieldProblem]


class ValidationOut(BaseModel):
    version: int
    valid: bool
    errors: list[FieldProblem]


class FieldChange(BaseModel):
    from_: Any = Field(alias="from")
    to: Any


class RuleChange(BaseModel):
    code: str
    fields: dict[str, FieldChange]


class DiffOut(BaseModel):
    from_: int = Field(alias="from")
    to: int
    added: list[str]
    removed: list[str]
    changed: list[RuleChange]


class RuleOutcomeOut(BaseModel):
    rule_code: str
    status: Literal["violated", "passed", "not_applicable"]
    evidence: list[Evidence]


class DryRunOut(BaseModel):
    version: int | None = Field(default=None, description="the version tried, if one was")
    outcomes: list[RuleOutcomeOut]
