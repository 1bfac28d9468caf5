"""Knowledge-update proposals: detect, flag a gap, list, read, approve, reject."""

from __future__ import annotations

import asyncio
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response

from contracts.api.knowledge import (
    ApprovalOut,
    ApproveIn,
    DetectionOut,
    GapIn,
    ProposalOut,
    ProposalPage,
    RejectIn,
)
from contracts.queries import ProposalListQuery
from services.knowledge.api.deps import (
    ActorDep,
    ApplicationDep,
    ClockDep,
    FindingsDep,
    JobsDep,
    QueriesDep,
)
from services.knowledge.api.views import article_out, proposal_out
from services.knowledge.application import NotFoundError
from services.knowledge.domain.approval import Approval

router = APIRouter(prefix="/v1/knowledge", tags=["knowledge"])


@router.post("/proposals:detect")
async def detect(jobs: JobsDep, clock: ClockDep) -> DetectionOut:
    """Run detection now, at the service's clock (operators, tests); repeating is harmless."""
    opened = await jobs.detect(clock.now())
    return DetectionOut(opened=[proposal_out(p) for p in opened])


@router.post("/gaps", status_code=201)
async def flag_gap(
    body: GapIn,
    response: Response,
    application: ApplicationDep,
    findings: FindingsDep,
    actor: ActorDep,
) -> ProposalOut:
    """Opens a flagged proposal, or adds the finding to its group's open one (200)."""
    finding = await findings.finding(body.call_id, body.rule_code)
    if finding is None:
        raise NotFoundError(f"no finding of rule {body.rule_code} on call {body.call_id} (yet)")
    proposal, opened = await asyncio.to_thread(application.flag_gap, finding, body.note, actor)
    if not opened:
        response.status_code = 200
    return proposal_out(proposal)


@router.get("/proposals")
async def list_proposals(
    query: Annotated[ProposalListQuery, Query()], queries: QueriesDep
) -> ProposalPage:
    """Newest first; follow `next_cursor` for the next page."""
    return await queries.proposals(query)


@router.get("/proposals/{proposal_id}")
def read_proposal(proposal_id: UUID, application: ApplicationDep) -> ProposalOut:
    return proposal_out(application.proposal(proposal_id))


@router.post("/proposals/{proposal_id}:approve")
def approve(
    proposal_id: UUID, body: ApproveIn, application: ApplicationDep, actor: ActorDep
) -> ApprovalOut:
    """Revise (or create) the article and approve, in one transaction; a decision is final."""
    approval = Approval(**body.model_dump())
    proposal, article = application.approve(proposal_id, approval, actor)
    return ApprovalOut(proposal=proposal_out(proposal), article=article_out(article))


@router.post("/proposals/{proposal_id}:reject")
def reject(
    proposal_id: UUID, body: RejectIn, application: ApplicationDep, actor: ActorDep
) -> ProposalOut:
    return proposal_out(application.reject(proposal_id, body.reason, actor))
