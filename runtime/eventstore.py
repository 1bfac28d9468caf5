"""Event-sourced applications: on PostgreSQL, one schema per service; in memory for unit tests."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar, cast
from uuid import UUID

import psycopg
from eventsourcing.application import AggregateNotFoundError, Application, ProcessingEvent
from eventsourcing.domain import DomainEventProtocol, MutableOrImmutableAggregate
from eventsourcing.persistence import IntegrityError, Mapper, Recording, Tracking
from eventsourcing.popo import POPOFactory
from eventsourcing.postgres import PostgresFactory
from eventsourcing.utils import Environment, EnvType
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from runtime.cipher import cipher_settings
from runtime.clock import Clock, SystemClock
from runtime.event_limits import SizeCheckedMapper
from runtime.leadership import lock_id
from runtime.recorder import LookupRecorder, MemoryRecorder
from runtime.settings import Settings

TApp = TypeVar("TApp", bound="ServiceApplication")
TAggregate = TypeVar("TAggregate")
P = ParamSpec("P")
R = TypeVar("R")


class ServiceApplication(Application[UUID]):
    """A service's event-sourced application, on PostgreSQL or (unit tests) in memory.

    Listeners registered with `on_saved` hear of every save (the relay wakes up); `record` saves
    with a consumer's tracking record; the lookups answer without loading aggregates. Every
    stored event is encrypted (`runtime/cipher.py`) and refused, with nothing stored, when it
    would be too large to publish (`runtime/event_limits.py`).
    """

    recorder: LookupRecorder
    clock: Clock = SystemClock()
    """The service's clock; the runtime sets it, so commands and jobs read one time."""

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        super().__init__(env)
        self._saved_listeners: list[Callable[[], None]] = []

    def construct_env(self, name: str, env: EnvType | None = None) -> Environment:
        environment = super().construct_env(name, env)
        module = environment.get("PERSISTENCE_MODULE") or "eventsourcing.popo"
        in_memory = module.startswith("eventsourcing.popo")
        environment.update(cipher_settings(environment, in_memory))
        return environment

    def construct_mapper(self) -> Mapper[UUID]:
        return self.factory.mapper(self.construct_transcoder(), SizeCheckedMapper)

    def construct_recorder(self) -> LookupRecorder:
        if isinstance(self.factory, POPOFactory):
            return MemoryRecorder()
        return cast(LookupRecorder, self.factory.process_recorder())

    def on_saved(self, listener: Callable[[], None]) -> None:
        self._saved_listeners.append(listener)

    def _notify(self, recordings: list[Recording[UUID]]) -> None:
        if recordings:
            for listener in self._saved_listeners:
                listener()

    def record(
        self, *aggregates: MutableOrImmutableAggregate[UUID], tracking: Tracking | None = None
    ) -> list[Recording[UUID]]:
        """Save the aggregates' new events and, if given, the tracking record, atomically."""
        processing_event: ProcessingEvent[UUID] = ProcessingEvent(tracking)
        processing_event.collect_events(*aggregates)
        recordings = self._record(processing_event)
        self._notify(recordings)
        return recordings

    def find(self, aggregate_id: UUID, kind: type[TAggregate]) -> TAggregate | None:
        """The aggregate of that id and kind, or None when there is none."""
        try:
            aggregate: object = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None
        return aggregate if isinstance(aggregate, kind) else None

    def existing(self, ids: Sequence[UUID]) -> set[UUID]:
        """The ids among `ids` of aggregates that exist, in one query."""
        return self.recorder.existing_originators(ids) if ids else set()

    def latest_event(self, aggregate_id: UUID) -> DomainEventProtocol[UUID] | None:
        """The aggregate's most recent event, without replaying the others."""
        stored = self.recorder.select_events(aggregate_id, desc=True, limit=1)
        return self.mapper.to_domain_event(stored[0]) if stored else None

    def has_processed(self, tracking: Tracking) -> bool:
        return self.recorder.has_tracking(tracking)


