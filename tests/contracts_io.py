"""Publishing and reading contract events on the stream, as another service would."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

from nats.aio.client import Client

from contracts.envelope import GENESIS_HASH, SYSTEM_ACTOR, Actor, Envelope
from contracts.events import IntegrationEvent
from contracts.subjects import stream_name, subject_for
from runtime.nats_io import ensure_stream


async def publish(
    nc: Client,
    namespace: str,
    event: IntegrationEvent,
    notification_id: int,
    correlation: str,
    actor: Actor = SYSTEM_ACTOR,
) -> Envelope:
    """Publish `event` as its producer's relay would publish notification `notification_id`."""
    envelope = Envelope(
        event_id=uuid4(),
        event_type=event.event_type(),
        schema_version=event.schema_version,
        producer=event.producer,
        notification_id=notification_id,
        occurred_at=datetime.now(UTC),
        actor=actor,
        correlation_id=correlation,
        prev_hash=GENESIS_HASH,
        payload=event.model_dump(mode="json"),
    ).sealed()
    js = nc.jetstream()
    await ensure_stream(js, namespace)
    subject = subject_for(namespace, event.producer, type(event).__name__)
    await js.publish(subject, envelope.to_bytes(), headers={"Nats-Msg-Id": envelope.msg_id})
    return envelope


async def read_all(nc: Client, namespace: str, producer: str, event_name: str) -> list[Envelope]:
    """Every envelope of one event type on the stream so far."""
    js = nc.jetstream()
    subject = subject_for(namespace, producer, event_name)
    sub = await js.pull_subscribe(subject, stream=stream_name(namespace))
    envelopes: list[Envelope] = []
    try:
        while True:
            try:
                messages = await sub.fetch(100, timeout=0.5)
            except TimeoutError:
                return envelopes
            envelopes += [Envelope.from_bytes(m.data) for m in messages]
            for message in messages:
                await message.ack()
    finally:
        await sub.unsubscribe()
