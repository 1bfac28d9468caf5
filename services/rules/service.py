"""The rules service, declared: versioned rule sets; it tells others which one is in force."""

from __future__ import annotations

from runtime.declaration import ServiceContext, ServiceDeclaration
from services.rules.api import rules, rulesets
from services.rules.application import RulesApplication, UnknownVersionError
from services.rules.config import dry_run_seconds
from services.rules.contract_mapping import to_contract
from services.rules.domain.ruleset import InvalidRuleSetError, RuleSetError
from services.rules.dryrun import DryRunBusyError, DryRunner, DryRunTimeoutError


def _components(context: ServiceContext[RulesApplication]) -> list[object]:
    return [DryRunner(dry_run_seconds(context.application.env))]


SERVICE = ServiceDeclaration(
    name="rules",
    title="Rules service",
    application=RulesApplication,
    to_contract=to_contract,
    routers=[rulesets.router, rules.router],
    errors={
        UnknownVersionError: 404,
        InvalidRuleSetError: 422,
        RuleSetError: 409,
        DryRunTimeoutError: 422,
        DryRunBusyError: 503,
    },
    components=_components,
)
