"""Which of the inspection's domain events the other services hear of, and in what form."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import DomainEventProtocol

from contracts.events import IntegrationEvent
from contracts.inspection import (
    CallHeader,
    CallReceived,
    Finding,
    InspectionCompleted,
    InspectionResult,
    IssueFound,
)
from services.inspection.domain.call import InspectedCall


def to_contract(event: DomainEventProtocol[UUID]) -> IntegrationEvent | None:
    if isinstance(event, InspectedCall.Received):
        return CallReceived(call=event.call)
    if isinstance(event, InspectedCall.IssueFound):
        return IssueFound(
            header=CallHeader.model_validate(event.header),
            ruleset_version=event.ruleset_version,
            finding=Finding.model_validate(event.finding),
        )
    if isinstance(event, InspectedCall.Inspected):
        return InspectionCompleted(
            header=CallHeader.model_validate(event.header),
            result=InspectionResult.model_validate(event.result),
        )
    return None
