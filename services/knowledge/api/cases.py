"""The case library (案例库): add a case, list them by kind and rule code."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from services.knowledge.api.deps import ActorDep, ApplicationDep, QueriesDep
from services.knowledge.api.schemas import CaseIn
from services.knowledge.api.views import case_view
from services.knowledge.domain.case import CaseKind

router = APIRouter(prefix="/v1/knowledge/cases", tags=["knowledge"])


@router.post("", status_code=201)
def create_case(body: CaseIn, application: ApplicationDep, actor: ActorDep) -> dict[str, Any]:
    return case_view(application.create_case(body.model_dump(), actor))


@router.get("")
async def list_cases(
    queries: QueriesDep,
    kind: CaseKind | None = None,
    rule_code: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    """The case library, newest first, by kind and rule code."""
    return {"items": await queries.cases(kind, rule_code, limit)}
