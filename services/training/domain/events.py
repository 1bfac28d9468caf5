"""The events of a training programme; each applies its change to the `Programme`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from eventsourcing.domain import Aggregate

from runtime.provenance import AuditedEvent
from services.training.domain import cascade

PUBLISHED = "published"


class Drafted(Aggregate.Created, AuditedEvent):
    draft: dict[str, Any]
    pass_mark: float


class Published(AuditedEvent):
    draft: dict[str, Any]

    def apply(self, aggregate: Any) -> None:
        aggregate.status = PUBLISHED


class QuizSet(AuditedEvent):
    questions: list[dict[str, Any]]

    def apply(self, aggregate: Any) -> None:
        aggregate.questions = self.questions


class TraineesAssigned(AuditedEvent):
    level: str
    trainee_ids: list[str]

    def apply(self, aggregate: Any) -> None:
        for trainee in self.trainee_ids:
            aggregate.assignments[trainee] = {
                "trainee_id": trainee, "level": self.level, "status": cascade.ASSIGNED,
                "attempts": 0, "best_score": None, "completed_at": None,
            }  # fmt: skip


class AttemptScored(AuditedEvent):
    trainee_id: str
    level: str
    answers: list[int]
    score: float
    passed: bool

    def apply(self, aggregate: Any) -> None:
        """Attempts are counted; a failed one leaves the trainee assigned, to try again."""
        assignment = aggregate.assignments[self.trainee_id]
        assignment["attempts"] += 1
        best = assignment["best_score"]
        assignment["best_score"] = self.score if best is None else max(best, self.score)


class TraineeCompleted(AuditedEvent):
    trainee_id: str
    level: str
    score: float
    attempts: int
    completed_at: datetime

    def apply(self, aggregate: Any) -> None:
        assignment = aggregate.assignments[self.trainee_id]
        assignment["status"], assignment["completed_at"] = cascade.COMPLETED, self.completed_at


class LevelCompleted(AuditedEvent):
    level: str

    def apply(self, aggregate: Any) -> None:
        aggregate.completed_levels.append(self.level)


class VerificationRequested(AuditedEvent):
    verification_id: str
    agent_id: str
    rule_codes: list[str]
    trained_at: datetime
    window_days: int
    min_calls: int | None

    def apply(self, aggregate: Any) -> None:
        aggregate.verifications[self.agent_id] = {
            "verification_id": self.verification_id, "agent_id": self.agent_id,
            "trained_at": self.trained_at, "outcome": "pending",
        }  # fmt: skip


class VerificationRecorded(AuditedEvent):
    """The inspection service's answer: outcome, calls and rates before and after."""

    agent_id: str
    result: dict[str, Any]

    def apply(self, aggregate: Any) -> None:
        aggregate.verifications[self.agent_id].update(self.result)
