"""Dead letters: messages a consumer could not parse or apply, and events a relay could not
publish, kept for an operator to replay or discard; and the marker a relay publishes in place of
an event it withheld."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field

from contracts.envelope import Actor

DeadLetterStatus = Literal["dead", "replayed", "discarded"]
WithheldReason = Literal["too_large", "unmappable"]


class DeadLetterListQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    consumer: str | None = Field(default=None, description="a consumer's durable name, or relay")
    status: DeadLetterStatus | None = None
    limit: int = Field(default=50, ge=1, le=200)
    cursor: str | None = Field(default=None, description="next_cursor of the previous page")


LetterId = Annotated[int, Path(ge=1, le=2**63 - 1, description="the dead letter's id")]


class DiscardIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"reason": "test message published by mistake"}]},
    )

    reason: str = Field(min_length=1, max_length=2000, description="why it is not replayed")


class DeadLetterActionOut(BaseModel):
    """The last replay or discard: who, when, and (discard) why."""

    by: Actor
    at: datetime
    note: str | None


class DeadLetterSummaryOut(BaseModel):
    id: int
    consumer: str = Field(description="the consumer's durable name, or relay")
    subject: str
    stream_seq: int | None = Field(description="position in the stream (none for the relay)")
    producer: str | None = Field(description="when the message could be read as an envelope")
    notification_id: int | None
    reason: str = Field(
        description="malformed, broken_hash, wrong_subject, unknown_type, invalid_payload,"
        " effect_failed (consumers); too_large, unmappable (relay)"
    )
    error: str = Field(description="the last error")
    delivered: int = Field(description="deliveries when it was dead-lettered")
    size: int = Field(description="bytes of the message")
    first_failed_at: datetime
    last_failed_at: datetime
    status: DeadLetterStatus
    action: DeadLetterActionOut | None


class DeadLetterOut(DeadLetterSummaryOut):
    data: str = Field(description="the message as received (base64 when it is not UTF-8)")
    data_encoding: Literal["utf-8", "base64"]


class DeadLetterPageOut(BaseModel):
    items: list[DeadLetterSummaryOut]
    next_cursor: str | None = Field(description="pass as cursor for the next page")


class EventWithheld(BaseModel):
    """Payload of `<producer>.EventWithheld`: published by a relay, in the hash chain, in place
    of an event that could not be published; the event itself stays in the producer's store and
    in its dead letters."""

    model_config = ConfigDict(frozen=True)

    notification_id: int
    reason: WithheldReason
    event_type: str | None = Field(description="the contract event withheld, when it was mapped")
    size: int | None = Field(description="bytes of the withheld envelope")
    withheld_hash: str | None = Field(description="hash of the withheld envelope")
    dead_letter_id: int | None
