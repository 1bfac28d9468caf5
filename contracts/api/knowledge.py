"""Bodies of the knowledge API: articles, the case library, update proposals, weekly digests."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from contracts.knowledge import DigestItem, FindingRef

ArticleKind = Literal["answer_script", "faq", "process", "policy"]
CaseKind = Literal["common_problem", "error_prone", "disputed", "benchmark", "moving"]
ProposalStatus = Literal["open", "approved", "rejected"]
Trigger = Literal["threshold", "flagged"]

_EXAMPLE_ARTICLE: dict[str, Any] = {
    "kind": "answer_script",
    "title": "路灯损坏的受理口径",
    "body": "市民反映路灯损坏，应直接受理并派单至城管部门，告知办理时限，不得推诿。",
    "rule_codes": ["BIZ-BUCK-PASSING"],
    "categories": ["市政设施"],
    "reason": "市民反映集中，统一口径",
}
_EXAMPLE_CASE: dict[str, Any] = {
    "kind": "disputed",
    "title": "路灯归属争议",
    "summary": "路灯属于市政设施，应受理派单",
    "call_id": "C-20261120-0001",
    "rule_codes": ["BIZ-BUCK-PASSING"],
    "settled_answer": "直接受理，派单至城管部门",
}


class ArticleIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE_ARTICLE]})

    kind: ArticleKind
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=50_000)
    rule_codes: list[str] = Field(default_factory=list, max_length=50)
    categories: list[str] = Field(default_factory=list, max_length=50)
    reason: str = Field(default="created", min_length=1, max_length=2_000)
    article_key: str | None = Field(
        default=None, min_length=1, max_length=200, description="a stable key: creates once"
    )


class ArticleRevisionIn(BaseModel):
    """A new revision: the parts given replace the current ones; `reason` is required."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"body": "……更新后的口径……", "reason": "政策调整"}]}
    )

    title: str | None = Field(default=None, min_length=1, max_length=200)
    body: str | None = Field(default=None, min_length=1, max_length=50_000)
    rule_codes: list[str] | None = Field(default=None, max_length=50)
    categories: list[str] | None = Field(default=None, max_length=50)
    reason: str = Field(min_length=1, max_length=2_000)
    expected_revision: int | None = Field(
        default=None, ge=1, description="refuse (409) if the article moved on meanwhile"
    )


class CaseIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE_CASE]})

    kind: CaseKind
    title: str = Field(min_length=1, max_length=200)
    summary: str = Field(default="", max_length=10_000)
    call_id: str = Field(min_length=1, max_length=128)
    rule_codes: list[str] = Field(default_factory=list, max_length=50)
    settled_answer: str | None = Field(default=None, max_length=10_000, validate_default=True)

    @field_validator("settled_answer")
    @classmethod
    def _disputed_is_settled(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("kind") == "disputed" and not value:
            raise ValueError("a disputed case needs its settled answer")
        return value


class GapIn(BaseModel):
    """An inspector flags a finding of a call as a knowledge gap."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"call_id": "C-1", "rule_code": "BIZ-BUCK-PASSING", "note": "无口径"}]
        }
    )

    call_id: str = Field(min_length=1, max_length=128)
    rule_code: str = Field(min_length=1, max_length=64)
    note: str = Field(default="", max_length=2_000)


class ApproveIn(BaseModel):
    """Revise `article_id`, or, without it, create an article (kind, title and body)."""

    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE_ARTICLE]})

    reason: str = Field(min_length=1, max_length=2_000)
    article_id: UUID | None = None
    expected_revision: int | None = Field(default=None, ge=1)
    kind: ArticleKind | None = Field(default=None, validate_default=True)
    title: str | None = Field(default=None, min_length=1, max_length=200, validate_default=True)
    body: str | None = Field(default=None, min_length=1, max_length=50_000, validate_default=True)
    rule_codes: list[str] | None = Field(default=None, max_length=50)
    categories: list[str] | None = Field(default=None, max_length=50)
    article_key: str | None = Field(default=None, min_length=1, max_length=200)

    @field_validator("kind", "title", "body")
    @classmethod
    def _needed_for_a_new_article(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.data.get("article_id") is None:
            raise ValueError("required when article_id is not given")
        return value


class RejectIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"reason": "属个案，非知识缺口"}]})

    reason: str = Field(min_length=1, max_length=2_000)


class RevisionOut(BaseModel):
    revision: int
    title: str
    body: str
    rule_codes: list[str]
    categories: list[str]
    reason: str = Field(description="why the article changed")
    author: dict[str, str] = Field(description="the actor who wrote the revision (id, role)")
    at: datetime
    proposal_id: UUID | None = Field(description="the proposal this revision answers, if any")
    audience_agents: list[str] = Field(description="agents whose findings led to the revision")
    audience_teams: list[str]


class ArticleOut(BaseModel):
    article_id: UUID
    kind: ArticleKind
    article_key: str | None
    current: RevisionOut
    revisions: list[RevisionOut] = Field(description="every revision, the first one first")


class ArticleSummaryOut(BaseModel):
    """An article's current revision, as searches list it."""

    article_id: UUID
    kind: ArticleKind
    title: str
    revision: int
    rule_codes: list[str]
    categories: list[str]
    updated_at: datetime


class ArticlePage(BaseModel):
    items: list[ArticleSummaryOut]
    next_cursor: str | None = Field(description="pass it as `cursor` for the next page")


class CaseOut(BaseModel):
    case_id: UUID
    kind: CaseKind
    title: str
    summary: str
    call_id: str
    rule_codes: list[str]
    settled_answer: str | None


class CaseList(BaseModel):
    items: list[CaseOut]


class DecisionOut(BaseModel):
    reason: str
    editor: dict[str, str] = Field(description="the actor who decided (id, role)")


class ProposalOut(BaseModel):
    proposal_id: UUID
    status: ProposalStatus
    trigger: Trigger
    rule_code: str
    category: str | None
    finding_count: int = Field(description="calls with a finding of the group")
    call_share: float | None = Field(description="their share of the category's inspected calls")
    window_start: datetime | None
    window_end: datetime | None
    note: str
    evidence: list[FindingRef] = Field(description="the group's latest findings (at most 20)")
    opened_at: datetime
    decision: DecisionOut | None
    article_id: UUID | None = Field(description="the article an approval revised or created")
    revision: int | None


class ProposalSummaryOut(BaseModel):
    """A proposal as lists show it (the read model's row)."""

    proposal_id: UUID
    rule_code: str
    category: str | None
    trigger: Trigger
    status: ProposalStatus
    finding_count: int
    call_share: float | None
    window_start: datetime | None
    window_end: datetime | None
    evidence: list[FindingRef]
    opened_at: datetime
    decided_at: datetime | None
    reason: str | None
    article_id: UUID | None
    revision: int | None
    decided_by: dict[str, str] | None


class ProposalPage(BaseModel):
    items: list[ProposalSummaryOut]
    next_cursor: str | None = Field(description="pass it as `cursor` for the next page")


class DetectionOut(BaseModel):
    opened: list[ProposalOut] = Field(description="the proposals this run opened")


class ApprovalOut(BaseModel):
    proposal: ProposalOut
    article: ArticleOut = Field(description="the article revised or created by the approval")


class DigestOut(BaseModel):
    digest_id: UUID
    week_start: datetime
    week_end: datetime
    items: list[DigestItem]
    published_at: datetime


class DigestPublicationOut(BaseModel):
    digest: DigestOut | None = Field(
        description="null when no group of findings was concentrated enough to report"
    )
    created: bool = Field(description="false if the week's digest was published before")
