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
        """One IssueFound per finding, then the completed inspection."""
        header_json = header.model_dump(mode="json")
        for finding in result.findings:
            self.trigger_event(
                self.IssueFound,
                header=header_json,
                ruleset_version=result.ruleset_version,
                finding=finding.model_dump(mode="json"),
                **provenance.event_kwargs(),
            )
        self.trigger_event(
            self.Inspected,
            header=header_json,
            result=result.model_dump(mode="json"),
            **provenance.event_kwargs(),
        )
