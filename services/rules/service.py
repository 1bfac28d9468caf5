"""The rules service, declared: versioned rule sets; it tells others which one is in force."""

from __future__ import annotations

from runtime.declaration import ServiceDeclaration
from services.rules.api import rules, rulesets
from services.rules.application import RulesApplication, UnknownVersionError
from services.rules.contract_mapping import to_contract
from services.rules.domain.ruleset import InvalidRuleSetError, RuleSetError

SERVICE = ServiceDeclaration(
    name="rules",
    title="Rules service",
    application=RulesApplication,
    to_contract=to_contract,
    routers=[rulesets.router, rules.router],
    errors={UnknownVersionError: 404, InvalidRuleSetError: 422, RuleSetError: 409},
)
