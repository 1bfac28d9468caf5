"""Knowledge-update proposals: detect, flag a gap, list, read, approve, reject."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, Response

from runtime.http import error_body
from services.knowledge.api.deps import ActorDep, ApplicationDep, ClockDep, QueriesDep
from services.knowledge.api.schemas import ApproveIn, GapIn, RejectIn
from services.knowledge.api.views import article_view, proposal_view
from services.knowledge.approval import Approval

router = APIRouter(prefix="/v1/knowledge", tags=["knowledge"])


@router.post("/proposals:detect")
def detect(application: ApplicationDep, clock: ClockDep) -> dict[str, Any]:
    """Run detection now, at the service's clock (operators, tests); repeating is harmless."""
    opened = application.detect(clock.now())
    return {"opened": [proposal_view(p) for p in opened]}


@router.post("/gaps", status_code=201)
def flag_gap(
    body: GapIn, response: Response, application: ApplicationDep, actor: ActorDep
) -> dict[str, Any]:
    """Opens a flagged proposal, or adds the finding to its group's open one (200)."""
    proposal, opened = application.flag_gap(body.call_id, body.rule_code, body.note, actor)
    if not opened:
        response.status_code = 200
    return proposal_view(proposal)


@router.get("/proposals")
async def list_proposals(
    queries: QueriesDep,
    status: Literal["open", "approved", "rejected"] | None = None,
    rule_code: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: str | None = None,
) -> dict[str, Any]:
    """Newest first; follow `next_cursor` for the next page."""
    try:
        items, next_cursor = await queries.proposals(status, rule_code, limit, cursor)
    except ValueError as error:
        raise HTTPException(422, error_body("invalid_request", f"cursor: {error}")) from error
    return {"items": items, "next_cursor": next_cursor}


@router.get("/proposals/{proposal_id}")
def read_proposal(proposal_id: UUID, application: ApplicationDep) -> dict[str, Any]:
    return proposal_view(application.proposal(proposal_id))


@router.post("/proposals/{proposal_id}:approve")
def approve(
    proposal_id: UUID,
    body: ApproveIn,
    application: ApplicationDep,
    clock: ClockDep,
    actor: ActorDep,
) -> dict[str, Any]:
    """Revise (or create) the article and approve, in one transaction; a decision is final."""
    approval = Approval(**body.model_dump())
    proposal, article = application.approve(proposal_id, approval, actor, clock.now())
    return {"proposal": proposal_view(proposal), "article": article_view(article)}


@router.post("/proposals/{proposal_id}:reject")
def reject(
    proposal_id: UUID,
    body: RejectIn,
    application: ApplicationDep,
    clock: ClockDep,
    actor: ActorDep,
) -> dict[str, Any]:
    proposal = application.reject(proposal_id, body.reason, actor, clock.now())
    return proposal_view(proposal)
