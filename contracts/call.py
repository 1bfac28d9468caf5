"""The call a hotline platform pushes: the platforms' contract, so field names are fixed."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

import orjson
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    field_validator,
    model_validator,
)

MAX_SEGMENTS = 2_000
MAX_SEGMENT_CHARS = 5_000
MAX_CALL_CHARS = 100_000
MAX_EXTRA_FIELDS = 20
MAX_EXTRA_NAME_CHARS = 64
MAX_EXTRA_VALUE_BYTES = 2_000

NonEmptyText = Annotated[str, Field(min_length=1, max_length=MAX_SEGMENT_CHARS, pattern=r"\S")]
Identifier = Annotated[str, Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9._:\-]+$")]


class Role(StrEnum):
    AGENT = "agent"
    CUSTOMER = "customer"


class Channel(StrEnum):
    VOICE = "voice"
    CHAT = "chat"


class Stage(StrEnum):
    ACCEPTANCE = "acceptance"
    DISPATCH = "dispatch"
    CALLBACK = "callback"


class Segment(BaseModel):
    """One utterance; timestamps are milliseconds from the start of the call, when known."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Role
    text: NonEmptyText
    start_ms: int | None = Field(default=None, ge=0)
    end_ms: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _end_not_before_start(self) -> Segment:
        if self.start_ms is not None and self.end_ms is not None and self.end_ms < self.start_ms:
            raise ValueError("end_ms is before start_ms")
        return self


def _small_json(value: Any) -> Any:
    try:
        size = len(orjson.dumps(value))
    except TypeError as error:  # e.g. an integer beyond 64 bits
        raise ValueError(f"not storable as JSON: {error}") from error
    if size > MAX_EXTRA_VALUE_BYTES:
        raise ValueError(
            f"{size} bytes as JSON; an extra field holds at most {MAX_EXTRA_VALUE_BYTES}"
        )
    return value


ExtraValue = Annotated[JsonValue, AfterValidator(_small_json)]


class WorkOrder(BaseModel):
    """The work order (工单) the agent filled in. Beyond these fields, up to 20 more of the
    platform's own (names up to 64 characters, values up to 2,000 bytes as JSON)."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, ExtraValue] = Field(init=False)

    order_id: Identifier | None = None
    category: str | None = Field(default=None, max_length=200)
    department: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=500)
    content: str | None = Field(default=None, max_length=MAX_SEGMENT_CHARS)
    citizen_phone: str | None = Field(default=None, max_length=64)
    address: str | None = Field(default=None, max_length=500)
    created_at: datetime | None = None
    dispatched_at: datetime | None = None

    @model_validator(mode="after")
    def _few_extra_fields(self) -> WorkOrder:
        extra = self.model_extra or {}
        if len(extra) > MAX_EXTRA_FIELDS:
            raise ValueError(
                f"{len(extra)} extra fields; a work order has at most {MAX_EXTRA_FIELDS}"
            )
        long = next((name for name in extra if len(name) > MAX_EXTRA_NAME_CHARS), None)
        if long is not None:
            raise ValueError(
                f"extra field name {long[:20]}… is over {MAX_EXTRA_NAME_CHARS} characters"
            )
        return self


class Survey(BaseModel):
    model_config = ConfigDict(extra="forbid")

    satisfaction: int | None = Field(default=None, ge=1, le=5, description="1 (very poor) to 5")
    resolved: bool | None = None


class Call(BaseModel):
    """A call (or chat) as the platform sends it; `call_id` is the idempotency key."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "call_id": "HL-20261122-0001",
                    "agent_id": "A1001",
                    "team_id": "T01",
                    "channel": "voice",
                    "stage": "acceptance",
                    "started_at": "2026-11-22T09:30:00+08:00",
                    "duration_ms": 95000,
                    "segments": [
                        {
                            "role": "agent",
                            "text": "您好，很高兴为您服务，请问有什么可以帮您？",
                            "start_ms": 0,
                            "end_ms": 4000,
                        },
                        {
                            "role": "customer",
                            "text": "我家楼下的路灯坏了一个星期了，晚上很黑。",
                            "start_ms": 4500,
                            "end_ms": 9000,
                        },
                        {
                            "role": "agent",
                            "text": "这个我不知道，你去找街道办吧。",
                            "start_ms": 9500,
                            "end_ms": 12000,
                        },
                    ],
                    "work_order": {"category": "市政设施", "department": "城管局"},
                    "survey": {"satisfaction": 2, "resolved": False},
                }
            ]
        },
    )

    call_id: Identifier
    agent_id: Identifier
    team_id: Identifier
    channel: Channel = Channel.VOICE
    stage: Stage = Stage.ACCEPTANCE
    started_at: datetime
    duration_ms: int | None = Field(default=None, ge=0, le=24 * 3600 * 1000)
    segments: list[Segment] = Field(min_length=1, max_length=MAX_SEGMENTS)
    work_order: WorkOrder | None = None
    survey: Survey | None = None
    caller_id: str | None = Field(default=None, max_length=64, description="masked caller number")
    hotline: str | None = Field(default=None, max_length=64, description="hotline or tenant name")

    @field_validator("segments")
    @classmethod
    def _segments_in_order(cls, segments: list[Segment]) -> list[Segment]:
        last_start = -1
        for index, segment in enumerate(segments):
            if segment.start_ms is None:
                continue
            if segment.start_ms < last_start:
                raise ValueError(f"segment {index} starts before the segment it follows")
            last_start = segment.start_ms
        total = sum(len(s.text) for s in segments)
        if total > MAX_CALL_CHARS:
            raise ValueError(f"transcript has {total} characters; the limit is {MAX_CALL_CHARS}")
        return segments

    @property
    def has_timestamps(self) -> bool:
        return all(s.start_ms is not None and s.end_ms is not None for s in self.segments)
