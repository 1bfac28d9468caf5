"""Query parameters of public list endpoints, shared by the gateway and the services."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, model_validator

from contracts.api.coaching import PlanStatus, Reason
from contracts.api.knowledge import ArticleKind, CaseKind, ProposalStatus
from contracts.api.training import Outcome, ProgrammeStatus

Grade = Literal["优秀", "良好", "合格", "不合格"]


class InspectionListQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agent_id: str | None = None
    team_id: str | None = None
    date_from: datetime | None = Field(default=None, description="started_at >= this")
    date_to: datetime | None = Field(default=None, description="started_at < this")
    rule_code: str | None = Field(default=None, description="has a finding of this rule")
    grade: Grade | None = None
    passed: bool | None = None
    limit: int = Field(default=50, ge=1, le=500)
    cursor: str | None = Field(default=None, description="next_cursor of the previous page")

    @model_validator(mode="after")
    def _dates_in_order(self) -> InspectionListQuery:
        if self.date_from and self.date_to and self.date_to <= self.date_from:
            raise ValueError("date_to must be after date_from")
        return self


class CursorPage(BaseModel):
    """A page of `limit` rows after `cursor` (the previous page's `next_cursor`)."""

    limit: int = Field(default=50, ge=1, le=200)
    cursor: str | None = None


class OffsetPage(BaseModel):
    """A page of `limit` rows after the first `offset`."""

    limit: int = Field(default=50, ge=1, le=500)
    offset: int = Field(default=0, ge=0)


class PlanListQuery(CursorPage):
    agent_id: str | None = None
    status: PlanStatus | None = None
    reason: Reason | None = None


class ArticleListQuery(CursorPage):
    q: str | None = Field(default=None, max_length=200, description="keywords (jieba)")
    rule_code: str | None = None
    category: str | None = None
    kind: ArticleKind | None = None


class CaseListQuery(BaseModel):
    kind: CaseKind | None = None
    rule_code: str | None = None
    limit: int = Field(default=100, ge=1, le=500)


class ProposalListQuery(CursorPage):
    status: ProposalStatus | None = None
    rule_code: str | None = None


class ProgrammeListQuery(OffsetPage):
    status: ProgrammeStatus | None = None
    rule_code: str | None = None
    agent_id: str | None = None


class VerificationListQuery(OffsetPage):
    agent_id: str | None = None
    outcome: Outcome | None = None
    programme_id: UUID | None = None
