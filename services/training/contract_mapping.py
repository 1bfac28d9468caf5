"""Which of the training service's domain events the other services hear of, and in what form."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import DomainEventProtocol

from contracts.events import IntegrationEvent
from contracts.training import ProgrammePublished, TrainingCompleted, VerificationRequested
from services.training.domain import events


def to_contract(event: DomainEventProtocol[UUID]) -> IntegrationEvent | None:
    if isinstance(event, events.Published):
        return ProgrammePublished(programme_id=event.originator_id, **event.draft)
    if isinstance(event, events.TraineeCompleted):
        return TrainingCompleted(
            programme_id=event.originator_id,
            trainee_id=event.trainee_id,
            level=event.level,
            score=event.score,
            attempts=event.attempts,
            completed_at=event.completed_at,
        )
    if isinstance(event, events.VerificationRequested):
        return VerificationRequested(
            verification_id=UUID(event.verification_id),
            programme_id=event.originator_id,
            agent_id=event.agent_id,
            rule_codes=event.rule_codes,
            trained_at=event.trained_at,
            window_days=event.window_days,
            min_calls=event.min_calls,
        )
    return None
