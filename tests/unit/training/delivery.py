"""Other services' events delivered to the training application as its consumers would:
the policy's new events saved with the tracking record of the notification."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

from eventsourcing.persistence import Tracking

from contracts.envelope import GENESIS_HASH, Actor, Envelope
from contracts.events import IntegrationEvent
from contracts.inspection import VerificationCompleted
from services.training.application import TrainingApplication
from services.training.domain.programme import Programme

NOW = datetime(2025, 3, 3, 9, tzinfo=UTC)
EDITOR = Actor(id="editor-1", role="editor")


def envelope(event: IntegrationEvent, notification_id: int, correlation: str) -> Envelope:
    return Envelope(
        event_id=uuid4(),
        event_type=event.event_type(),
        schema_version=event.schema_version,
        producer=event.producer,
        notification_id=notification_id,
        occurred_at=NOW,
        actor=EDITOR,
        correlation_id=correlation,
        prev_hash=GENESIS_HASH,
        payload=event.model_dump(mode="json"),
    ).sealed()


def deliver(
    app: TrainingApplication, event: IntegrationEvent, notification_id: int, correlation: str
) -> list[Programme]:
    """Run the policy for `event` and save what it changed; return the programmes changed."""
    sealed = envelope(event, notification_id, correlation)
    if isinstance(event, VerificationCompleted):
        changed = app.on_verification_completed(sealed)
    else:
        changed = app.on_knowledge_event(sealed)
    app.record(*changed, tracking=Tracking(event.producer, notification_id))
    assert app.has_processed(Tracking(event.producer, notification_id))
    return changed