def retry_on_conflict(command: Callable[P, R]) -> Callable[P, R]:
    """Run a command once more when a concurrent writer saved first.

    Optimistic concurrency (or a deterministic aggregate id) makes the later save fail as a
    whole with IntegrityError; the second run loads the state the other writer left.
    """

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except IntegrityError:
            return command(*args, **kwargs)

    return run


BASIC_CONNINFO_KEYS = frozenset({"dbname", "host", "port", "user", "password"})
"""The connection parameters eventsourcing takes one by one (POSTGRES_DBNAME, ...)."""


class PostgresURLFactory(PostgresFactory):
    """eventsourcing's PostgreSQL factory, with every other libpq parameter of the URL.

    The library takes only the database, host, port, user and password; `POSTGRES_CONNINFO`
    carries the rest of `QA_DATABASE_URL` (`sslmode`, `sslrootcert`, `sslcert`, `sslkey`,
    `target_session_attrs`, `application_name`, ...) as a libpq keyword string, which its
    connection pool merges into every connection.
    """

    POSTGRES_CONNINFO = "POSTGRES_CONNINFO"

    def __init__(self, env: Environment | EnvType | None) -> None:
        super().__init__(env)
        self.datastore.pool.conninfo = self.env.get(self.POSTGRES_CONNINFO) or ""


def postgres_env(database_url: str, schema: str, pool_size: int = 5) -> dict[str, str]:
    """The eventsourcing library's settings for a database URL and a schema."""
    params = conninfo_to_dict(database_url)
    extra = {key: value for key, value in params.items() if key not in BASIC_CONNINFO_KEYS}
    return {
        "PERSISTENCE_MODULE": "runtime.eventstore:PostgresURLFactory",
        "POSTGRES_DBNAME": str(params.get("dbname") or "postgres"),
        "POSTGRES_HOST": str(params.get("host") or "127.0.0.1"),
        "POSTGRES_PORT": str(params.get("port") or "5432"),
        "POSTGRES_USER": str(params.get("user") or "postgres"),
        "POSTGRES_PASSWORD": str(params.get("password") or ""),
        PostgresURLFactory.POSTGRES_CONNINFO: make_conninfo("", **extra),
        "POSTGRES_SCHEMA": schema,
        "POSTGRES_POOL_SIZE": str(pool_size),
        "POSTGRES_PRE_PING": "y",
        "POSTGRES_CONNECT_TIMEOUT": "2",
        "POSTGRES_MAX_OVERFLOW": str(pool_size),
        "SINGLE_ROW_TRACKING": "n",
        "PROCESS_RECORDER_TOPIC": "runtime.recorder:PostgresRecorder",
        "CREATE_TABLE": "y",
    }


@contextmanager
def schema_lock(database_url: str, schema: str) -> Iterator[None]:
    """Held while a replica creates the schema and the event store's tables: replicas starting
    at once on a new installation would race (IF NOT EXISTS is not safe against a concurrent
    CREATE), and the loser would fail its startup."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (lock_id(f"ddl:{schema}"),))
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (lock_id(f"ddl:{schema}"),))


def ensure_schema(database_url: str, schema: str) -> None:
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))


def open_application(cls: type[TApp], settings: Settings, service: str, **env: Any) -> TApp:
    """Construct a service's application on its own schema (created if missing)."""
    if settings.database_url is None:
        raise RuntimeError("no database URL configured (QA_DATABASE_URL)")
    schema = settings.schema(service)
    config = postgres_env(settings.database_url, schema)
    config.update({key: str(value) for key, value in env.items()})
    with schema_lock(settings.database_url, schema):
        ensure_schema(settings.database_url, schema)
        return cls(env=config)


def memory_application(cls: type[TApp], **env: Any) -> TApp:
    """The application on the library's in-memory persistence (unit tests)."""
    config = {"PERSISTENCE_MODULE": "eventsourcing.popo"}
    config.update({key: str(value) for key, value in env.items()})
    return cls(env=config)
