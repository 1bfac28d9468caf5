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
from runtime.declaration import ServiceContext, ServiceDeclaration
from runtime.eventstore import ServiceApplication, open_application
from runtime.readmodel import ensure_read_schema, open_pool, read_schema
from runtime.relay import OutboxRelay, service_relay
from runtime.scheduler import every
from runtime.settings import Settings
from runtime.sinks import ApplicationSink, ReadModelSink
from runtime.supervisor import Worker

TApp = TypeVar("TApp", bound=ServiceApplication)


async def open_context(
    service: ServiceDeclaration[TApp], settings: Settings, clock: Clock
) -> ServiceContext[TApp]:
    """Open the read model (schema created) and the application; build the components."""
    pool = await open_pool(settings)
    schema = read_schema(settings, service.name)
    await ensure_read_schema(pool, schema, service.read_model_ddl)
    env = service.environment(settings)
    application = await asyncio.to_thread(
        lambda: open_application(service.application, settings, service.name, **env)
    )
    application.clock = clock
    context = ServiceContext(settings, clock, application, pool, schema)
    context.components.update({service.application: application, Clock: clock})
    context.components.update({type(c): c for c in service.components(context)})
    return context


def relay_for(service: ServiceDeclaration[TApp], context: ServiceContext[TApp]) -> OutboxRelay:
    """The service's outbox relay, woken by every save of its application."""
    relay = service_relay(context.application, service.name, context.settings, service.to_contract)
    context.application.on_saved(relay.wake)
    return relay


def workers_of(
    service: ServiceDeclaration[TApp], context: ServiceContext[TApp], relay: OutboxRelay
) -> list[Worker]:
    namespace, application = context.settings.namespace, context.application
    workers = [Worker("relay", relay.run)]
    for policy in service.policies:
        sink = ApplicationSink(application, functools.partial(policy.command, application))
        subjects = subjects_of(namespace, policy.events)
        consumer = TrackedConsumer(namespace, policy.consumer, subjects, sink, policy.batch_size)
        workers.append(Worker(policy.consumer, consumer.run))
    for projection in service.projections:
        project = projection.projector(context.read_schema)
        read_sink = ReadModelSink(context.pool, context.read_schema, projection.consumer, project)
        subjects = subjects_of(namespace, projection.events)
        consumer = TrackedConsumer(
            namespace, projection.consumer, subjects, read_sink, projection.batch_size
        )
        workers.append(Worker(projection.consumer, consumer.run))
    for job in service.jobs:
        run = functools.partial(job.run, context)
        workers.append(Worker(job.name, every(job.seconds(context), context.clock, run)))
    return workers


def subjects_of(namespace: str, events: Sequence[type[IntegrationEvent]]) -> list[str]:
    return [subject_for(namespace, event.producer, event.__name__) for event in events]
