"""The case library (案例库): add a case, list them by kind and rule code."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from contracts.api.knowledge import CaseIn, CaseList, CaseOut
from contracts.queries import CaseListQuery
from services.knowledge.api.deps import ActorDep, ApplicationDep, QueriesDep
from services.knowledge.api.views import case_out

router = APIRouter(prefix="/v1/knowledge/cases", tags=["knowledge"])


@router.post("", status_code=201)
def create_case(body: CaseIn, application: ApplicationDep, actor: ActorDep) -> CaseOut:
    case = application.create_case(
        body.kind,
        body.title,
        body.summary,
        body.call_id,
        body.rule_codes,
        body.settled_answer,
        actor,
    )
    return case_out(case)


@router.get("")
async def list_cases(query: Annotated[CaseListQuery, Query()], queries: QueriesDep) -> CaseList:
    """The case library, newest first, by kind and rule code."""
    return CaseList(items=await queries.cases(query))
