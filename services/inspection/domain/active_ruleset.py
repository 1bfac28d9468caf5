"""The rule set in force, as announced by the rules service; newer versions replace older."""

from __future__ import annotations

from typing import Any
from uuid import NAMESPACE_URL, uuid5

from eventsourcing.domain import Aggregate

from runtime.provenance import AuditedEvent, Provenance

ACTIVE_RULESET_ID = uuid5(NAMESPACE_URL, "hotline-qa:inspection:active-ruleset")


class ActiveRuleSet(Aggregate):
    class Started(Aggregate.Created, AuditedEvent):
        pass

    class Activated(AuditedEvent):
        version: int
        rules: list[dict[str, Any]]

        def apply(self, aggregate: ActiveRuleSet) -> None:
            aggregate.active_version = self.version

    def __init__(self) -> None:
        self.active_version = 0

    @classmethod
    def start(cls, provenance: Provenance) -> ActiveRuleSet:
        return cls._create(cls.Started, id=ACTIVE_RULESET_ID, **provenance.event_kwargs())

    def activate(self, version: int, rules: list[dict[str, Any]], provenance: Provenance) -> bool:
        """Activate a newer version; an older or repeated announcement changes nothing."""
        if version <= self.active_version:
            return False
        self.trigger_event(
            self.Activated, version=version, rules=rules, **provenance.event_kwargs()
        )
        return True
