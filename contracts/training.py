"""Integration events of the training service: programmes built from knowledge updates, the
completion of each trainee, and the verification it asks the inspection service for."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import Field

from contracts.events import IntegrationEvent, register


@register
class ProgrammePublished(IntegrationEvent):
    """A training programme: what it teaches, which rules it targets, whom it is for."""

    producer = "training"

    programme_id: UUID
    title: str
    source: Literal["knowledge_update", "weekly_digest", "manual"]
    article_ids: list[UUID] = Field(default_factory=list)
    case_ids: list[UUID] = Field(default_factory=list)
    rule_codes: list[str] = Field(default_factory=list)
    audience_agents: list[str] = Field(default_factory=list)
    audience_teams: list[str] = Field(default_factory=list)


@register
class TrainingCompleted(IntegrationEvent):
    """A trainee finished a programme at one level of the cascade (centre head → team
    leaders → agents), with the quiz score that passed."""

    producer = "training"

    programme_id: UUID
    trainee_id: str
    level: Literal["centre_head", "team_leader", "agent"]
    score: float = Field(ge=0, le=100)
    attempts: int = Field(ge=1)
    completed_at: datetime


@register
class VerificationRequested(IntegrationEvent):
    """Ask the inspection service whether an agent's later calls show the problem gone."""

    producer = "training"

    verification_id: UUID
    programme_id: UUID
    agent_id: str
    rule_codes: list[str] = Field(min_length=1)
    trained_at: datetime
    window_days: int = Field(default=14, ge=1, le=365)
    min_calls: int | None = Field(
        default=None, ge=1, description="decide as soon as this many calls follow training"
    )
