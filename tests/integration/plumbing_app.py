"""A tiny producer and consumer used to prove the relay and the tracked consumer.

`tests.integration.plumbing_proc` runs them as processes that tests kill mid-stream.
"""

from __future__ import annotations

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


async def run_relay(settings: Settings, batch_size: int) -> None:
    app = open_application(Ticketing, settings, PRODUCER)
    nc = await connect(settings, "test-relay")
    await OutboxRelay(app, PRODUCER, settings.namespace, to_contract, batch_size).run(nc)


async def run_consumer(settings: Settings, batch_size: int) -> None:
    app = open_application(Effects, settings, "effects")
    nc = await connect(settings, "test-consumer")
    subjects = [f"{settings.namespace}.{PRODUCER}.>"]
    sink = ApplicationSink(app, app.policy)
    consumer = TrackedConsumer(
        settings.namespace, "effects", subjects, sink, batch_size, ack_wait=2
    )
    await consumer.run(nc)
