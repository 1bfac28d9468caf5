"""The learning side of a programme: its quiz, the cascade's assignments, quiz attempts."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter

from contracts.api.training import (
    AssignmentsIn,
    AssignmentsOut,
    AttemptIn,
    AttemptOut,
    ProgrammeOut,
    QuizIn,
)
from services.training.api.deps import ActorDep, ApplicationDep
from services.training.api.views import assignments_out, attempt_out, programme_out

router = APIRouter(prefix="/v1/training/programmes/{programme_id}", tags=["learning"])


@router.post("/quiz")
def set_quiz(
    programme_id: UUID, body: QuizIn, application: ApplicationDep, actor: ActorDep
) -> ProgrammeOut:
    """Set (or replace, until the first attempt) the quiz's questions."""
    questions = [q.model_dump(mode="json") for q in body.questions]
    return programme_out(application.set_quiz(programme_id, questions, actor))


@router.post("/assignments")
def assign(
    programme_id: UUID, body: AssignmentsIn, application: ApplicationDep, actor: ActorDep
) -> AssignmentsOut:
    """Assign trainees at a level of the cascade; they attempt once the level opens."""
    programme, new = application.assign(programme_id, body.level, body.trainee_ids, actor)
    return assignments_out(programme, new)


@router.post("/attempts")
def attempt(
    programme_id: UUID, body: AttemptIn, application: ApplicationDep, actor: ActorDep
) -> AttemptOut:
    """Score a trainee's answers: a pass completes them, a fail leaves them assigned."""
    return attempt_out(application.attempt(programme_id, body.trainee_id, body.answers, actor))
