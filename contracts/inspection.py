"""Integration events of the inspection service."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

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


@register
class CallReceived(IntegrationEvent):
    producer = "inspection"

    call: dict[str, Any] = Field(description="the call exactly as accepted (contracts.call.Call)")


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
