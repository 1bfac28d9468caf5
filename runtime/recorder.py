"""The library's PostgreSQL process recorder, inserting without psycopg's pipeline mode.

With inserts of a few megabytes (a batch of a few hundred calls) the library's pipelined
insert stalls for good: the client waits for results while the server, in ClientRead, waits
for the rest of the statement (psycopg 3.3.9, libpq 18, on unix sockets and TCP alike).
Without the pipeline the same statements run in three round trips, in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresProcessRecorder


class UnpipelinedProcessRecorder(PostgresProcessRecorder):
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
