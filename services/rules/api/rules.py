"""POST /v1/rules:dry-run — try rules that are not in any version yet."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.api.rules import AdHocDryRunIn, DryRunOut
from services.rules.api.deps import ApplicationDep
from services.rules.api.views import dry_run_out

router = APIRouter(prefix="/v1", tags=["rules"])


@router.post("/rules:dry-run")
def dry_run_rules(body: AdHocDryRunIn, application: ApplicationDep) -> DryRunOut:
    """Evaluate the given rules on the given call; matches come with their evidence."""
    rules = [rule.model_dump(mode="json") for rule in body.rules]
    return dry_run_out(application.dry_run(rules, body.call))
