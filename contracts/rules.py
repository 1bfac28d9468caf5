"""The rule language: a rule, its trigger condition, and a rule set definition.

A rule is *violated* when its condition holds on a call. Conditions form a tree: leaf operators
look at utterances (scoped to a role), timing or the work order; `and` / `or` / `not` combine them.
A leaf that needs data the call does not carry (timestamps, a work order) is *not applicable*, and
that propagates through the tree (three-valued logic), so such a rule is never passed or failed.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

import re2
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Scope = Literal["agent", "customer", "any"]
Phrase = Annotated[str, Field(min_length=1, max_length=200)]
Phrases = Annotated[list[Phrase], Field(min_length=1, max_length=500)]
Milliseconds = Annotated[int, Field(ge=0, le=24 * 3600 * 1000)]
FieldName = Annotated[str, Field(min_length=1, max_length=100)]


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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Window(_Strict):
    """Which utterances a text operator looks at. Counts are over the utterances of the
    operator's role; time limits are from the start (or to the end) of the call and need
    timestamps, so a timed window on an untimed call is not applicable."""

    first_n: int | None = Field(default=None, ge=1, le=1000)
    last_n: int | None = Field(default=None, ge=1, le=1000)
    within_first_ms: Milliseconds | None = None
    within_last_ms: Milliseconds | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Window:
        given = [name for name, value in self if value is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of first_n, last_n, within_first_ms, within_last_ms")
        return self

    @property
    def needs_timestamps(self) -> bool:
        return self.within_first_ms is not None or self.within_last_ms is not None


def _compile_re2(pattern: str) -> str:
    try:
        re2.compile(pattern)
    except re2.error as error:
        raise ValueError(f"invalid RE2 regular expression: {error}") from None
    return pattern


class Keywords(_Strict):
    """Words found in the role's utterances: any of them, all of them, or at least N distinct
    ones. An occurrence that overlaps an occurrence of an `exclude` phrase does not count
    (so 不知道 is excluded inside 不知道您是否)."""

    op: Literal["keywords"]
    role: Scope = "any"
    words: Phrases
    match: Literal["any", "all", "at_least"] = "any"
    at_least: int | None = Field(default=None, ge=1)
    exclude: list[Phrase] = Field(default_factory=list, max_length=500)
    window: Window | None = None

    @model_validator(mode="after")
    def _at_least_given(self) -> Keywords:
        if self.match == "at_least" and self.at_least is None:
            raise ValueError("match 'at_least' needs the number in at_least")
        if self.at_least is not None and self.at_least > len(set(self.words)):
            raise ValueError("at_least is larger than the number of distinct words")
        return self


class Regex(_Strict):
    """An RE2 regular expression searched in each of the role's utterances; a match that
    overlaps a match of `exclude_regex` does not count."""

    op: Literal["regex"]
    role: Scope = "any"
    pattern: Annotated[str, Field(min_length=1, max_length=2000)]
    exclude_regex: Annotated[str, Field(min_length=1, max_length=2000)] | None = None
    window: Window | None = None

    @field_validator("pattern", "exclude_regex")
    @classmethod
    def _valid_re2(cls, pattern: str | None) -> str | None:
        return None if pattern is None else _compile_re2(pattern)


class Similar(_Strict):
    """An utterance resembles one of the example sentences: fuzzy partial match, ignoring
    punctuation and spaces, score 0-100, so speech-recognition slips still match."""

    op: Literal["similar"]
    role: Scope = "any"
    examples: Annotated[list[Phrase], Field(min_length=1, max_length=50)]
    threshold: float = Field(default=80.0, ge=0, le=100)
    window: Window | None = None


class Silence(_Strict):
    """A gap longer than `min_ms` before an utterance of the role (the role kept the other
    side waiting). Needs timestamps."""

    op: Literal["silence"]
    role: Scope = "agent"
    min_ms: Milliseconds


class SpeechRate(_Strict):
    """The role's speaking rate (characters per minute, punctuation not counted) outside
    [min_cpm, max_cpm]. Needs timestamps."""

    op: Literal["speech_rate"]
    role: Scope = "agent"
    min_cpm: float | None = Field(default=None, ge=0)
    max_cpm: float | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _a_range(self) -> SpeechRate:
        if self.min_cpm is None and self.max_cpm is None:
            raise ValueError("give min_cpm, max_cpm or both")
        if self.min_cpm is not None and self.max_cpm is not None and self.min_cpm > self.max_cpm:
            raise ValueError("min_cpm is larger than max_cpm")
        return self


class Interruption(_Strict):
    """An utterance of the role starts more than `min_overlap_ms` before the other side's
    utterance it follows has ended (talking over them). Needs timestamps."""

    op: Literal["interruption"]
    role: Scope = "agent"
    min_overlap_ms: Milliseconds = 0


class CallDuration(_Strict):
    """The call lasted less than `min_ms` or more than `max_ms`. Needs `duration_ms` or
    timestamps."""

    op: Literal["call_duration"]
    min_ms: Milliseconds | None = None
    max_ms: Milliseconds | None = None

    @model_validator(mode="after")
    def _a_range(self) -> CallDuration:
        if self.min_ms is None and self.max_ms is None:
            raise ValueError("give min_ms, max_ms or both")
        if self.min_ms is not None and self.max_ms is not None and self.min_ms > self.max_ms:
            raise ValueError("min_ms is larger than max_ms")
        return self


class RepeatedPhrase(_Strict):
    """The role says one of `phrases` at least `min_count` times; without phrases, the role
    repeats the same utterance (of at least `min_chars` characters) `min_count` times."""

    op: Literal["repeated_phrase"]
    role: Scope = "agent"
    phrases: list[Phrase] = Field(default_factory=list, max_length=500)
    min_count: int = Field(default=3, ge=2, le=1000)
    min_chars: int = Field(default=4, ge=1, le=1000)


class NegativeEmotion(_Strict):
    """Impatient, rude or hostile wording by the role: at least `min_hits` occurrences of the
    lexicon (the built-in zh-CN lexicon when none is given). `exclude` works as for keywords."""

    op: Literal["negative_emotion"]
    role: Scope = "agent"
    lexicon: list[Phrase] = Field(default_factory=list, max_length=2000)
    exclude: list[Phrase] = Field(default_factory=list, max_length=500)
    min_hits: int = Field(default=1, ge=1, le=1000)


class WorkOrderRequiredFields(_Strict):
    """A required work-order field is missing or blank. Not applicable without a work order."""

    op: Literal["wo_required_fields"]
    fields: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=100)]], Field(min_length=1)
    ]


class WorkOrderCategoryValid(_Strict):
    """The work order's category is missing or not in the catalogue."""

    op: Literal["wo_category_valid"]
    categories: Phrases


