"""Coaching plans: list, read, open by hand, record a session."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID, uuid4

from fastapi import APIRouter, Query

from contracts.api.coaching import (
    ManualPlanIn,
    PlanConflictOut,
    PlanOut,
    PlanPageOut,
    SessionIn,
)
from contracts.queries import PlanListQuery
from runtime.provenance import Provenance
from services.coaching.api.deps import ActorDep, ApplicationDep, QueriesDep
from services.coaching.api.views import page_out, plan_out
from services.coaching.domain.opening import PlanRequest
from services.coaching.domain.session import Session

router = APIRouter(prefix="/v1/coaching", tags=["coaching"])


@router.get("/plans")
async def list_plans(query: Annotated[PlanListQuery, Query()], queries: QueriesDep) -> PlanPageOut:
    """Plans, newest first, filtered by agent, status and reason; `next_cursor` pages on."""
    return page_out(await queries.plans(query))


@router.get("/plans/{plan_id}")
def read_plan(plan_id: UUID, application: ApplicationDep) -> PlanOut:
    """The plan as recorded now (from the event store: no read-model lag)."""
    return plan_out(application.plan(plan_id))


@router.post(
    "/plans",
    status_code=201,
    response_model=PlanOut,
    responses={409: {"model": PlanConflictOut}},
)
def open_manual_plan(body: ManualPlanIn, application: ApplicationDep, actor: ActorDep) -> PlanOut:
    """Open a plan by hand; 409 (naming the open plan) when the agent already has one."""
    request = PlanRequest(
        agent_id=body.agent_id,
        team_id=body.team_id,
        reason="manual",
        key=f"manual:{uuid4()}",
        rule_codes=body.rule_codes,
        call_ids=body.call_ids,
        notes=[body.note] if body.note else [],
    )
    plan = application.open_plan(request, Provenance(actor, body.agent_id))
    assert plan is not None
    return plan_out(plan)


@router.post("/plans/{plan_id}/sessions", status_code=201)
def record_session(
    plan_id: UUID, body: SessionIn, application: ApplicationDep, actor: ActorDep
) -> PlanOut:
    """Record a one-to-one session; 409 once the plan is closed."""
    session = Session(
        body.held_at, body.coach_id, body.calls_reviewed, body.deviations, body.agreed_actions
    )
    return plan_out(application.record_session(plan_id, session, Provenance(actor, str(plan_id))))
