"""Training programmes, their cascade and quizzes, verifications: forwarded to the training
service (and, for running verification checks, to the inspection service)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response

from contracts.api.inspection import InspectionVerificationOut, VerificationCheckOut
from contracts.api.training import (
    AssignmentsIn,
    AssignmentsOut,
    AttemptIn,
    AttemptOut,
    ProgrammeIn,
    ProgrammeOut,
    ProgrammesOut,
    QuizIn,
    VerificationsOut,
)
from contracts.queries import ProgrammeListQuery, VerificationListQuery
from gateway.auth import ActorDep
from gateway.deps import InspectionDep, TrainingDep

router = APIRouter(prefix="/v1", tags=["training"])


@router.get("/training/programmes", response_model=ProgrammesOut)
async def list_programmes(
    query: Annotated[ProgrammeListQuery, Query()],
    request: Request,
    actor: ActorDep,
    training: TrainingDep,
) -> Response:
    """Programmes, newest first, with their stage in the loop and their effect."""
    return await training.forward(request, actor)


@router.get("/training/programmes/{programme_id}", response_model=ProgrammeOut)
async def read_programme(
    programme_id: UUID, request: Request, actor: ActorDep, training: TrainingDep
) -> Response:
    """A programme with its cascade levels, trainees, attempts, quiz and verifications."""
    return await training.forward(request, actor)


@router.post("/training/programmes", status_code=201, response_model=ProgrammeOut)
async def create_programme(
    body: ProgrammeIn, request: Request, actor: ActorDep, training: TrainingDep
) -> Response:
    """A programme made by hand (programmes also follow every knowledge update by themselves)."""
    return await training.forward(request, actor)


@router.post("/training/programmes/{programme_id}/publish", response_model=ProgrammeOut)
async def publish_programme(
    programme_id: UUID, request: Request, actor: ActorDep, training: TrainingDep
) -> Response:
    return await training.forward(request, actor)


@router.post("/training/programmes/{programme_id}/quiz", response_model=ProgrammeOut)
async def set_quiz(
    programme_id: UUID, body: QuizIn, request: Request, actor: ActorDep, training: TrainingDep
) -> Response:
    """Questions tied to the programme's articles; replaceable until the first attempt."""
    return await training.forward(request, actor)


@router.post("/training/programmes/{programme_id}/assignments", response_model=AssignmentsOut)
async def assign(
    programme_id: UUID,
    body: AssignmentsIn,
    request: Request,
    actor: ActorDep,
    training: TrainingDep,
) -> Response:
    """Trainees of one level of the cascade: centre head → team leaders → agents."""
    return await training.forward(request, actor)


@router.post("/training/programmes/{programme_id}/attempts", response_model=AttemptOut)
async def attempt(
    programme_id: UUID, body: AttemptIn, request: Request, actor: ActorDep, training: TrainingDep
) -> Response:
    """A quiz attempt: a pass completes the trainee (an agent's pass asks for verification)."""
    return await training.forward(request, actor)


@router.get("/training/verifications", response_model=VerificationsOut)
async def list_verifications(
    query: Annotated[VerificationListQuery, Query()],
    request: Request,
    actor: ActorDep,
    training: TrainingDep,
) -> Response:
    """Verifications asked of the inspection service, with their outcomes."""
    return await training.forward(request, actor)


@router.get("/verifications/{verification_id}", response_model=InspectionVerificationOut)
async def read_verification(
    verification_id: UUID, request: Request, actor: ActorDep, inspection: InspectionDep
) -> Response:
    """A verification as the inspection service holds it (pending until its window passes)."""
    return await inspection.forward(request, actor)


@router.post("/verifications:check", response_model=VerificationCheckOut)
async def check_verifications(
    request: Request, actor: ActorDep, inspection: InspectionDep
) -> Response:
    """Complete now, at the service clock's time, every verification whose window has passed."""
    return await inspection.forward(request, actor)