class WorkOrderDepartmentMapping(_Strict):
    """The work order went to a department that does not handle its category. Categories
    absent from the mapping are not judged."""

    op: Literal["wo_department_mapping"]
    mapping: dict[Phrase, Phrases] = Field(min_length=1)


class WorkOrderDispatchSla(_Strict):
    """The work order was dispatched more than `max_minutes` after it was created (or, without
    `created_at`, after the call ended). Not applicable until it has been dispatched."""

    op: Literal["wo_dispatch_sla"]
    max_minutes: float = Field(gt=0, le=60 * 24 * 365)


class And(_Strict):
    op: Literal["and"]
    conditions: Annotated[list[Condition], Field(min_length=1, max_length=50)]


class Or(_Strict):
    op: Literal["or"]
    conditions: Annotated[list[Condition], Field(min_length=1, max_length=50)]


class Not(_Strict):
    op: Literal["not"]
    condition: Condition


Condition = Annotated[
    Keywords
    | Regex
    | Similar
    | Silence
    | SpeechRate
    | Interruption
    | CallDuration
    | RepeatedPhrase
    | NegativeEmotion
    | WorkOrderRequiredFields
    | WorkOrderCategoryValid
    | WorkOrderDepartmentMapping
    | WorkOrderDispatchSla
    | And
    | Or
    | Not,
    Field(discriminator="op"),
]

RuleCode = Annotated[
    str, Field(min_length=2, max_length=64, pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
]


class Rule(_Strict):
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
    suggestion: Annotated[str, Field(min_length=1, max_length=2000)]

    @model_validator(mode="after")
    def _auto_needs_condition(self) -> Rule:
        if self.mode is Mode.AUTO and self.condition is None:
            raise ValueError("an automatic rule needs a condition")
        return self


class RuleSetDefinition(_Strict):
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


And.model_rebuild()
Or.model_rebuild()
Not.model_rebuild()
