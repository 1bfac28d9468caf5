"""Base class and registry of integration events (the payloads inside an `Envelope`)."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from contracts.envelope import Envelope


class IntegrationEvent(BaseModel):
    """A fact one service tells the others. Versioned; never a service's internal event."""

    model_config = ConfigDict(frozen=True)

    producer: ClassVar[str]
    schema_version: ClassVar[int] = 1

    @classmethod
    def event_type(cls) -> str:
        return f"{cls.producer}.{cls.__name__}"


REGISTRY: dict[str, type[IntegrationEvent]] = {}


def register(cls: type[IntegrationEvent]) -> type[IntegrationEvent]:
    REGISTRY[cls.event_type()] = cls
    return cls


def payload_of(envelope: Envelope) -> IntegrationEvent:
    """The typed payload of an envelope; unknown types raise KeyError."""
    return REGISTRY[envelope.event_type].model_validate(envelope.payload)


def json_schemas() -> dict[str, dict[str, Any]]:
    """JSON Schema of the envelope and of every payload defined in `contracts` (not of events
    that tests register for themselves), for docs and consumers."""
    schemas = {"Envelope": Envelope.model_json_schema()}
    schemas.update(
        {
            name: cls.model_json_schema()
            for name, cls in sorted(REGISTRY.items())
            if cls.__module__.startswith("contracts.")
        }
    )
    return schemas
