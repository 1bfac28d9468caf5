"""Coaching plans: list, read, open by hand, record a session."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID, uuid4

from fastapi import APIRouter, HTTPException, Query

from runtime.http import error_body
from runtime.provenance import Provenance
from services.coaching.api.deps import ActorDep, ApplicationDep, QueriesDep
from services.coaching.api.views import ManualPlan, SessionBody, plan_view
from services.coaching.application import PlanAlreadyOpenError, PlanRequest
from services.coaching.domain.plan import PlanClosedError, Reason, Session
from services.coaching.readmodel.queries import InvalidCursorError

router = APIRouter(prefix="/v1/coaching", tags=["coaching"])

Status = Literal["open", "closed"]


@router.get("/plans")
async def list_plans(
    queries: QueriesDep,
    agent_id: str | None = None,
    status: Status | None = None,
    reason: Reason | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: str | None = None,
) -> dict[str, Any]:
    """Plans, newest first, filtered by agent, status and reason; `next_cursor` pages on."""
    try:
        return await queries.plans(agent_id, status, reason, limit, cursor)
    except InvalidCursorError as error:
        raise HTTPException(422, error_body("invalid_request", f"cursor: {error}")) from error


@router.get("/plans/{plan_id}")
def read_plan(plan_id: UUID, application: ApplicationDep) -> dict[str, Any]:
    """The plan as recorded now (from the event store: no read-model lag)."""
    plan = application.plan(plan_id)
    if plan is None:
        raise HTTPException(404, error_body("not_found", f"no coaching plan {plan_id}"))
    return plan_view(plan)


@router.post("/plans", status_code=201)
def open_manual_plan(
    body: ManualPlan, application: ApplicationDep, actor: ActorDep
) -> dict[str, Any]:
    """Open a plan by hand; 409 when the agent already has an open plan."""
    request = PlanRequest(
        agent_id=body.agent_id,
        team_id=body.team_id,
        reason="manual",
        key=f"manual:{uuid4()}",
        rule_codes=body.rule_codes,
        call_ids=body.call_ids,
        notes=[body.note] if body.note else [],
    )
    try:
        plan = application.open_plan(request, Provenance(actor, body.agent_id))
    except PlanAlreadyOpenError as error:
        body_ = error_body("conflict", str(error)) | {"open_plan_id": str(error.plan_id)}
        raise HTTPException(409, body_) from error
    assert plan is not None
    return plan_view(plan)


@router.post("/plans/{plan_id}/sessions", status_code=201)
def record_session(
    plan_id: UUID,
    body: SessionBody,
    application: ApplicationDep,
    actor: ActorDep,
) -> dict[str, Any]:
    """Record a one-to-one session; 409 once the plan is closed."""
    session = Session(
        body.held_at, body.coach_id, body.calls_reviewed, body.deviations, body.agreed_actions
    )
    try:
        plan = application.record_session(plan_id, session, Provenance(actor, str(plan_id)))
    except KeyError as error:
        raise HTTPException(404, error_body("not_found", f"no coaching plan {plan_id}")) from error
    except PlanClosedError as error:
        raise HTTPException(409, error_body("conflict", str(error))) from error
    return plan_view(plan)
