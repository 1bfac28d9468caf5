"""Request and response bodies of the rules API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from contracts.call import Call
from contracts.rules import Rule
from services.rules.domain.ruleset import RuleSetVersion

MAX_RULES = 1_000


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
    status: str
    active: bool
    description: str
    based_on: int | None
    rule_count: int
    created_at: datetime
    published_at: datetime | None
    rules: list[dict[str, Any]] | None = None

    @classmethod
    def of(cls, ruleset: RuleSetVersion, active: int | None, with_rules: bool) -> RuleSetOut:
        return cls(
            version=ruleset.number,
            status=ruleset.status,
            active=ruleset.number == active,
            description=ruleset.description,
            based_on=ruleset.based_on,
            rule_count=len(ruleset.rules),
            created_at=ruleset.created_on,
            published_at=ruleset.published_at,
            rules=ruleset.rules if with_rules else None,
        )
