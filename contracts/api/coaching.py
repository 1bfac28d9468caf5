"""Bodies of the coaching API: plans, their sessions and reviews, jobs run now, agents' figures."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from contracts.call import Identifier

Reason = Literal[
    "monthly_selection", "ineffective_training", "repeated_failure", "manual", "follow_up"
]
PlanStatus = Literal["open", "closed"]
Outcome = Literal["improved", "not_improved"]
MONTH_PATTERN = r"^(19|20)\d{2}-(0[1-9]|1[0-2])$"
"""A month from 1900-01 to 2099-12 (a year outside cannot be a hotline's month)."""


class ManualPlanIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"agent_id": "A1001", "team_id": "T01", "rule_codes": ["BIZ-BUCK-PASSING"]}
            ]
        },
    )

    agent_id: Identifier
    team_id: Identifier | None = None
    rule_codes: list[Identifier] = Field(default_factory=list, max_length=50)
    call_ids: list[Identifier] = Field(
        default_factory=list, max_length=200, description="calls whose findings the plan addresses"
    )
    note: str | None = Field(default=None, max_length=2000)


class SessionIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "held_at": "2026-12-03T10:00:00+08:00",
                    "coach_id": "Q007",
                    "calls_reviewed": ["HL-20261122-0001"],
                    "deviations": ["推诿：未告知办理渠道"],
                    "agreed_actions": ["使用首问负责话术"],
                }
            ]
        },
    )

    held_at: datetime
    coach_id: Identifier
    calls_reviewed: list[Identifier] = Field(default_factory=list, max_length=200)
    deviations: list[str] = Field(default_factory=list, max_length=100)
    agreed_actions: list[str] = Field(default_factory=list, max_length=100)


class SessionOut(BaseModel):
    held_at: datetime
    coach_id: str
    calls_reviewed: list[str]
    deviations: list[str]
    agreed_actions: list[str]


class ReviewOut(BaseModel):
    """The review (复盘) after the follow-up: the agent's rate before the plan and after it."""

    outcome: Outcome
    escalated: bool = Field(description="not improved: a follow-up plan was opened")
    follow_up_plan_id: UUID | None
    calls_before: int
    rate_before: float | None = Field(description="null when no call was inspected")
    calls_after: int
    rate_after: float | None


class PlanOut(BaseModel):
    """A plan as recorded now (read from the event store)."""

    plan_id: UUID
    agent_id: str
    team_id: str | None
    reason: Reason
    previous_plan_id: UUID | None = Field(description="the plan this one follows up")
    status: PlanStatus
    rule_codes: list[str]
    call_ids: list[str]
    notes: list[str]
    opened_at: datetime
    follow_up_until: datetime = Field(description="when the review is due")
    sessions: list[SessionOut]
    review: ReviewOut | None
    closed_at: datetime | None


class PlanSummaryOut(BaseModel):
    """A plan in a list (from the read model, a moment behind the event store)."""

    plan_id: UUID
    agent_id: str
    team_id: str | None
    reason: Reason
    status: PlanStatus
    rule_codes: list[str]
    call_ids: list[str]
    follow_up_until: datetime
    recorded_at: datetime = Field(description="when the plan was opened")
    sessions: list[SessionOut]
    outcome: Outcome | None
    rate_before: float | None
    rate_after: float | None
    escalated: bool
    previous_plan_id: UUID | None
    follow_up_plan_id: UUID | None


class PlanPageOut(BaseModel):
    items: list[PlanSummaryOut]
    next_cursor: str | None = Field(
        description="pass as `cursor` for the next page; None at the end"
    )


class PlanConflictOut(BaseModel):
    """409 on a manual plan: the agent already has an open plan."""

    error: str
    message: str
    open_plan_id: UUID


class JobsRunOut(BaseModel):
    ran_at: datetime = Field(description="the service clock's time the jobs ran at")
    opened: list[UUID] = Field(description="plans opened (selection, repeats, follow-ups)")
    reviewed: list[UUID]


class PerformanceOut(BaseModel):
    """An agent's figures for a month (local time); a rate is None when nothing measured it."""

    agent_id: str
    team_id: str | None
    calls: int
    pass_rate: float | None
    csat: float | None
    fcr: float | None
    aht_seconds: float | None
    rule_codes: list[str] = Field(description="the most violated rules")
    failed_calls: list[str] = Field(description="the first failed calls")
    month: str = Field(examples=["2026-11"])
    shortfalls: list[str] = Field(description="the selection criteria the agent misses")
