"""A tiny producer and consumer used to prove the relay and the tracked consumer.

`tests.integration.plumbing_proc` runs them as processes that tests kill mid-stream.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Sequence
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, MutableOrImmutableAggregate

from contracts.envelope import Envelope
from contracts.events import IntegrationEvent, register
from runtime.consumer import TrackedConsumer
from runtime.eventstore import ServiceApplication, open_application
from runtime.nats_io import connect
from runtime.provenance import AuditedEvent, Provenance
from runtime.relay import OutboxRelay
from runtime.settings import Settings
from runtime.sinks import ApplicationSink

PRODUCER = "ticketing"


@register
class TicketOpened(IntegrationEvent):
    producer = PRODUCER

    number: int


class Ticket(Aggregate):
    class Opened(Aggregate.Created, AuditedEvent):
        number: int

    def __init__(self, number: int) -> None:
        self.number = number


class Effect(Aggregate):
    """One per consumed ticket event; a second effect for the same event would be a bug."""

    class Applied(Aggregate.Created, AuditedEvent):
        number: int

    def __init__(self, number: int) -> None:
        self.number = number


class Ticketing(ServiceApplication):
    def open_tickets(self, numbers: Sequence[int]) -> None:
        tickets = [
            Ticket._create(
                Ticket.Opened, id=uuid4(), number=n, **Provenance.system(f"t{n}").event_kwargs()
            )
            for n in numbers
        ]
        self.save(*tickets)


class Effects(ServiceApplication):
    def policy(self, envelope: Envelope) -> Sequence[MutableOrImmutableAggregate[UUID]]:
        number = TicketOpened.model_validate(envelope.payload).number
        provenance = Provenance.system(envelope.correlation_id, str(envelope.event_id))
        return [
            Effect._create(Effect.Applied, id=uuid4(), number=number, **provenance.event_kwargs())
        ]


def to_contract(event: Any) -> IntegrationEvent | None:
    if isinstance(event, Ticket.Opened):
        return TicketOpened(number=event.number)
    return None


def crash_at(count: int, limit: int | None) -> None:
    """SIGKILL this process once `count` reaches `limit`: a crash at a known point."""
    if limit is not None and count >= limit:
        os.kill(os.getpid(), signal.SIGKILL)


class CrashingRelay(OutboxRelay):
    crash_after: int | None = None

    async def _publish_batch(self, *args: Any) -> None:
        await super()._publish_batch(*args)
        crash_at(self.published, self.crash_after)


class CrashingSink:
    """Crashes after committing, before the messages are acknowledged: they are redelivered,
    and must have no second effect."""

    def __init__(self, sink: ApplicationSink, crash_after: int | None) -> None:
        self.sink = sink
        self.crash_after = crash_after
        self.handled = 0

    async def handle(self, envelopes: Sequence[Envelope]) -> None:
        await self.sink.handle(envelopes)
        self.handled += len(envelopes)
        crash_at(self.handled, self.crash_after)


async def run_relay(settings: Settings, batch_size: int, crash_after: int | None) -> None:
    app = open_application(Ticketing, settings, PRODUCER)
    nc = await connect(settings, "test-relay")
    relay = CrashingRelay(app, PRODUCER, settings.namespace, to_contract, batch_size)
    relay.crash_after = crash_after
    await relay.run(nc)


async def run_consumer(settings: Settings, batch_size: int, crash_after: int | None) -> None:
    app = open_application(Effects, settings, "effects")
    nc = await connect(settings, "test-consumer")
    subjects = [f"{settings.namespace}.{PRODUCER}.>"]
    sink = CrashingSink(ApplicationSink(app, app.policy), crash_after)
    consumer = TrackedConsumer(
        settings.namespace, "effects", subjects, sink, batch_size, ack_wait=2
    )
    await consumer.run(nc)
