"""The trigger conditions of rules: leaf operators on utterances, timing and the work order,
and `and` / `or` / `not` over them, discriminated by `op` (semantics in docs/rules.md).

A leaf that needs data the call does not carry (timestamps, a work order) is *not applicable*,
and that propagates through the tree (three-valued logic).
"""

from __future__ import annotations

from typing import Annotated, Literal

import re2
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Scope = Literal["agent", "customer", "any"]
Phrase = Annotated[str, Field(min_length=1, max_length=200)]
Phrases = Annotated[list[Phrase], Field(min_length=1, max_length=500)]
Milliseconds = Annotated[int, Field(ge=0, le=24 * 3600 * 1000)]
FieldName = Annotated[str, Field(min_length=1, max_length=100)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Window(Strict):
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


def _compile_re2(pattern: str) -> str:
    try:
        re2.compile(pattern)
    except re2.error as error:
        raise ValueError(f"invalid RE2 regular expression: {error}") from None
    return pattern


class Keywords(Strict):
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


class Regex(Strict):
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


class Similar(Strict):
    """An utterance resembles one of the example sentences: fuzzy partial match, ignoring
    punctuation and spaces, score 0-100, so speech-recognition slips still match."""

    op: Literal["similar"]
    role: Scope = "any"
    examples: Annotated[list[Phrase], Field(min_length=1, max_length=50)]
    threshold: float = Field(default=80.0, ge=0, le=100)
    window: Window | None = None


class Silence(Strict):
    """A gap longer than `min_ms` before an utterance of the role (the role kept the other
    side waiting). Needs timestamps."""

    op: Literal["silence"]
    role: Scope = "agent"
    min_ms: Milliseconds


class SpeechRate(Strict):
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


class Interruption(Strict):
    """An utterance of the role starts more than `min_overlap_ms` before the other side's
    utterance it follows has ended (talking over them). Needs timestamps."""

    op: Literal["interruption"]
    role: Scope = "agent"
    min_overlap_ms: Milliseconds = 0


class CallDuration(Strict):
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


class RepeatedPhrase(Strict):
    """The role says one of `phrases` at least `min_count` times; without phrases, the role
    repeats the same utterance (of at least `min_chars` characters) `min_count` times."""

    op: Literal["repeated_phrase"]
    role: Scope = "agent"
    phrases: list[Phrase] = Field(default_factory=list, max_length=500)
    min_count: int = Field(default=3, ge=2, le=1000)
    min_chars: int = Field(default=4, ge=1, le=1000)


class NegativeEmotion(Strict):
    """Impatient, rude or hostile wording by the role: at least `min_hits` occurrences of the
    lexicon (the built-in zh-CN lexicon when none is given). `exclude` works as for keywords."""

    op: Literal["negative_emotion"]
    role: Scope = "agent"
    lexicon: list[Phrase] = Field(default_factory=list, max_length=2000)
    exclude: list[Phrase] = Field(default_factory=list, max_length=500)
    min_hits: int = Field(default=1, ge=1, le=1000)


class WorkOrderRequiredFields(Strict):
    """A required work-order field is missing or blank. Not applicable without a work order."""

    op: Literal["wo_required_fields"]
    fields: Annotated[list[FieldName], Field(min_length=1)]


class WorkOrderCategoryValid(Strict):
    """The work order's category is missing or not in the catalogue."""

    op: Literal["wo_category_valid"]
    categories: Phrases


class WorkOrderDepartmentMapping(Strict):
    """The work order went to a department that does not handle its category. Categories
    absent from the mapping are not judged."""

    op: Literal["wo_department_mapping"]
    mapping: dict[Phrase, Phrases] = Field(min_length=1)


class WorkOrderDispatchSla(Strict):
    """The work order was dispatched more than `max_minutes` after it was created (or, without
    `created_at`, after the call ended). Not applicable until it has been dispatched."""

    op: Literal["wo_dispatch_sla"]
    max_minutes: float = Field(gt=0, le=60 * 24 * 365)


class And(Strict):
    op: Literal["and"]
    conditions: Annotated[list[Condition], Field(min_length=1, max_length=50)]


class Or(Strict):
    op: Literal["or"]
    conditions: Annotated[list[Condition], Field(min_length=1, max_length=50)]


class Not(Strict):
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


And.model_rebuild()
Or.model_rebuild()
Not.model_rebuild()
