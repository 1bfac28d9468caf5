"""Bodies of the training API: programmes, their quiz and cascade, attempts, verifications."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

Level = Literal["centre_head", "team_leader", "agent"]
Source = Literal["knowledge_update", "weekly_digest", "manual"]
Outcome = Literal["pending", "verified", "ineffective", "insufficient_data"]
ProgrammeStatus = Literal["published", "in_training", "verifying", "evaluated"]
"""A published programme's stage in the loop (lists filter on it)."""
Stage = Literal["draft", "published", "in_training", "verifying", "evaluated"]


class ProgrammeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200, examples=["市民诉求受理口径培训"])
    article_ids: list[UUID] = Field(default_factory=list)
    case_ids: list[UUID] = Field(default_factory=list)
    rule_codes: list[str] = Field(default_factory=list, examples=[["R-GREETING"]])
    audience_agents: list[str] = Field(default_factory=list)
    audience_teams: list[str] = Field(default_factory=list)
    publish: bool = Field(default=True, description="publish at once (else a draft)")


class Question(BaseModel):
    """A quiz question, as set and as shown."""

    model_config = ConfigDict(extra="forbid")

    article_id: UUID | None = Field(default=None, description="one of the programme's articles")
    text: str = Field(min_length=1, max_length=2000, examples=["市民来电首先应当说什么?"])
    options: list[str] = Field(min_length=2, max_length=10)
    answer: int = Field(ge=0, description="index of the correct option")


class QuizIn(BaseModel):
    questions: list[Question] = Field(min_length=1, max_length=100)


class AssignmentsIn(BaseModel):
    level: Level
    trainee_ids: list[str] = Field(min_length=1, max_length=1000)


class AttemptIn(BaseModel):
    trainee_id: str = Field(min_length=1, max_length=128)
    answers: list[int] = Field(max_length=100, description="index of the chosen option, in order")


class EffectOut(BaseModel):
    """Outcomes of a programme's verifications, and mean violation rates before and after
    training over the agents that have both."""

    agents_evaluated: int = Field(description="agents whose verification has an outcome")
    verified: int
    ineffective: int
    insufficient_data: int
    rate_before: float | None
    rate_after: float | None
    change: float | None = Field(description="rate_after - rate_before")


class TraineeOut(BaseModel):
    trainee_id: str
    level: Level
    status: Literal["assigned", "completed"] = Field(description="assigned until a pass")
    attempts: int
    best_score: float | None
    completed_at: datetime | None


class LevelOut(BaseModel):
    level: Level
    state: Literal["waiting", "open", "completed"] = Field(
        description="open once every level above it has completed"
    )
    assigned: int
    completed: int
    trainees: list[TraineeOut]


class QuizOut(BaseModel):
    questions: list[Question]


class ProgrammeVerificationOut(BaseModel):
    """A verification asked of the inspection service; the rest once its answer came."""

    verification_id: UUID
    agent_id: str
    trained_at: datetime
    outcome: Outcome
    calls_before: int | None = None
    calls_after: int | None = None
    rate_before: float | None = None
    rate_after: float | None = None
    window_start: datetime | None = None
    window_end: datetime | None = None


class ProgrammeOut(BaseModel):
    """A programme as its event store holds it: cascade, quiz, verifications and effect."""

    programme_id: UUID
    status: Stage
    title: str
    source: Source
    article_ids: list[str]
    case_ids: list[str]
    rule_codes: list[str]
    audience_agents: list[str]
    audience_teams: list[str]
    pass_mark: float = Field(description="quiz score (0-100) that passes")
    correlation_id: str
    levels: list[LevelOut]
    quiz: QuizOut
    verifications: list[ProgrammeVerificationOut]
    effect: EffectOut


class AssignmentsOut(BaseModel):
    assigned: list[str] = Field(description="trainees newly assigned (others were already)")
    levels: list[LevelOut]


class AttemptOut(TraineeOut):
    """The attempt's score, and the trainee's assignment after it."""

    score: float
    passed: bool
    pass_mark: float


class ProgrammeSummaryOut(BaseModel):
    """A published programme as the read model lists it."""

    programme_id: UUID
    title: str
    source: Source
    article_ids: list[str]
    case_ids: list[str]
    rule_codes: list[str]
    audience_agents: list[str]
    audience_teams: list[str]
    published_at: datetime
    correlation_id: str
    status: ProgrammeStatus
    completed_per_level: dict[str, int] = Field(description="trainees who passed, per level")
    effect: EffectOut


class ProgrammesOut(BaseModel):
    items: list[ProgrammeSummaryOut]
    limit: int
    offset: int


class VerificationOut(BaseModel):
    """A verification as the read model lists it: asked, then decided by inspection."""

    verification_id: UUID
    programme_id: UUID
    agent_id: str
    rule_codes: list[str]
    trained_at: datetime | None
    window_days: int | None
    outcome: Outcome
    calls_before: int | None
    calls_after: int | None
    rate_before: float | None
    rate_after: float | None
    window_start: datetime | None
    window_end: datetime | None
    decided_at: datetime | None


class VerificationsOut(BaseModel):
    items: list[VerificationOut]
    limit: int
    offset: int
