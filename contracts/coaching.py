"""Integration events of the coaching service: one-to-one coaching plans, their sessions and
the review (复盘) after six weeks of follow-up."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import Field

from contracts.events import IntegrationEvent, register


@register
class CoachingPlanOpened(IntegrationEvent):
    producer = "coaching"

    plan_id: UUID
    agent_id: str
    team_id: str | None = None
    reason: Literal[
        "monthly_selection", "ineffective_training", "repeated_failure", "manual", "follow_up"
    ]
    rule_codes: list[str] = Field(default_factory=list)
    call_ids: list[str] = Field(default_factory=list, description="findings the plan addresses")
    follow_up_until: datetime
    previous_plan_id: UUID | None = Field(
        default=None, description="the plan this one follows up (reason follow_up)"
    )


@register
class CoachingSessionRecorded(IntegrationEvent):
    producer = "coaching"

    plan_id: UUID
    agent_id: str
    coach_id: str
    held_at: datetime
    calls_reviewed: list[str] = Field(default_factory=list)
    deviations: list[str] = Field(default_factory=list)
    agreed_actions: list[str] = Field(default_factory=list)


@register
class CoachingReviewed(IntegrationEvent):
    """The review after the follow-up: results before and after; not improved escalates, and
    the follow-up plan opened for the agent is `follow_up_plan_id`."""

    producer = "coaching"

    plan_id: UUID
    agent_id: str
    outcome: Literal["improved", "not_improved"]
    rate_before: float | None = None
    rate_after: float | None = None
    escalated: bool
    follow_up_plan_id: UUID | None = Field(
        default=None, description="the follow-up plan opened when not improved"
    )
