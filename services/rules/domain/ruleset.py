"""A rule set version: a draft that may be revised until it is published, then immutable."""

from __future__ import annotations

from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from contracts.rulelang.budget import storage_problems
from runtime.provenance import AuditedEvent, Provenance
from services.rules.domain.validation import RuleError, validate_rules

DRAFT, PUBLISHED = "draft", "published"


class RuleSetError(Exception):
    """A command the rule set's state does not allow."""

    code = "immutable"


class InvalidRuleSetError(RuleSetError):
    code = "invalid_ruleset"

    def __init__(self, errors: list[RuleError], message: str | None = None) -> None:
        super().__init__(message or f"rule set has {len(errors)} error(s)")
        self.errors = errors


def ruleset_id(version: int) -> UUID:
    return uuid5(NAMESPACE_URL, f"hotline-qa:ruleset:{version}")


def refuse_unstorable(rules: list[dict[str, Any]]) -> None:
    """A draft may be invalid until it is published, but not nested too deeply to be stored."""
    if problems := storage_problems(rules):
        raise InvalidRuleSetError(problems, "rules are nested too deeply to be stored")


class RuleSetVersion(Aggregate):
    class Drafted(Aggregate.Created, AuditedEvent):
        version: int
        description: str
        rules: list[dict[str, Any]]
        based_on: int | None

    class Revised(AuditedEvent):
        description: str
        rules: list[dict[str, Any]]
        reason: str

        def apply(self, aggregate: RuleSetVersion) -> None:
            aggregate.description, aggregate.rules = self.description, self.rules

    class Published(AuditedEvent):
        version: int
        description: str
        rules: list[dict[str, Any]]

        def apply(self, aggregate: RuleSetVersion) -> None:
            aggregate.status = PUBLISHED
            aggregate.published_at = self.timestamp

    def __init__(
        self, version: int, description: str, rules: list[dict[str, Any]], based_on: int | None
    ) -> None:
        self.number = version  # not `version`: that is the aggregate's own event count
        self.description = description
        self.rules = rules
        self.based_on = based_on
        self.status = DRAFT
        self.published_at: Any = None

    @classmethod
    def draft(
        cls,
        version: int,
        description: str,
        rules: list[dict[str, Any]],
        based_on: int | None,
        provenance: Provenance,
    ) -> RuleSetVersion:
        refuse_unstorable(rules)
        return cls._create(
            cls.Drafted,
            id=ruleset_id(version),
            version=version,
            description=description,
            rules=rules,
            based_on=based_on,
            **provenance.event_kwargs(),
        )

    def revise(
        self, description: str, rules: list[dict[str, Any]], reason: str, provenance: Provenance
    ) -> None:
        if self.status == PUBLISHED:
            raise RuleSetError(f"version {self.number} is published and cannot change")
        refuse_unstorable(rules)
        if (description, rules) == (self.description, self.rules):
            return
        self.trigger_event(
            self.Revised,
            description=description,
            rules=rules,
            reason=reason,
            **provenance.event_kwargs(),
        )

    def validate(self) -> list[RuleError]:
        return validate_rules(self.rules)

    def publish(self, provenance: Provenance) -> bool:
        """Publish a valid draft; publishing it again changes nothing (False)."""
        if self.status == PUBLISHED:
            return False
        errors = self.validate()
        if errors:
            raise InvalidRuleSetError(errors)
        self.trigger_event(
            self.Published,
            version=self.number,
            description=self.description,
            rules=self.rules,
            **provenance.event_kwargs(),
        )
        return True
