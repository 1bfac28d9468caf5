"""Who did it and why: carried by every domain event so the relay can fill the envelope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventsourcing.domain import Aggregate

from contracts.envelope import SYSTEM_ACTOR, Actor


class AuditedEvent(Aggregate.Event):
    """Base of every domain event in this system: actor, correlation id and causation id."""

    actor: dict[str, str]
    correlation_id: str
    causation_id: str | None


@dataclass(frozen=True)
class Provenance:
    actor: Actor
    correlation_id: str
    causation_id: str | None = None

    def event_kwargs(self) -> dict[str, Any]:
        return {
            "actor": self.actor.model_dump(),
            "correlation_id": self.correlation_id,
            "causation_id": self.causation_id,
        }

    @classmethod
    def system(cls, correlation_id: str, causation_id: str | None = None) -> Provenance:
        return cls(SYSTEM_ACTOR, correlation_id, causation_id)
