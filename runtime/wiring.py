"""From a service's declaration to its running parts: the context its endpoints and jobs use,
and the workers (relay, consumers, jobs) the supervisor runs."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Sequence
from typing import TypeVar

from contracts.events import IntegrationEvent
from contracts.subjects import subject_for
from runtime.clock import Clock
from runtime.consumer import TrackedConsumer
from runtime.deadletters.desk import DeadLetterDesk
from runtime.deadletters.queries import DeadLetterQueries
from runtime.deadletters.store import DEAD_LETTERS_DDL, DeadLetterStore
from runtime.declaration import ServiceContext, ServiceDeclaration
from runtime.eventstore import ServiceApplication, open_application
from runtime.readmodel import ensure_read_schema, open_pool, read_schema
from runtime.relay import OutboxRelay, service_relay
from runtime.scheduler import every
from runtime.settings import Settings
from runtime.sinks import ApplicationSink, ReadModelSink, Sink
from runtime.supervisor import Worker

TApp = TypeVar("TApp", bound=ServiceApplication)


async def open_context(
    service: ServiceDeclaration[TApp], settings: Settings, clock: Clock
) -> ServiceContext[TApp]:
    """Open the read model (schema and dead letters created) and the application; build the
    components, the dead-letter desk among them."""
    pool = await open_pool(settings)
    schema = read_schema(settings, service.name)
    await ensure_read_schema(pool, schema, f"{service.read_model_ddl};\n{DEAD_LETTERS_DDL}")
    env = service.environment(settings)
    application = await asyncio.to_thread(
        lambda: open_application(service.application, settings, service.name, **env)
    )
    application.clock = clock
    context = ServiceContext(settings, clock, application, pool, schema)
    store = DeadLetterStore(pool, schema, service.name)
    desk = DeadLetterDesk(store, DeadLetterQueries(pool, schema), settings.namespace)
    context.components.update(
        {
            service.application: application,
            Clock: clock,
            DeadLetterStore: store,
            DeadLetterDesk: desk,
        }
    )
    context.components.update({type(c): c for c in service.components(context)})
    return context


def relay_for(service: ServiceDeclaration[TApp], context: ServiceContext[TApp]) -> OutboxRelay:
    """The service's outbox relay, woken by every save of its application."""
    relay = service_relay(
        context.application,
        service.name,
        context.settings,
        service.to_contract,
        context.get(DeadLetterStore),
    )
    context.application.on_saved(relay.wake)
    return relay


def workers_of(
    service: ServiceDeclaration[TApp], context: ServiceContext[TApp], relay: OutboxRelay
) -> list[Worker]:
    """The relay, a consumer per policy and projection (its sink also replays its dead
    letters), a worker per job."""
    application = context.application
    workers = [Worker("relay", relay.run)]
    for policy in service.policies:
        sink = ApplicationSink(application, functools.partial(policy.command, application))
        workers.append(
            consumer_of(context, policy.consumer, policy.events, sink, policy.batch_size)
        )
    for projection in service.projections:
        project = projection.projector(context.read_schema)
        read_sink = ReadModelSink(context.pool, context.read_schema, projection.consumer, project)
        events, size = projection.events, projection.batch_size
        workers.append(consumer_of(context, projection.consumer, events, read_sink, size))
    for job in service.jobs:
        run = functools.partial(job.run, context)
        workers.append(Worker(job.name, every(job.seconds(context), context.clock, run)))
    return workers


def consumer_of(
    context: ServiceContext[TApp],
    durable: str,
    events: Sequence[type[IntegrationEvent]],
    sink: Sink,
    batch_size: int,
) -> Worker:
    namespace = context.settings.namespace
    context.get(DeadLetterDesk).sinks[durable] = sink
    dead_letters = context.get(DeadLetterStore)
    consumer = TrackedConsumer(
        namespace,
        durable,
        subjects_of(namespace, events),
        sink,
        batch_size,
        dead_letters=dead_letters,
    )
    return Worker(durable, consumer.run)


def subjects_of(namespace: str, events: Sequence[type[IntegrationEvent]]) -> list[str]:
    return [subject_for(namespace, event.producer, event.__name__) for event in events]
