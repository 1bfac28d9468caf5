"""Which of the inspection's domain events the other services hear of, and in what form."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import DomainEventProtocol

from contracts.comparison import Counts
from contracts.events import IntegrationEvent
from contracts.inspection import (
    CallHeader,
    CallReceived,
    InspectionCompleted,
    InspectionResult,
    VerificationCompleted,
)
from services.inspection.domain.call import InspectedCall
from services.inspection.domain.verification import Verification


def to_contract(event: DomainEventProtocol[UUID]) -> IntegrationEvent | None:
    if isinstance(event, InspectedCall.Received):
        return CallReceived(call=event.call)
    if isinstance(event, InspectedCall.Inspected):
        return InspectionCompleted(
            header=CallHeader.model_validate(event.header),
            result=InspectionResult.model_validate(event.result),
        )
    if isinstance(event, Verification.Completed):
        return verification_completed(event)
    return None


def verification_completed(event: Verification.Completed) -> VerificationCompleted:
    before = Counts(event.calls_before, event.violating_before)
    after = Counts(event.calls_after, event.violating_after)
    return VerificationCompleted(
        verification_id=event.originator_id,
        programme_id=UUID(event.programme_id),
        agent_id=event.agent_id,
        rule_codes=event.rule_codes,
        outcome=event.outcome,
        calls_before=before.calls,
        calls_after=after.calls,
        rate_before=before.rate,
        rate_after=after.rate,
        window_start=event.window_start,
        window_end=event.window_end,
    )
