"""The rules service tells others one thing: which rule set version is now in force."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import DomainEventProtocol

from contracts.events import IntegrationEvent
from contracts.ruleset_events import RuleSetPublished
from services.rules.domain.ruleset import RuleSetVersion
from services.rules.domain.validation import parse_rules


def to_contract(event: DomainEventProtocol[UUID]) -> IntegrationEvent | None:
    if isinstance(event, RuleSetVersion.Published):
        return RuleSetPublished(
            version=event.version, description=event.description, rules=parse_rules(event.rules)
        )
    return None
