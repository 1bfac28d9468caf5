"""Request bodies of the training API, and the view of one programme."""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from services.training.domain import cascade
from services.training.domain.effect import programme_effect, stage
from services.training.domain.programme import Programme


class ProgrammeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200, examples=["市民诉求受理口径培训"])
    article_ids: list[UUID] = Field(default_factory=list)
    case_ids: list[UUID] = Field(default_factory=list)
    rule_codes: list[str] = Field(default_factory=list, examples=[["R-GREETING"]])
    audience_agents: list[str] = Field(default_factory=list)
    audience_teams: list[str] = Field(default_factory=list)
    publish: bool = Field(default=True, description="publish at once (else a draft)")


class QuestionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    article_id: UUID | None = None
    text: str = Field(min_length=1, max_length=2000, examples=["市民来电首先应当说什么?"])
    options: list[str] = Field(min_length=2, max_length=10)
    answer: int = Field(ge=0, description="index of the correct option")


class QuizIn(BaseModel):
    questions: list[QuestionIn] = Field(min_length=1, max_length=100)


class AssignmentsIn(BaseModel):
    level: cascade.Level
    trainee_ids: list[str] = Field(min_length=1, max_length=1000)


class AttemptIn(BaseModel):
    trainee_id: str = Field(min_length=1, max_length=128)
    answers: list[int] = Field(max_length=100)


Outcome = Literal["pending", "verified", "ineffective", "insufficient_data"]
ProgrammeStatus = Literal["published", "in_training", "verifying", "evaluated"]


def programme_view(programme: Programme) -> dict[str, Any]:
    """A programme with its cascade levels, quiz, verifications and effect."""
    verifications = list(programme.verifications.values())
    return {
        "programme_id": programme.id,
        "status": stage(programme.status, programme.assignments.values(), verifications),
        **programme.draft.to_dict(),
        "pass_mark": programme.pass_mark,
        "correlation_id": programme.correlation_id,
        "levels": cascade.level_view(programme.assignments, programme.completed_levels),
        "quiz": {"questions": programme.questions},
        "verifications": verifications,
        "effect": programme_effect(verifications),
    }
