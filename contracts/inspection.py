"""Integration events of the inspection service."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, model_validator

from contracts.call import Survey
from contracts.events import IntegrationEvent, register
from contracts.rulelang.evidence import Evidence as Evidence  # the engine's, published as is


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    rule_code: str
    rule_name: str
    dimension: str
    stage: str
    severity: str
    deduction: float
    suggestion: str
    evidence: list[Evidence] = Field(default_factory=list)


class InspectionResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    ruleset_version: int
    score: float
    grade: str
    passed: bool
    vetoed: bool = Field(description="a red-line rule was violated: fails whatever the score")
    findings: list[Finding]
    not_applicable: list[str]
    inspected_at: datetime


class CallHeader(BaseModel):
    """The fields of a call that consumers filter and group by."""

    model_config = ConfigDict(frozen=True)

    call_id: str
    agent_id: str
    team_id: str
    channel: str
    stage: str
    started_at: datetime
    category: str | None = None

    @classmethod
    def of(cls, call: Mapping[str, Any]) -> CallHeader:
        """The header of a call as stored (`Call.model_dump(mode="json")`)."""
        work_order = call.get("work_order") or {}
        return cls.model_validate(
            {key: call.get(key) for key in ("call_id", "agent_id", "team_id", "started_at")}
            | {
                "channel": call.get("channel") or "voice",
                "stage": call.get("stage") or "acceptance",
                "category": work_order.get("category"),
            }
        )


@register
class CallReceived(IntegrationEvent):
    """A call was received. Version 2 carries what consumers count and group by; the
    transcript and the work order (citizens' personal data) stay in the inspection service.
    A version 1 payload (`{"call": {...}}`, the whole call) is read as version 2."""

    producer = "inspection"
    schema_version: ClassVar[int] = 2

    header: CallHeader
    duration_ms: int | None = None
    survey: Survey | None = None

    @classmethod
    def of(cls, call: Mapping[str, Any]) -> CallReceived:
        """The event of a call as stored (`Call.model_dump(mode="json")`)."""
        return cls(
            header=CallHeader.of(call),
            duration_ms=call.get("duration_ms"),
            survey=call.get("survey"),
        )

    @model_validator(mode="before")
    @classmethod
    def _from_version_1(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and isinstance(data.get("call"), Mapping):
            return cls.of(data["call"]).model_dump()
        return data


@register
class InspectionCompleted(IntegrationEvent):
    producer = "inspection"

    header: CallHeader
    result: InspectionResult


@register
class VerificationCompleted(IntegrationEvent):
    """The agent's violation rate of the targeted rules on calls after training, against the
    same length of time before: verified when it fell, ineffective otherwise."""

    producer = "inspection"

    verification_id: UUID
    programme_id: UUID
    agent_id: str
    rule_codes: list[str]
    outcome: Literal["verified", "ineffective", "insufficient_data"]
    calls_before: int = Field(ge=0)
    calls_after: int = Field(ge=0)
    rate_before: float | None = Field(default=None, ge=0)
    rate_after: float | None = Field(default=None, ge=0)
    window_start: datetime
    window_end: datetime
