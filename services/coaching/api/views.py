"""How a coaching plan is shown, and the bodies the API accepts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from contracts.call import Identifier
from services.coaching.domain.plan import CoachingPlan

Texts = list[str]


class ManualPlan(BaseModel):
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
    call_ids: list[Identifier] = Field(default_factory=list, max_length=200)
    note: str | None = Field(default=None, max_length=2000)


class SessionBody(BaseModel):
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


def plan_view(plan: CoachingPlan) -> dict[str, Any]:
    review = None
    if plan.outcome is not None and plan.before is not None and plan.after is not None:
        review = {
            "outcome": plan.outcome,
            "escalated": plan.escalated,
            "follow_up_plan_id": str(plan.follow_up_plan_id) if plan.follow_up_plan_id else None,
            "calls_before": plan.before.calls,
            "rate_before": plan.before.rate,
            "calls_after": plan.after.calls,
            "rate_after": plan.after.rate,
        }
    return {
        "plan_id": str(plan.id),
        "agent_id": plan.agent_id,
        "team_id": plan.team_id,
        "reason": plan.reason,
        "previous_plan_id": str(plan.previous_plan_id) if plan.previous_plan_id else None,
        "status": plan.status,
        "rule_codes": plan.rule_codes,
        "call_ids": plan.call_ids,
        "notes": plan.notes,
        "opened_at": plan.opened_at.isoformat(),
        "follow_up_until": plan.follow_up_until.isoformat(),
        "sessions": [
            {
                "held_at": s.held_at.isoformat(),
                "coach_id": s.coach_id,
                "calls_reviewed": s.calls_reviewed,
                "deviations": s.deviations,
                "agreed_actions": s.agreed_actions,
            }
            for s in plan.sessions
        ],
        "review": review,
        "closed_at": plan.closed_at.isoformat() if plan.closed_at else None,
    }
