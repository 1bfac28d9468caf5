"""The largest event a service may store: one that its relay can still publish.

NATS refuses a message over its `max_payload` (1 MiB by default). An event stored larger than that
would be accepted, then fail to publish for ever, holding up every event after it. So the event
is measured as it is stored (JSON, encrypted) and refused before anything is written.
"""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import CanSnapshotAggregate, DomainEventProtocol
from eventsourcing.persistence import Mapper, StoredEvent

MAX_EVENT_BYTES = 768 * 1024
"""Below NATS's default 1 MiB, leaving room for the envelope (ids, actor, hashes: < 1 KiB) and
for a contract payload somewhat larger than its domain event."""


class EventTooLargeError(ValueError):
    """An event over `MAX_EVENT_BYTES`: nothing of the save was stored."""

    code = "event_too_large"

    def __init__(self, event: str, size: int, limit: int = MAX_EVENT_BYTES) -> None:
        super().__init__(
            f"{event} would be {size} bytes; an event may be at most {limit} bytes "
            "(NATS's message limit, less the envelope)"
        )
        self.details = {"limit_bytes": limit}


class SizeCheckedMapper(Mapper[UUID]):
    """The library's mapper, refusing an event over `MAX_EVENT_BYTES` (snapshots, never
    published, are not checked)."""

    def to_stored_event(self, domain_event: DomainEventProtocol[UUID]) -> StoredEvent:
        stored = super().to_stored_event(domain_event)
        if len(stored.state) > MAX_EVENT_BYTES and not isinstance(
            domain_event, CanSnapshotAggregate
        ):
            raise EventTooLargeError(type(domain_event).__qualname__, len(stored.state))
        return stored
