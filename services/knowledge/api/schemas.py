"""Request bodies of the knowledge API (the gateway shows them in its OpenAPI)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from services.knowledge.domain.article import ArticleKind
from services.knowledge.domain.case import CaseKind

_EXAMPLE_ARTICLE: dict[str, Any] = {
    "kind": "answer_script",
    "title": "路灯损坏的受理口径",
    "body": "市民反映路灯损坏，应直接受理并派单至城管部门，告知办理时限，不得推诿。",
    "rule_codes": ["BIZ-BUCK-PASSING"],
    "categories": ["市政设施"],
    "reason": "市民反映集中，统一口径",
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
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "disputed",
                    "title": "路灯归属争议",
                    "summary": "路灯属于市政设施，应受理派单",
                    "call_id": "C-20261120-0001",
                    "rule_codes": ["BIZ-BUCK-PASSING"],
                    "settled_answer": "直接受理，派单至城管部门",
                }
            ]
        }
    )

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
