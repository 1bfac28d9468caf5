"""A training programme: what it teaches, its quiz, its cascade of trainees, its verifications."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from runtime.provenance import Provenance
from services.training.domain import cascade, events, quiz
from services.training.domain.errors import InvalidInputError, ProgrammeError
from services.training.domain.terms import ProgrammeDraft, VerificationTerms

DRAFT, PUBLISHED = "draft", events.PUBLISHED


def programme_id_for(article_id: UUID, revision: int) -> UUID:
    """One programme per published article revision: a redelivered update drafts nothing new."""
    return uuid5(NAMESPACE_URL, f"hotline-qa:programme:{article_id}:{revision}")


def verification_id_for(programme_id: UUID, agent_id: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"hotline-qa:verification:{programme_id}:{agent_id}")


class Programme(Aggregate):
    """Drafted, published, taught level by level, verified agent by agent."""

    def __init__(self, draft: dict[str, Any], pass_mark: float, correlation_id: str) -> None:
        self.draft = ProgrammeDraft.from_dict(draft)
        self.pass_mark = pass_mark
        self.correlation_id = correlation_id
        self.status = DRAFT
        self.questions: list[dict[str, Any]] = []
        self.assignments: dict[str, dict[str, Any]] = {}
        self.completed_levels: list[str] = []
        self.verifications: dict[str, dict[str, Any]] = {}

    @classmethod
    def create(
        cls, programme_id: UUID, draft: ProgrammeDraft, pass_mark: float, provenance: Provenance
    ) -> Programme:
        return cls._create(
            events.Drafted,
            id=programme_id,
            draft=draft.to_dict(),
            pass_mark=pass_mark,
            **provenance.event_kwargs(),
        )

    def publish(self, provenance: Provenance) -> bool:
        """Publish the programme; publishing again changes nothing."""
        if self.status == PUBLISHED:
            return False
        self.trigger_event(
            events.Published, draft=self.draft.to_dict(), **provenance.event_kwargs()
        )
        return True

    def set_quiz(self, questions: list[dict[str, Any]], provenance: Provenance) -> None:
        errors = quiz.question_errors(questions, self.draft.article_ids)
        if errors:
            raise InvalidInputError(errors)
        if any(a["attempts"] for a in self.assignments.values()):
            raise ProgrammeError("quiz_locked", "the quiz cannot change once attempts were made")
        self.trigger_event(events.QuizSet, questions=questions, **provenance.event_kwargs())

    def assign(self, level: str, trainee_ids: list[str], provenance: Provenance) -> list[str]:
        """Assign trainees at a level; those already assigned there are left as they are."""
        for trainee in trainee_ids:
            held = self.assignments.get(trainee)
            if held is not None and held["level"] != level:
                message = f"{trainee} is already a trainee at level {held['level']}"
                raise ProgrammeError("already_assigned", message)
        new = [t for t in dict.fromkeys(trainee_ids) if t not in self.assignments]
        if new:
            kwargs = provenance.event_kwargs()
            self.trigger_event(events.TraineesAssigned, level=level, trainee_ids=new, **kwargs)
        return new

    def attempt(
        self,
        trainee_id: str,
        answers: list[int],
        now: datetime,
        terms: VerificationTerms,
        provenance: Provenance,
    ) -> dict[str, Any]:
        """Score a quiz attempt; a pass completes the trainee, maybe the level, and for an agent
        asks for verification of the targeted rules."""
        assignment = self._attemptable(trainee_id)
        errors = quiz.answer_errors(self.questions, answers)
        if errors:
            raise InvalidInputError(errors)
        level, kwargs = assignment["level"], provenance.event_kwargs()
        score = quiz.score(self.questions, answers)
        passed = score >= self.pass_mark
        self.trigger_event(
            events.AttemptScored, trainee_id=trainee_id, level=level, answers=answers,
            score=score, passed=passed, **kwargs,
        )  # fmt: skip
        if passed:
            self._complete(trainee_id, level, score, now, terms, kwargs)
        return {"score": score, "passed": passed, "pass_mark": self.pass_mark} | assignment

    def record_verification(
        self, verification_id: str, agent_id: str, result: dict[str, Any], provenance: Provenance
    ) -> bool:
        """Record the inspection service's outcome for an agent this programme asked about."""
        held = self.verifications.get(agent_id)
        if held is None or held["verification_id"] != verification_id:
            return False
        kwargs = provenance.event_kwargs()
        self.trigger_event(events.VerificationRecorded, agent_id=agent_id, result=result, **kwargs)
        return True

    def _attemptable(self, trainee_id: str) -> dict[str, Any]:
        if self.status != PUBLISHED:
            raise ProgrammeError("not_published", "the programme is not published yet")
        if not self.questions:
            raise ProgrammeError("no_quiz", "the programme has no quiz yet")
        assignment = self.assignments.get(trainee_id)
        if assignment is None:
            raise ProgrammeError("not_assigned", f"{trainee_id} is not assigned to this programme")
        if assignment["status"] == cascade.COMPLETED:
            raise ProgrammeError("already_completed", f"{trainee_id} has already passed")
        if not cascade.is_open(assignment["level"], self.completed_levels):
            message = f"level {assignment['level']} opens when the levels above it have completed"
            raise ProgrammeError("level_not_open", message)
        return assignment

    def _complete(
        self,
        trainee_id: str,
        level: str,
        score: float,
        now: datetime,
        terms: VerificationTerms,
        kwargs: dict[str, Any],
    ) -> None:
        attempts = self.assignments[trainee_id]["attempts"]
        self.trigger_event(
            events.TraineeCompleted, trainee_id=trainee_id, level=level, score=score,
            attempts=attempts, completed_at=now, **kwargs,
        )  # fmt: skip
        if level not in self.completed_levels and cascade.level_complete(level, self.assignments):
            self.trigger_event(events.LevelCompleted, level=level, **kwargs)
        if level == "agent" and self.draft.rule_codes:
            self.trigger_event(
                events.VerificationRequested,
                verification_id=str(verification_id_for(self.id, trainee_id)),
                agent_id=trainee_id, rule_codes=self.draft.rule_codes, trained_at=now,
                window_days=terms.window_days, min_calls=terms.min_calls, **kwargs,
            )  # fmt: skip
