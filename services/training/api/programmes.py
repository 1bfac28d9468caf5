"""Programmes: list (read model), read (event store), create by hand, publish."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from contracts.api.training import ProgrammeIn, ProgrammeOut, ProgrammesOut
from contracts.queries import ProgrammeListQuery
from services.training.api.deps import ActorDep, ApplicationDep, QueriesDep
from services.training.api.views import programme_out, programmes_out
from services.training.domain.terms import ProgrammeDraft

router = APIRouter(prefix="/v1/training/programmes", tags=["programmes"])


@router.get("")
async def list_programmes(
    query: Annotated[ProgrammeListQuery, Query()], queries: QueriesDep
) -> ProgrammesOut:
    """Published programmes, newest first, with their stage and effect."""
    return programmes_out(await queries.programmes(query), query.limit, query.offset)


@router.get("/{programme_id}")
def read_programme(programme_id: UUID, application: ApplicationDep) -> ProgrammeOut:
    return programme_out(application.programme(programme_id))


@router.post("", status_code=201)
def create_programme(
    body: ProgrammeIn, application: ApplicationDep, actor: ActorDep
) -> ProgrammeOut:
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
    return programme_out(application.create_programme(draft, body.publish, actor))


@router.post("/{programme_id}/publish")
def publish(programme_id: UUID, application: ApplicationDep, actor: ActorDep) -> ProgrammeOut:
    """Publish a draft; publishing again is harmless."""
    return programme_out(application.publish(programme_id, actor))
