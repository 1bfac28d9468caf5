"""Knowledge base, case library and update proposals: forwarded to the knowledge service."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response

from contracts.api.knowledge import (
    ApprovalOut,
    ApproveIn,
    ArticleIn,
    ArticleOut,
    ArticlePage,
    ArticleRevisionIn,
    CaseIn,
    CaseList,
    CaseOut,
    DetectionOut,
    DigestOut,
    DigestPublicationOut,
    GapIn,
    ProposalOut,
    ProposalPage,
    RejectIn,
)
from contracts.queries import ArticleListQuery, CaseListQuery, ProposalListQuery
from gateway.auth import ActorDep
from gateway.deps import KnowledgeDep

router = APIRouter(prefix="/v1/knowledge", tags=["knowledge"])


@router.post("/articles", status_code=201, response_model=ArticleOut)
async def create_article(
    body: ArticleIn, request: Request, actor: ActorDep, knowledge: KnowledgeDep
) -> Response:
    """Revision 1 of a new article (口径, FAQ, 流程, 政策); an `article_key` makes it idempotent."""
    return await knowledge.forward(request, actor)


@router.put("/articles/{article_id}", response_model=ArticleOut)
async def revise_article(
    article_id: UUID,
    body: ArticleRevisionIn,
    request: Request,
    actor: ActorDep,
    knowledge: KnowledgeDep,
) -> Response:
    """A new revision with its reason; every earlier revision stays readable."""
    return await knowledge.forward(request, actor)


@router.get("/articles", response_model=ArticlePage)
async def list_articles(
    query: Annotated[ArticleListQuery, Query()],
    request: Request,
    actor: ActorDep,
    knowledge: KnowledgeDep,
) -> Response:
    """Search by keyword (every word must match) and by tag; newest first, paginated."""
    return await knowledge.forward(request, actor)


@router.get("/articles/{article_id}", response_model=ArticleOut)
async def read_article(
    article_id: UUID, request: Request, actor: ActorDep, knowledge: KnowledgeDep
) -> Response:
    """The current revision and every revision, with author, reason and time."""
    return await knowledge.forward(request, actor)


@router.post("/cases", status_code=201, response_model=CaseOut)
async def create_case(
    body: CaseIn, request: Request, actor: ActorDep, knowledge: KnowledgeDep
) -> Response:
    """Add a case to the case library (案例库); a disputed case needs its settled answer."""
    return await knowledge.forward(request, actor)


@router.get("/cases", response_model=CaseList)
async def list_cases(
    query: Annotated[CaseListQuery, Query()],
    request: Request,
    actor: ActorDep,
    knowledge: KnowledgeDep,
) -> Response:
    """The case library, newest first."""
    return await knowledge.forward(request, actor)


@router.post("/proposals:detect", response_model=DetectionOut)
async def detect(request: Request, actor: ActorDep, knowledge: KnowledgeDep) -> Response:
    """Run threshold detection now, at the service's clock; repeating it opens nothing new."""
    return await knowledge.forward(request, actor)


@router.post("/gaps", status_code=201, response_model=ProposalOut)
async def flag_gap(
    body: GapIn, request: Request, actor: ActorDep, knowledge: KnowledgeDep
) -> Response:
    """Flag a finding of a call as a knowledge gap: opens a proposal with it as evidence."""
    return await knowledge.forward(request, actor)


@router.get("/proposals", response_model=ProposalPage)
async def list_proposals(
    query: Annotated[ProposalListQuery, Query()],
    request: Request,
    actor: ActorDep,
    knowledge: KnowledgeDep,
) -> Response:
    return await knowledge.forward(request, actor)


@router.get("/proposals/{proposal_id}", response_model=ProposalOut)
async def read_proposal(
    proposal_id: UUID, request: Request, actor: ActorDep, knowledge: KnowledgeDep
) -> Response:
    return await knowledge.forward(request, actor)


@router.post("/proposals/{proposal_id}:approve", response_model=ApprovalOut)
async def approve(
    proposal_id: UUID, body: ApproveIn, request: Request, actor: ActorDep, knowledge: KnowledgeDep
) -> Response:
    """Revise (`article_id`) or create the article and approve, in one transaction (409 if
    already decided)."""
    return await knowledge.forward(request, actor)


@router.post("/proposals/{proposal_id}:reject", response_model=ProposalOut)
async def reject(
    proposal_id: UUID, body: RejectIn, request: Request, actor: ActorDep, knowledge: KnowledgeDep
) -> Response:
    return await knowledge.forward(request, actor)


@router.post("/digests:publish", response_model=DigestPublicationOut)
async def publish_digest(request: Request, actor: ActorDep, knowledge: KnowledgeDep) -> Response:
    """Publish the weekly digest of the last full week now, at the service's clock (the
    scheduler does it too); repeating it returns the same digest (`created` false), and
    `{"digest": null}` when no problem was concentrated enough to report."""
    return await knowledge.forward(request, actor)


@router.get("/digests/{digest_id}", response_model=DigestOut)
async def read_digest(
    digest_id: UUID, request: Request, actor: ActorDep, knowledge: KnowledgeDep
) -> Response:
    """A weekly digest: the week, and per concentrated problem its calls, share, agents,
    teams and the articles that teach it."""
    return await knowledge.forward(request, actor)
