"""The rules service tells others one thing: which rule set version is now in force."""

from __future__ import annotations

from contracts.ruleset_events import RuleSetPublished
from runtime.mapping import ContractMapping, carry
from services.rules.domain.ruleset import RuleSetVersion
from services.rules.domain.validation import parse_rules

to_contract = ContractMapping(
    {
        RuleSetVersion.Published: lambda e: carry(RuleSetPublished, e, rules=parse_rules(e.rules)),
    }
)
