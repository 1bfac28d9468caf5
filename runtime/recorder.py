"""The process recorders services run on: PostgreSQL in production, memory in unit tests.

Both answer the two lookups the library lacks, so service code never queries the event store
itself: which of these aggregates exist, and whether exactly this notification was processed
(the library's `has_tracking_id` compares with the highest id seen, which assumes in-order
delivery; JetStream redelivers a killed consumer's messages after newer ones).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError, ProcessRecorder, StoredEvent, Tracking
from eventsourcing.popo import POPOProcessRecorder
from eventsourcing.postgres import PostgresProcessRecorder
from psycopg import sql


class LookupRecorder(ProcessRecorder, ABC):
    @abstractmethod
    def existing_originators(self, ids: Sequence[UUID]) -> set[UUID]:
        """The ids among `ids` that have at least one stored event."""

    @abstractmethod
    def has_tracking(self, tracking: Tracking) -> bool:
        """Whether this exact (application, notification id) was recorded."""


class PostgresRecorder(PostgresProcessRecorder, LookupRecorder):
    """The library's PostgreSQL recorder, inserting without psycopg's pipeline mode.

    With inserts of a few megabytes (a batch of a few hundred calls) the library's pipelined
    insert stalls for good: the client waits for results while the server, in ClientRead, waits
    for the rest of the statement (psycopg 3.3.9, libpq 18, on unix sockets and TCP alike).
    Without the pipeline the same statements run in three round trips, in one transaction.
    """

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        with (
            self.datastore.get_connection() as conn,
            conn.transaction(),
            conn.cursor() as cursor,
        ):
            self._insert_events(cursor, stored_events, **kwargs)
            if not stored_events:
                return None
            self._insert_stored_events(cursor, stored_events, **kwargs)
            return self._fetch_ids_after_insert_events(cursor, stored_events, **kwargs)

    def existing_originators(self, ids: Sequence[UUID]) -> set[UUID]:
        query = sql.SQL(
            "SELECT originator_id FROM {} WHERE originator_id = ANY(%s) AND originator_version = 1"
        ).format(self._table(self.events_table_name))
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(query, (list(ids),))
            return {row["originator_id"] for row in cursor.fetchall()}

    def has_tracking(self, tracking: Tracking) -> bool:
        query = sql.SQL(
            "SELECT 1 FROM {} WHERE application_name = %s AND notification_id = %s"
        ).format(self._table(self.tracking_table_name))
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(query, (tracking.application_name, tracking.notification_id))
            return cursor.fetchone() is not None

    def _table(self, name: str) -> sql.Identifier:
        return sql.Identifier(self.datastore.schema or "public", name)


class MemoryRecorder(POPOProcessRecorder, LookupRecorder):
    """The library's in-memory recorder, keeping every tracking record instead of the highest."""

    def __init__(self) -> None:
        super().__init__()
        self._tracked: set[tuple[str, int]] = set()

    def _assert_tracking_uniqueness(self, tracking: Tracking) -> None:
        if self.has_tracking(tracking):
            raise IntegrityError(f"{tracking} was already recorded")

    def _insert_tracking(self, tracking: Tracking) -> None:
        super()._insert_tracking(tracking)
        self._tracked.add((tracking.application_name, tracking.notification_id))

    def existing_originators(self, ids: Sequence[UUID]) -> set[UUID]:
        return {i for i in ids if self.select_events(i, limit=1)}

    def has_tracking(self, tracking: Tracking) -> bool:
        return (tracking.application_name, tracking.notification_id) in self._tracked
