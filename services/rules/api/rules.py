"""POST /v1/rules:dry-run — try rules that are not in any version yet."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from services.rules.api.deps import ApplicationDep
from services.rules.api.schemas import AdHocDryRunIn

router = APIRouter(prefix="/v1", tags=["rules"])


@router.post("/rules:dry-run")
def dry_run_rules(body: AdHocDryRunIn, application: ApplicationDep) -> dict[str, Any]:
    """Evaluate the given rules on the given call; matches come with their evidence."""
    rules = [rule.model_dump(mode="json") for rule in body.rules]
    return {"outcomes": [o.to_dict() for o in application.dry_run(rules, body.call)]}
