"""The learning side of a programme: its quiz, the cascade's assignments, quiz attempts."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter

from services.training.api.deps import ActorDep, ApplicationDep
from services.training.api.schemas import AssignmentsIn, AttemptIn, QuizIn, programme_view

router = APIRouter(prefix="/v1/training/programmes/{programme_id}", tags=["learning"])


@router.post("/quiz")
def set_quiz(
    programme_id: UUID, body: QuizIn, application: ApplicationDep, actor: ActorDep
) -> dict[str, Any]:
    """Set (or replace, until the first attempt) the quiz's questions."""
    questions = [q.model_dump(mode="json") for q in body.questions]
    return programme_view(application.set_quiz(programme_id, questions, actor))


@router.post("/assignments")
def assign(
    programme_id: UUID, body: AssignmentsIn, application: ApplicationDep, actor: ActorDep
) -> dict[str, Any]:
    """Assign trainees at a level of the cascade; they attempt once the level opens."""
    programme, new = application.assign(programme_id, body.level, body.trainee_ids, actor)
    levels = programme_view(programme)["levels"]
    return {"assigned": new, "levels": levels}


@router.post("/attempts")
def attempt(
    programme_id: UUID,
    body: AttemptIn,
    application: ApplicationDep,
    actor: ActorDep,
) -> dict[str, Any]:
    """Score a trainee's answers: a pass completes them, a fail leaves them assigned."""
    result = application.attempt(programme_id, body.trainee_id, body.answers, actor)
    return result
