"""One-to-one coaching plans, their sessions and reviews, agents' monthly figures: forwarded
to the coaching service."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response

from contracts.api.coaching import (
    MONTH_PATTERN,
    JobsRunOut,
    ManualPlanIn,
    PerformanceOut,
    PlanConflictOut,
    PlanOut,
    PlanPageOut,
    SessionIn,
)
from contracts.queries import PlanListQuery
from gateway.auth import ActorDep
from gateway.deps import CoachingDep

router = APIRouter(prefix="/v1/coaching", tags=["coaching"])


@router.get("/plans", response_model=PlanPageOut)
async def list_plans(
    query: Annotated[PlanListQuery, Query()],
    request: Request,
    actor: ActorDep,
    coaching: CoachingDep,
) -> Response:
    """Plans, newest first: why each was opened, its sessions, its review."""
    return await coaching.forward(request, actor)


@router.get("/plans/{plan_id}", response_model=PlanOut)
async def read_plan(
    plan_id: UUID, request: Request, actor: ActorDep, coaching: CoachingDep
) -> Response:
    """The plan as recorded now, with its sessions and its review."""
    return await coaching.forward(request, actor)


@router.post(
    "/plans", status_code=201, response_model=PlanOut, responses={409: {"model": PlanConflictOut}}
)
async def open_plan(
    body: ManualPlanIn, request: Request, actor: ActorDep, coaching: CoachingDep
) -> Response:
    """A plan opened by hand; 409 (naming the open plan) when the agent already has one."""
    return await coaching.forward(request, actor)


@router.post("/plans/{plan_id}/sessions", status_code=201, response_model=PlanOut)
async def record_session(
    plan_id: UUID, body: SessionIn, request: Request, actor: ActorDep, coaching: CoachingDep
) -> Response:
    """A session: the coach, the calls listened to, deviations corrected, agreed actions."""
    return await coaching.forward(request, actor)


@router.post("/jobs:run", response_model=JobsRunOut)
async def run_jobs(request: Request, actor: ActorDep, coaching: CoachingDep) -> Response:
    """Monthly selection, repeated failures and due reviews, now at the service clock's time."""
    return await coaching.forward(request, actor)


@router.get("/agents/{agent_id}/performance", response_model=PerformanceOut)
async def agent_performance(
    agent_id: str,
    request: Request,
    actor: ActorDep,
    coaching: CoachingDep,
    month: Annotated[str, Query(pattern=MONTH_PATTERN, examples=["2026-11"])],
) -> Response:
    """An agent's figures for a month and the selection criteria it misses."""
    return await coaching.forward(request, actor)
