"""Event-sourced applications on PostgreSQL: one schema per service, tracking for consumers."""

from __future__ import annotations

from typing import Any, TypeVar, cast
from uuid import UUID

import psycopg
from eventsourcing.application import AggregateNotFoundError, Application, ProcessingEvent
from eventsourcing.domain import MutableOrImmutableAggregate
from eventsourcing.persistence import ProcessRecorder, Recording, Tracking
from eventsourcing.postgres import PostgresProcessRecorder
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from runtime.settings import Settings

TApp = TypeVar("TApp", bound="ServiceApplication")
TAggregate = TypeVar("TAggregate")


class ServiceApplication(Application[UUID]):
    """An application whose recorder also keeps tracking records of consumed events."""

    recorder: ProcessRecorder

    def construct_recorder(self) -> ProcessRecorder:
        return self.factory.process_recorder()

    def record(
        self, *aggregates: MutableOrImmutableAggregate[UUID], tracking: Tracking | None = None
    ) -> list[Recording[UUID]]:
        """Save the aggregates' new events and, if given, the tracking record, atomically."""
        processing_event: ProcessingEvent[UUID] = ProcessingEvent(tracking)
        processing_event.collect_events(*aggregates)
        return self._record(processing_event)

    def find(self, aggregate_id: UUID, kind: type[TAggregate]) -> TAggregate | None:
        """The aggregate of that id and kind, or None when there is none."""
        try:
            aggregate: object = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None
        return aggregate if isinstance(aggregate, kind) else None

    def has_processed(self, tracking: Tracking) -> bool:
        """Whether exactly this notification was processed.

        The library's `has_tracking_id` compares with the highest id seen, which assumes
        in-order delivery; JetStream redelivers a killed consumer's messages after newer ones.
        """
        recorder = cast(PostgresProcessRecorder, self.recorder)
        table = sql.Identifier(recorder.datastore.schema or "public", recorder.tracking_table_name)
        query = sql.SQL(
            "SELECT 1 FROM {} WHERE application_name = %s AND notification_id = %s"
        ).format(table)
        with recorder.datastore.transaction(commit=False) as cursor:
            cursor.execute(query, (tracking.application_name, tracking.notification_id))
            return cursor.fetchone() is not None


def postgres_env(database_url: str, schema: str, pool_size: int = 5) -> dict[str, str]:
    """The eventsourcing library's settings for a database URL and a schema."""
    params = conninfo_to_dict(database_url)
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": str(params.get("dbname") or "postgres"),
        "POSTGRES_HOST": str(params.get("host") or "127.0.0.1"),
        "POSTGRES_PORT": str(params.get("port") or "5432"),
        "POSTGRES_USER": str(params.get("user") or "postgres"),
        "POSTGRES_PASSWORD": str(params.get("password") or ""),
        "POSTGRES_SCHEMA": schema,
        "POSTGRES_POOL_SIZE": str(pool_size),
        "POSTGRES_MAX_OVERFLOW": str(pool_size),
        "SINGLE_ROW_TRACKING": "n",
        "PROCESS_RECORDER_TOPIC": "runtime.recorder:UnpipelinedProcessRecorder",
        "CREATE_TABLE": "y",
    }


def ensure_schema(database_url: str, schema: str) -> None:
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))


def open_application(cls: type[TApp], settings: Settings, service: str, **env: Any) -> TApp:
    """Construct a service's application on its own schema (created if missing)."""
    if settings.database_url is None:
        raise RuntimeError("no database URL configured (QA_DATABASE_URL)")
    schema = settings.schema(service)
    ensure_schema(settings.database_url, schema)
    config = postgres_env(settings.database_url, schema)
    config.update({key: str(value) for key, value in env.items()})
    return cls(env=config)
