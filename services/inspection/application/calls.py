"""Receiving calls: each new call is inspected at once with the rule set in force, which
follows the rules service's announcements. The rules judge the call as posted; the call and
the result are kept with citizens' personal data masked (domain/privacy.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from contracts.call import Call
from contracts.envelope import Actor, Envelope
from contracts.inspection import InspectionResult
from contracts.ruleset_events import RuleSetPublished
from runtime.eventstore import ServiceApplication, retry_on_conflict
from runtime.metrics import CALLS_FAILED, CALLS_RECEIVED, INSPECTION_SECONDS, RULE_VIOLATIONS
from runtime.personal_data import Masker
from runtime.provenance import Provenance
from services.inspection.application.engines import Engine, EngineCache
from services.inspection.domain.active_ruleset import ACTIVE_RULESET_ID, ActiveRuleSet
from services.inspection.domain.call import InspectedCall, body_hash, call_aggregate_id, header_of
from services.inspection.domain.grading import GradeScale
from services.inspection.domain.privacy import mask_call, mask_result
from services.inspection.domain.scoring import score_outcomes

ReceiptStatus = Literal["accepted", "duplicate", "conflict"]


class NoActiveRuleSetError(RuntimeError):
    """No rule set has been published yet, so calls cannot be inspected."""

    code = "no_active_ruleset"


class CallConflictError(Exception):
    """The call id was already received with a different body."""

    code = "conflict"


class CallNotFoundError(LookupError):
    code = "not_found"


@dataclass(frozen=True)
class Receipt:
    call_id: str
    status: ReceiptStatus
    result: InspectionResult | None
    """The call's inspection; None for a conflict."""


class CallCommands(ServiceApplication):
    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        super().__init__(env)
        self.scale = GradeScale.parse(self.env.get("QA_GRADE_THRESHOLDS") or "90,80,60")
        self.engines = EngineCache()
        self.masker = Masker.from_env(self.env)

    def receive_calls(self, calls: Sequence[Call], actor: Actor) -> list[Receipt]:
        """Inspect and store new calls in one transaction; report duplicates and conflicts.

        A concurrent request that stored one of the same calls first makes the save fail
        as a whole; it is retried once, and then sees that call as a repeat.
        """
        with INSPECTION_SECONDS.time():
            receipts = self._receive(calls, actor)
        count_receipts(receipts)
        return receipts

    def receive_call(self, call: Call, actor: Actor) -> Receipt:
        """One call: accepted or a duplicate; CallConflictError for another body."""
        receipt = self.receive_calls([call], actor)[0]
        if receipt.status == "conflict":
            message = f"call_id {call.call_id} was already received with a different body"
            raise CallConflictError(message)
        return receipt

    @retry_on_conflict
    def _receive(self, calls: Sequence[Call], actor: Actor) -> list[Receipt]:
        engine = self.engines.get(*self._active_rules())
        existing = self.existing([call_aggregate_id(c.call_id) for c in calls])
        fresh: dict[str, InspectedCall] = {}
        receipts: list[Receipt] = []
        for call in calls:
            masked = mask_call(call, self.masker)
            if call.call_id in fresh:
                receipts.append(_repeat_of(fresh[call.call_id], call, masked))
            elif call_aggregate_id(call.call_id) in existing:
                receipts.append(_repeat_of(self.call(call.call_id), call, masked))
            else:
                provenance = Provenance(actor, call.call_id)
                aggregate, result = self._inspect(call, masked, engine, provenance)
                fresh[call.call_id] = aggregate
                receipts.append(Receipt(call.call_id, "accepted", result))
        if fresh:
            self.save(*fresh.values())
        return receipts

    def _inspect(
        self, call: Call, masked: Call, engine: Engine, provenance: Provenance
    ) -> tuple[InspectedCall, InspectionResult]:
        """Judge the call as posted; keep the masked call and evidence."""
        aggregate = InspectedCall.receive(masked, provenance)
        outcomes, now = engine.evaluate(call), self.clock.now()
        result = score_outcomes(outcomes, engine.rules, engine.version, self.scale, now)
        result = mask_result(result, call, masked, self.masker)
        aggregate.record_inspection(header_of(masked), result, provenance)
        return aggregate, result

    def call(self, call_id: str) -> InspectedCall:
        stored = self.find(call_aggregate_id(call_id), InspectedCall)
        if stored is None:
            raise CallNotFoundError(f"no call with call_id {call_id}")
        return stored

    def unready_reason(self) -> str | None:
        """Calls cannot be inspected before a rule set is in force."""
        if isinstance(self.latest_event(ACTIVE_RULESET_ID), ActiveRuleSet.Activated):
            return None
        return "no rule set is in force yet"

    def activate(self, envelope: Envelope) -> list[ActiveRuleSet]:
        """Policy for RuleSetPublished: the announced version becomes the one in force."""
        published = RuleSetPublished.model_validate(envelope.payload)
        active = self.find(ACTIVE_RULESET_ID, ActiveRuleSet)
        active = active or ActiveRuleSet.start(Provenance.system("ruleset"))
        provenance = Provenance(envelope.actor, envelope.correlation_id, str(envelope.event_id))
        rules = [rule.model_dump(mode="json") for rule in published.rules]
        active.activate(published.version, rules, provenance)
        return [active]

    def _active_rules(self) -> tuple[int, list[dict[str, Any]]]:
        """The latest activation, read with one indexed query per batch."""
        event = self.latest_event(ACTIVE_RULESET_ID)
        if not isinstance(event, ActiveRuleSet.Activated):
            raise NoActiveRuleSetError("no rule set has been published yet")
        return event.version, event.rules


def _repeat_of(stored: InspectedCall, call: Call, masked: Call) -> Receipt:
    """The same call id again: a duplicate if the body is the same, else a conflict. The
    stored hash is of the masked call (of the call as posted, for calls stored before masking)."""
    if stored.body_hash not in (body_hash(masked), body_hash(call)):
        return Receipt(call.call_id, "conflict", None)
    result = InspectionResult.model_validate(stored.result) if stored.result else None
    return Receipt(call.call_id, "duplicate", result)


def count_receipts(receipts: Sequence[Receipt]) -> None:
    for receipt in receipts:
        CALLS_RECEIVED.labels(receipt.status).inc()
        if receipt.status == "accepted" and receipt.result is not None:
            CALLS_FAILED.inc(not receipt.result.passed)
            for finding in receipt.result.findings:
                RULE_VIOLATIONS.labels(finding.rule_code).inc()
