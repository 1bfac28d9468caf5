"""What the relay publishes for each notification: the envelope of its contract event, or, when
it cannot travel (it cannot be mapped, or its envelope is larger than NATS accepts), a small
`<producer>.EventWithheld` marker in its place.

A withheld notification becomes a relay dead letter; the marker takes its place in the hash
chain under the same event id. An auditor sees that an event was withheld, why, and the hash of
the withheld envelope (the dead letter's data hashes to it); consumers, who never subscribe to
the marker, go on with the next event. Markers are built from stored facts only, so a relay that
re-publishes a batch after a crash publishes the very same marker (docs/reliability.md).
A notification that cannot even be decoded is not withheld: the relay stops (and is restarted,
and reported) until the store or its configuration is mended.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import Notification

from contracts.api.deadletters import EventWithheld, WithheldReason
from contracts.envelope import Actor, Envelope
from contracts.events import IntegrationEvent
from contracts.subjects import subject_for
from runtime.deadletters.store import DeadLetterStore, Letter, describe
from runtime.eventstore import ServiceApplication
from runtime.provenance import AuditedEvent, Provenance

log = logging.getLogger(__name__)

ContractMapper = Callable[[DomainEventProtocol[UUID]], IntegrationEvent | None]
Outgoing = tuple[Envelope, bytes]

WITHHELD = "EventWithheld"
HEADROOM = 1024
"""Bytes of a message's headers and framing, within the server's max_payload."""
UNKNOWN_TIME = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Unsent:
    notification_id: int
    reason: WithheldReason
    error: str
    data: bytes
    """The envelope when it could be built, else the stored domain event."""
    envelope: Envelope | None = None


class Envelopes:
    def __init__(
        self,
        app: ServiceApplication,
        producer: str,
        namespace: str,
        to_contract: ContractMapper,
        dead_letters: DeadLetterStore | None,
    ) -> None:
        self.app = app
        self.producer = producer
        self.namespace = namespace
        self.to_contract = to_contract
        self.dead_letters = dead_letters
        self.max_payload = 1024 * 1024
        """The server's, set by the relay once connected."""

    async def of(self, notification: Notification, prev_hash: str) -> Outgoing | None:
        """The envelope to publish and its bytes, or None when other services do not hear of
        the notification's event. A notification that cannot be decoded raises: that is the
        store's fault or its configuration's (a cipher key), and withholding would withhold
        every event after it too."""
        event = self.app.mapper.to_domain_event(notification)
        try:
            envelope = self._envelope(notification.id, event, prev_hash)
        except Exception as error:
            log.exception("relay %s: notification %d unmappable", self.producer, notification.id)
            unsent = Unsent(notification.id, "unmappable", describe(error), notification.state)
            return await self._withhold(unsent, event, prev_hash)
        if envelope is None:
            return None
        data = envelope.to_bytes()
        if len(data) + HEADROOM <= self.max_payload:
            return envelope, data
        too_large = f"{len(data)} bytes, more than NATS accepts ({self.max_payload})"
        unsent = Unsent(notification.id, "too_large", too_large, data, envelope)
        return await self._withhold(unsent, event, prev_hash)

    def _envelope(
        self, notification_id: int, event: DomainEventProtocol[UUID], prev_hash: str
    ) -> Envelope | None:
        payload = self.to_contract(event)
        if payload is None:
            return None
        if not isinstance(event, AuditedEvent):
            raise TypeError(f"{type(event).__name__} carries no provenance")
        kind = (payload.event_type(), payload.schema_version)
        return self._seal(notification_id, event, kind, payload.model_dump(mode="json"), prev_hash)

    async def _withhold(
        self, unsent: Unsent, event: DomainEventProtocol[UUID], prev_hash: str
    ) -> Outgoing:
        """Record the dead letter; the marker to publish in the notification's place."""
        envelope = unsent.envelope
        marker = EventWithheld(
            notification_id=unsent.notification_id,
            reason=unsent.reason,
            event_type=envelope.event_type if envelope else None,
            size=len(unsent.data) if envelope else None,
            withheld_hash=envelope.hash if envelope else None,
            dead_letter_id=await self._record(unsent),
        )
        kind = (f"{self.producer}.{WITHHELD}", 1)
        payload = marker.model_dump(mode="json")
        sealed = self._seal(unsent.notification_id, event, kind, payload, prev_hash)
        return sealed, sealed.to_bytes()

    async def _record(self, unsent: Unsent) -> int | None:
        event_name = unsent.envelope.event_name if unsent.envelope else WITHHELD
        letter = Letter(
            consumer="relay",
            subject=subject_for(self.namespace, self.producer, event_name),
            data=unsent.data,
            reason=unsent.reason,
            error=unsent.error,
            producer=self.producer,
            notification_id=unsent.notification_id,
        )
        if self.dead_letters is None:
            log.error("relay %s: withholding %s: %s", self.producer, letter.source, letter.error)
            return None
        return await self.dead_letters.record(letter)

    def _seal(
        self,
        notification_id: int,
        event: DomainEventProtocol[UUID],
        kind: tuple[str, int],
        payload: dict[str, Any],
        prev_hash: str,
    ) -> Envelope:
        """The sealed envelope; the marker of an event without provenance (a bug) has the
        system's, and an unknown time."""
        if isinstance(event, AuditedEvent):
            actor = Actor.model_validate(event.actor)
            at, provenance = (
                event.timestamp,
                Provenance(actor, event.correlation_id, event.causation_id),
            )
        else:
            at, provenance = UNKNOWN_TIME, Provenance.system(f"notification:{notification_id}")
        return Envelope(
            event_id=uuid5(NAMESPACE_URL, f"{self.producer}:{notification_id}"),
            event_type=kind[0],
            schema_version=kind[1],
            producer=self.producer,
            notification_id=notification_id,
            occurred_at=at,
            actor=provenance.actor,
            correlation_id=provenance.correlation_id,
            causation_id=provenance.causation_id,
            prev_hash=prev_hash,
            payload=payload,
        ).sealed()
