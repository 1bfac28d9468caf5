"""The case library (案例库): add a case, list them by kind and rule code."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from services.knowledge.api.deps import ActorDep, ApplicationDep
from services.knowledge.api.schemas import CaseIn
from services.knowledge.api.views import case_view
from services.knowledge.domain.case import CaseKind

router = APIRouter(prefix="/v1/knowledge/cases", tags=["knowledge"])


@router.post("", status_code=201)
def create_case(body: CaseIn, application: ApplicationDep, actor: ActorDep) -> dict[str, Any]:
    return case_view(application.create_case(body.model_dump(), actor))


@router.get("")
def list_cases(
    application: ApplicationDep, kind: CaseKind | None = None, rule_code: str | None = None
) -> dict[str, Any]:
    cases = [
        case_view(case)
        for case in application.cases()
        if (kind is None or case.kind == kind)
        and (rule_code is None or rule_code in case.rule_codes)
    ]
    return {"items": cases}
