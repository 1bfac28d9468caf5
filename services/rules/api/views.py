"""Rule set versions as the API shows them."""

from __future__ import annotations

from collections.abc import Sequence

from contracts.api.rules import DryRunOut, RuleOutcomeOut, RuleSetOut
from contracts.rulelang.engine import RuleOutcome
from services.rules.domain.ruleset import RuleSetVersion


def ruleset_out(ruleset: RuleSetVersion, active: int | None, with_rules: bool = True) -> RuleSetOut:
    return RuleSetOut(
        version=ruleset.number,
        status=ruleset.status,
        active=ruleset.number == active,
        description=ruleset.description,
        based_on=ruleset.based_on,
        rule_count=len(ruleset.rules),
        created_at=ruleset.created_on,
        published_at=ruleset.published_at,
        rules=ruleset.rules if with_rules else None,
    )


def dry_run_out(outcomes: Sequence[RuleOutcome], version: int | None = None) -> DryRunOut:
    return DryRunOut(
        version=version,
        outcomes=[
            RuleOutcomeOut(rule_code=o.rule_code, status=o.status, evidence=list(o.evidence))
            for o in outcomes
        ],
    )
