"""The versioned envelope every integration event travels in, with its hash chain.

Each producer chains its events: `hash = sha256(prev_hash + canonical JSON of the envelope
without its hash)`. An auditor who replays a producer's stream recomputes every hash and sees
at once if an event was altered, dropped or inserted.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any
from uuid import UUID

import orjson
from pydantic import BaseModel, ConfigDict, Field

GENESIS_HASH = "0" * 64


class Actor(BaseModel):
    """Who caused an event, and in which role (platform, inspector, qa_lead, system...)."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1, max_length=128)
    role: str = Field(min_length=1, max_length=64)


SYSTEM_ACTOR = Actor(id="system", role="system")


class Envelope(BaseModel):
    model_config = ConfigDict(frozen=True)

    event_id: UUID
    event_type: str = Field(
        description="producer-qualified type, e.g. inspection.InspectionCompleted"
    )
    schema_version: int = Field(ge=1)
    producer: str
    notification_id: int = Field(ge=1, description="position in the producer's event store log")
    occurred_at: datetime
    actor: Actor
    correlation_id: str = Field(description="the call or case this event belongs to")
    causation_id: str | None = Field(default=None, description="the event that caused this one")
    prev_hash: str
    hash: str = ""
    payload: dict[str, Any]

    def content_hash(self) -> str:
        body = self.model_dump(mode="json", exclude={"hash"})
        canonical = orjson.dumps(body, option=orjson.OPT_SORT_KEYS)
        return hashlib.sha256(self.prev_hash.encode() + canonical).hexdigest()

    def sealed(self) -> Envelope:
        """This envelope with its hash filled in."""
        return self.model_copy(update={"hash": self.content_hash()})

    def is_intact(self) -> bool:
        return self.hash == self.content_hash()

    def to_bytes(self) -> bytes:
        return orjson.dumps(self.model_dump(mode="json"))

    @classmethod
    def from_bytes(cls, data: bytes) -> Envelope:
        return cls.model_validate_json(data)

    @property
    def event_name(self) -> str:
        return self.event_type.rsplit(".", 1)[-1]

    @property
    def msg_id(self) -> str:
        """The JetStream de-duplication id: a re-publish of the same notification is dropped."""
        return f"{self.producer}:{self.notification_id}"
