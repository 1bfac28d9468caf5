"""Query parameters of public list endpoints, shared by the gateway and the services."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

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
