"""Bodies of the inspection API: calls received and read back, inspections listed and
summarised, verifications of training."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from contracts.api.rules import FieldProblem
from contracts.call import Call
from contracts.inspection import InspectionResult

MAX_BATCH_CALLS = 1_000

Stored = Literal["accepted", "duplicate"]
"""accepted: new, stored and inspected now; duplicate: the same call again, its stored result."""


class CallBatch(BaseModel):
    """Each call is validated on its own: invalid ones are reported, the others stored."""

    calls: list[Call] = Field(min_length=1, max_length=MAX_BATCH_CALLS)


class CallReceiptOut(BaseModel):
    """A call received: 201 when accepted, 200 when it is a duplicate."""

    call_id: str
    status: Stored
    inspection: InspectionResult


class InspectedItemOut(BaseModel):
    index: int = Field(description="position of the call in the batch")
    call_id: str
    status: Stored
    score: float
    grade: str
    passed: bool


class ConflictItemOut(BaseModel):
    """The call_id was already received with a different body; nothing was stored."""

    index: int
    call_id: str
    status: Literal["conflict"]


class InvalidItemOut(BaseModel):
    index: int
    call_id: str | None = Field(description="the item's call_id, when it has a readable one")
    status: Literal["invalid"]
    errors: list[FieldProblem]


class TooLargeItemOut(BaseModel):
    """The item is larger than one call may be (what POST /v1/calls answers with 413); it was
    not read further, nothing of it was stored."""

    index: int
    call_id: str | None = Field(description="the item's call_id, when it has a readable one")
    status: Literal["too_large"]
    error: Literal["payload_too_large"] = "payload_too_large"
    message: str
    limit_bytes: int = Field(description="the largest item accepted, in bytes of JSON")


BatchItemOut = Annotated[
    InspectedItemOut | ConflictItemOut | InvalidItemOut | TooLargeItemOut,
    Field(discriminator="status"),
]


class BatchCountsOut(BaseModel):
    accepted: int
    duplicate: int
    conflict: int
    invalid: int
    too_large: int


class BatchOut(BaseModel):
    counts: BatchCountsOut
    results: list[BatchItemOut] = Field(description="one item per call, in the batch's order")


class CallOut(BaseModel):
    call: Call = Field(description="the call as it was accepted")
    status: Literal["received", "inspected"]
    inspection: InspectionResult | None


class InspectionItemOut(BaseModel):
    call_id: str
    agent_id: str
    team_id: str
    started_at: datetime
    category: str | None = Field(description="the work order's category")
    ruleset_version: int
    score: float
    grade: str
    passed: bool
    vetoed: bool
    rule_codes: list[str] = Field(description="rules the call violated")
    inspected_at: datetime


class InspectionPageOut(BaseModel):
    items: list[InspectionItemOut]
    next_cursor: str | None = Field(description="pass it as `cursor` for the next page")


class InspectionSummaryOut(BaseModel):
    inspected: int
    passed: int
    pass_rate: float | None = Field(description="passed / inspected (质检通过率); null if none")
    average_score: float | None
    vetoed: int = Field(description="inspections failed by a red-line rule")
    grades: dict[str, int] = Field(description="inspections per grade")


class InspectionVerificationOut(BaseModel):
    """A verification of training as the inspection service holds it: outcome null until the
    window has passed (or enough calls followed training)."""

    verification_id: UUID
    programme_id: UUID
    agent_id: str
    rule_codes: list[str]
    trained_at: datetime
    window_days: int
    min_calls: int | None
    outcome: Literal["verified", "ineffective", "insufficient_data"] | None


class VerificationCheckOut(BaseModel):
    completed: list[UUID] = Field(description="verifications completed by this check")
