"""Rules commands and queries: drafts, revisions, validation, publication, diff, dry run."""

from __future__ import annotations

from typing import Any

from contracts.call import Call
from contracts.envelope import Actor
from contracts.rulelang.engine import RuleOutcome
from runtime.eventstore import ServiceApplication
from runtime.provenance import Provenance
from services.rules.domain.catalog import CATALOG_ID, RuleCatalog
from services.rules.domain.diff import diff_rules
from services.rules.domain.ruleset import RuleSetVersion, ruleset_id
from services.rules.domain.validation import RuleError
from services.rules.dryrun import evaluate


class UnknownVersionError(LookupError):
    code = "not_found"


class RulesApplication(ServiceApplication):
    name = "Rules"

    def create_draft(
        self,
        description: str,
        rules: list[dict[str, Any]] | None,
        based_on: int | None,
        actor: Actor,
    ) -> RuleSetVersion:
        """A new draft version, with the given rules or a copy of `based_on`'s."""
        if rules is None:
            rules = self.version(based_on).rules if based_on else []
        catalog = self.catalog()
        provenance = Provenance(actor, f"ruleset:{(catalog.versions or [0])[-1] + 1}")
        version = catalog.allocate_version(provenance)
        draft = RuleSetVersion.draft(version, description, rules, based_on, provenance)
        self.save(catalog, draft)
        return draft

    def revise(
        self, version: int, description: str, rules: list[dict[str, Any]], reason: str, actor: Actor
    ) -> RuleSetVersion:
        ruleset = self.version(version)
        ruleset.revise(description, rules, reason, Provenance(actor, f"ruleset:{version}"))
        self.save(ruleset)
        return ruleset

    def publish(self, version: int, actor: Actor) -> RuleSetVersion:
        """Publish and put in force; idempotent for a version already published."""
        ruleset = self.version(version)
        provenance = Provenance(actor, f"ruleset:{version}")
        if ruleset.publish(provenance):
            catalog = self.catalog()
            catalog.activate(version, provenance)
            self.save(catalog, ruleset)
        return ruleset

    def validate(self, version: int) -> list[RuleError]:
        return self.version(version).validate()

    def diff(self, old: int, new: int) -> dict[str, Any]:
        return diff_rules(self.version(old).rules, self.version(new).rules)

    def dry_run(self, rules: list[dict[str, Any]], call: Call) -> list[RuleOutcome]:
        """Evaluate rules on a call without storing anything, in this thread (the API runs
        dry runs in a child process: `services.rules.dryrun`). Rules must be valid."""
        return evaluate(rules, call)

    def active(self) -> RuleSetVersion:
        active = self.catalog().active_version
        if active is None:
            raise UnknownVersionError("no rule set has been published yet")
        return self.version(active)

    def catalog(self) -> RuleCatalog:
        catalog = self.find(CATALOG_ID, RuleCatalog)
        return catalog or RuleCatalog.open(Provenance.system("rules-catalog"))

    def version(self, version: int) -> RuleSetVersion:
        ruleset = self.find(ruleset_id(version), RuleSetVersion)
        if ruleset is None:
            raise UnknownVersionError(f"no rule set version {version}")
        return ruleset

    def versions(self) -> list[RuleSetVersion]:
        return [self.version(v) for v in self.catalog().versions]
