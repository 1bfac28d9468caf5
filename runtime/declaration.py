"""What a service is, declared once.

Each service has one `services/<name>/service.py` holding a `ServiceDeclaration`: its name, its
event-sourced application, its read model, its routers, what it does with other services'
events, its periodic jobs and how its domain errors map to HTTP. `runtime.service` builds the
process from it (FastAPI app, relay, consumers, jobs, health), so every service runs the same way.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, TypeVar
from uuid import UUID

import asyncpg
from eventsourcing.domain import DomainEventProtocol, MutableOrImmutableAggregate
from fastapi import APIRouter

from contracts.envelope import Envelope
from contracts.events import IntegrationEvent
from runtime.clock import Clock
from runtime.eventstore import ServiceApplication
from runtime.settings import Settings

TApp = TypeVar("TApp", bound=ServiceApplication)
T = TypeVar("T")

ContractMapper = Callable[[DomainEventProtocol[UUID]], IntegrationEvent | None]
Command = Callable[[TApp, Envelope], Sequence[MutableOrImmutableAggregate[UUID]]]
Projector = Callable[[asyncpg.Connection, Sequence[Envelope]], Awaitable[None]]


@dataclass
class ServiceContext(Generic[TApp]):
    """What a running service holds: its settings, clock, application, read-model pool, and the
    components its declaration built (queries, jobs), found by their type."""

    settings: Settings
    clock: Clock
    application: TApp
    pool: asyncpg.Pool
    read_schema: str
    components: dict[object, object] = field(default_factory=dict)

    def get(self, kind: type[T]) -> T:
        component = self.components[kind]
        assert isinstance(component, kind)
        return component


@dataclass(frozen=True)
class Policy(Generic[TApp]):
    """Other services' events -> a command of this service's application; its new events are
    saved with the consumer's tracking record, in one transaction."""

    consumer: str
    events: Sequence[type[IntegrationEvent]]
    command: Command[TApp]
    batch_size: int = 100


@dataclass(frozen=True)
class Projection:
    """Events -> rows of this service's read model, written with tracking rows."""

    consumer: str
    events: Sequence[type[IntegrationEvent]]
    projector: Callable[[str], Projector]
    """Given the read schema, the function that writes a batch of envelopes."""
    batch_size: int = 500


@dataclass(frozen=True)
class Job(Generic[TApp]):
    """A periodic job: it runs at the service clock's time, every `seconds(context)`, and must be
    idempotent (it may run again for the same moment after a restart)."""

    name: str
    run: Callable[[ServiceContext[TApp], datetime], Awaitable[object]]
    seconds: Callable[[ServiceContext[TApp]], float]


@dataclass(frozen=True)
class ServiceDeclaration(Generic[TApp]):
    name: str
    title: str
    application: type[TApp]
    to_contract: ContractMapper
    routers: Sequence[APIRouter]
    read_model_ddl: str = ""
    policies: Sequence[Policy[TApp]] = ()
    projections: Sequence[Projection] = ()
    jobs: Sequence[Job[TApp]] = ()
    errors: Mapping[type[Exception], int] = field(default_factory=dict)
    """Domain exceptions and the HTTP status each is answered with."""
    environment: Callable[[Settings], Mapping[str, str]] = lambda _: {}
    """The application's own settings (its `env`), read from the process's settings."""
    components: Callable[[ServiceContext[TApp]], Sequence[object]] = lambda _: ()
    """Objects built once at startup (queries, jobs) that endpoints and jobs depend on."""
    unready_reason: Callable[[TApp], str | None] = lambda _: None
    """Besides PostgreSQL being reachable, why the service cannot do its work yet, if so."""
