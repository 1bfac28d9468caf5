"""The inspected call: received once, inspected with the rule set in force, findings as events."""

from __future__ import annotations

import hashlib
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

import orjson
from eventsourcing.domain import Aggregate

from contracts.call import Call
from contracts.inspection import CallHeader, InspectionResult
from runtime.provenance import AuditedEvent, Provenance


def call_aggregate_id(call_id: str) -> UUID:
    """The platform's call id is the idempotency key: one aggregate per call id."""
    return uuid5(NAMESPACE_URL, f"hotline-qa:call:{call_id}")


def body_hash(call: Call) -> str:
    canonical = orjson.dumps(call.model_dump(mode="json"), option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(canonical).hexdigest()


def header_of(call: Call) -> CallHeader:
    category = call.work_order.category if call.work_order else None
    return CallHeader(
        call_id=call.call_id,
        agent_id=call.agent_id,
        team_id=call.team_id,
        channel=call.channel.value,
        stage=call.stage.value,
        started_at=call.started_at,
        category=category,
    )


class InspectedCall(Aggregate):
    class Received(Aggregate.Created, AuditedEvent):
        call: dict[str, Any]
        body_hash: str

    class IssueFound(AuditedEvent):
        """Historical: calls stored before findings were kept in `Inspected` alone still have
        these events, which replay unchanged; nothing triggers new ones."""

        header: dict[str, Any]
        ruleset_version: int
        finding: dict[str, Any]

    class Inspected(AuditedEvent):
        header: dict[str, Any]
        result: dict[str, Any]

        def apply(self, aggregate: InspectedCall) -> None:
            aggregate.result = self.result

    def __init__(self, call: dict[str, Any], body_hash: str) -> None:
        self.call = call
        self.body_hash = body_hash
        self.result: dict[str, Any] | None = None

    @classmethod
    def receive(cls, call: Call, provenance: Provenance) -> InspectedCall:
        return cls._create(
            cls.Received,
            id=call_aggregate_id(call.call_id),
            call=call.model_dump(mode="json"),
            body_hash=body_hash(call),
            **provenance.event_kwargs(),
        )

    def record_inspection(
        self, header: CallHeader, result: InspectionResult, provenance: Provenance
    ) -> None:
        """The completed inspection, its findings included (their one source)."""
        self.trigger_event(
            self.Inspected,
            header=header.model_dump(mode="json"),
            result=result.model_dump(mode="json"),
            **provenance.event_kwargs(),
        )
