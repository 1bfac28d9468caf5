"""Inspection commands: receive calls (inspected at once with the rule set in force)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, cast

from contracts.call import Call
from contracts.envelope import Actor, Envelope
from contracts.ruleset_events import RuleSetPublished
from runtime.eventstore import retry_on_conflict
from runtime.metrics import CALLS_FAILED, CALLS_RECEIVED, INSPECTION_SECONDS, RULE_VIOLATIONS
from runtime.provenance import Provenance
from services.inspection.domain.active_ruleset import ACTIVE_RULESET_ID, ActiveRuleSet
from services.inspection.domain.call import (
    InspectedCall,
    body_hash,
    call_aggregate_id,
    header_of,
)
from services.inspection.domain.grading import GradeScale
from services.inspection.domain.scoring import score_outcomes
from services.inspection.engine_cache import EngineCache
from services.inspection.verifications import VerificationCommands

ReceiptStatus = Literal["accepted", "duplicate", "conflict"]


class NoActiveRuleSetError(RuntimeError):
    """No rule set has been published yet, so calls cannot be inspected."""

    code = "no_active_ruleset"


@dataclass(frozen=True)
class Receipt:
    call_id: str
    status: ReceiptStatus
    result: dict[str, Any] | None


class InspectionApplication(VerificationCommands):
    name = "Inspection"

    def __init__(self, env: dict[str, str] | None = None) -> None:
        super().__init__(env)
        self.scale = GradeScale.parse(self.env.get("QA_GRADE_THRESHOLDS") or "90,80,60")
        self.engines = EngineCache()

    def receive_calls(self, calls: Sequence[Call], actor: Actor) -> list[Receipt]:
        """Inspect and store new calls in one transaction; report duplicates and conflicts.

        A concurrent request that stored one of the same calls first makes the save fail
        as a whole; it is retried once, and then sees that call as a repeat.
        """
        with INSPECTION_SECONDS.time():
            receipts = self._receive(calls, actor)
        count_receipts(receipts)
        return receipts

    @retry_on_conflict
    def _receive(self, calls: Sequence[Call], actor: Actor) -> list[Receipt]:
        version, rules = self._active_rules()
        engine = self.engines.get(version, rules)
        existing = self.existing([call_aggregate_id(c.call_id) for c in calls])
        fresh: dict[str, InspectedCall] = {}
        receipts: list[Receipt] = []
        now = self.clock.now()
        for call in calls:
            if call.call_id in fresh:
                receipts.append(_repeat_of(fresh[call.call_id], call))
            elif call_aggregate_id(call.call_id) in existing:
                receipts.append(_repeat_of(self._stored(call.call_id), call))
            else:
                provenance = Provenance(actor, call.call_id)
                aggregate = InspectedCall.receive(call, provenance)
                outcomes = engine.evaluate(call)
                result = score_outcomes(outcomes, engine.rules, version, self.scale, now)
                aggregate.record_inspection(header_of(call), result, provenance)
                fresh[call.call_id] = aggregate
                receipts.append(Receipt(call.call_id, "accepted", aggregate.result))
        if fresh:
            self.save(*fresh.values())
        return receipts

    def call(self, call_id: str) -> InspectedCall | None:
        return self.find(call_aggregate_id(call_id), InspectedCall)

    def unready_reason(self) -> str | None:
        """Calls cannot be inspected before a rule set is in force."""
        if isinstance(self.latest_event(ACTIVE_RULESET_ID), ActiveRuleSet.Activated):
            return None
        return "no rule set is in force yet"

    def activate(self, envelope: Envelope) -> list[ActiveRuleSet]:
        """Policy for RuleSetPublished: the announced version becomes the one in force."""
        published = RuleSetPublished.model_validate(envelope.payload)
        active = self._active_aggregate() or ActiveRuleSet.start(Provenance.system("ruleset"))
        provenance = Provenance(envelope.actor, envelope.correlation_id, str(envelope.event_id))
        rules = [rule.model_dump(mode="json") for rule in published.rules]
        active.activate(published.version, rules, provenance)
        return [active]

    def _stored(self, call_id: str) -> InspectedCall:
        return cast(InspectedCall, self.repository.get(call_aggregate_id(call_id)))

    def _active_aggregate(self) -> ActiveRuleSet | None:
        return self.find(ACTIVE_RULESET_ID, ActiveRuleSet)

    def _active_rules(self) -> tuple[int, list[dict[str, Any]]]:
        """The latest activation, read with one indexed query per batch."""
        event = self.latest_event(ACTIVE_RULESET_ID)
        if not isinstance(event, ActiveRuleSet.Activated):
            raise NoActiveRuleSetError("no rule set has been published yet")
        return event.version, event.rules


def _repeat_of(stored: InspectedCall, call: Call) -> Receipt:
    """The same call id again: a duplicate if the body is the same, else a conflict."""
    if stored.body_hash != body_hash(call):
        return Receipt(call.call_id, "conflict", None)
    return Receipt(call.call_id, "duplicate", stored.result)


def count_receipts(receipts: Sequence[Receipt]) -> None:
    for receipt in receipts:
        CALLS_RECEIVED.labels(receipt.status).inc()
        if receipt.status == "accepted" and receipt.result is not None:
            CALLS_FAILED.inc(not receipt.result["passed"])
            for finding in receipt.result["findings"]:
                RULE_VIOLATIONS.labels(finding["rule_code"]).inc()
