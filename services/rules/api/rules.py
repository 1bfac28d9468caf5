"""POST /v1/rules:dry-run — try rules that are not in any version yet."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.api.rules import AdHocDryRunIn, DryRunOut
from contracts.rulelang.budget import budget_problems
from services.rules.api.deps import DryRunnerDep
from services.rules.api.views import dry_run_out
from services.rules.domain.ruleset import InvalidRuleSetError

router = APIRouter(prefix="/v1", tags=["rules"])


@router.post("/rules:dry-run")
def dry_run_rules(body: AdHocDryRunIn, runner: DryRunnerDep) -> DryRunOut:
    """Evaluate the given rules on the given call; matches come with their evidence.
    Rules over the rule-set budget are refused (422), and a dry run is stopped at its time
    limit (422 `dry_run_timeout`)."""
    rules = [rule.model_dump(mode="json") for rule in body.rules]
    if problems := budget_problems(rules):
        raise InvalidRuleSetError(
            problems, f"the rules are over budget ({len(problems)} problem(s))"
        )
    return dry_run_out(runner.run(rules, body.call))
