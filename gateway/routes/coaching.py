"""One-to-one coaching plans, their sessions and reviews, agents' monthly figures: forwarded
to the coaching service."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response

from gateway.auth import ActorDep
from gateway.deps import CoachingDep
from services.coaching.api.views import ManualPlan, SessionBody
from services.coaching.domain.plan import Reason

router = APIRouter(prefix="/v1/coaching", tags=["coaching"])


@router.get("/plans")
async def list_plans(
    request: Request,
    actor: ActorDep,
    coaching: CoachingDep,
    agent_id: str | None = None,
    status: Literal["open", "closed"] | None = None,
    reason: Reason | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: str | None = None,
) -> Response:
    """Plans, newest first: why each was opened, its sessions, its review."""
    return await coaching.forward(request, actor)


@router.get("/plans/{plan_id}")
async def read_plan(
    plan_id: UUID, request: Request, actor: ActorDep, coaching: CoachingDep
) -> Response:
    return await coaching.forward(request, actor)


@router.post("/plans", status_code=201)
async def open_plan(
    body: ManualPlan, request: Request, actor: ActorDep, coaching: CoachingDep
) -> Response:
    """A plan opened by hand; 409 when the agent already has an open plan."""
    return await coaching.forward(request, actor)


@router.post("/plans/{plan_id}/sessions", status_code=201)
async def record_session(
    plan_id: UUID, body: SessionBody, request: Request, actor: ActorDep, coaching: CoachingDep
) -> Response:
    """A session: the coach, the calls listened to, deviations corrected, agreed actions."""
    return await coaching.forward(request, actor)


@router.post("/jobs:run")
async def run_jobs(request: Request, actor: ActorDep, coaching: CoachingDep) -> Response:
    """Monthly selection, repeated failures and due reviews, now at the service clock's time."""
    return await coaching.forward(request, actor)


@router.get("/agents/{agent_id}/performance")
async def agent_performance(
    agent_id: str,
    request: Request,
    actor: ActorDep,
    coaching: CoachingDep,
    month: Annotated[str, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", examples=["2026-11"])],
) -> Response:
    """An agent's figures for a month and the selection criteria it misses."""
    return await coaching.forward(request, actor)
