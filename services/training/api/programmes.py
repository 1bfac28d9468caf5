"""Programmes: list (read model), read (event store), create by hand, publish."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query

from services.training.api.deps import ActorDep, ApplicationDep, QueriesDep
from services.training.api.schemas import ProgrammeIn, ProgrammeStatus, programme_view
from services.training.domain.terms import ProgrammeDraft

router = APIRouter(prefix="/v1/training/programmes", tags=["programmes"])


@router.get("")
async def list_programmes(
    queries: QueriesDep,
    status: ProgrammeStatus | None = None,
    rule_code: str | None = None,
    agent_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """Published programmes, newest first, with their stage and effect."""
    items = await queries.programmes(status, rule_code, agent_id, limit, offset)
    return {"items": items, "limit": limit, "offset": offset}


@router.get("/{programme_id}")
def read_programme(programme_id: UUID, application: ApplicationDep) -> dict[str, Any]:
    return programme_view(application.programme(programme_id))


@router.post("", status_code=201)
def create_programme(
    body: ProgrammeIn, application: ApplicationDep, actor: ActorDep
) -> dict[str, Any]:
    """A programme made by hand (source `manual`), published at once unless `publish` is false."""
    draft = ProgrammeDraft(
        title=body.title,
        source="manual",
        article_ids=[str(a) for a in body.article_ids],
        case_ids=[str(c) for c in body.case_ids],
        rule_codes=body.rule_codes,
        audience_agents=body.audience_agents,
        audience_teams=body.audience_teams,
    )
    programme = application.create_programme(draft, body.publish, actor)
    return programme_view(programme)


@router.post("/{programme_id}/publish")
def publish(programme_id: UUID, application: ApplicationDep, actor: ActorDep) -> dict[str, Any]:
    """Publish a draft; publishing again is harmless."""
    programme = application.publish(programme_id, actor)
    return programme_view(programme)
