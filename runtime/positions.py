"""The relay's position in its service's notification log, kept beside the events.

The position never moves back under another relay's feet. A relay saves from the position it
last read or wrote itself: the save is refused (LeadershipLost) when the stored position has
since moved past the new one, which only another relay can have done, so a stale leader that
still believes it leads cannot rewind its successor's progress. Moving forward is always
allowed (what a relay published is published), and so is moving back from the relay's own
position (re-publishing after the stream was lost). An instance that has read no position (a
tool setting one on purpose) saves unconditionally.
"""

from __future__ import annotations

from typing import cast

from eventsourcing.postgres import PostgresDatastore
from psycopg import sql

from contracts.envelope import GENESIS_HASH
from runtime.eventstore import ServiceApplication
from runtime.leadership import LeadershipLost

_SAVE = (
    "INSERT INTO {} AS saved (producer, notification_id, hash) VALUES (%s, %s, %s)"
    " ON CONFLICT (producer) DO UPDATE"
    " SET notification_id = EXCLUDED.notification_id, hash = EXCLUDED.hash"
    " WHERE saved.notification_id <= EXCLUDED.notification_id"
    " OR saved.notification_id = %s OR %s"
    " RETURNING notification_id"
)


class PositionMovedError(LeadershipLost):
    """Another relay moved the position past ours since we read it: we are not leading."""


class RelayPositions:
    """Last published notification id and chain hash, per producer, in the service schema."""

    def __init__(self, app: ServiceApplication) -> None:
        self._datastore = cast(PostgresDatastore, app.recorder.datastore)  # type: ignore[attr-defined]
        self._table = sql.Identifier(self._datastore.schema or "public", "relay_position")
        self._known: dict[str, int] = {}
        """The position this instance last read or wrote, per producer."""
        with self._datastore.transaction(commit=True) as cursor:
            cursor.execute(
                sql.SQL(
                    "CREATE TABLE IF NOT EXISTS {0} (producer text PRIMARY KEY,"
                    " notification_id bigint NOT NULL, hash text NOT NULL);"
                    " ALTER TABLE {0} ADD COLUMN IF NOT EXISTS stream_created text"
                ).format(self._table)
            )

    def load(self, producer: str) -> tuple[int, str]:
        with self._datastore.transaction(commit=False) as cursor:
            cursor.execute(
                sql.SQL("SELECT notification_id, hash FROM {} WHERE producer = %s").format(
                    self._table
                ),
                (producer,),
            )
            row = cursor.fetchone()
        position = (
            (0, GENESIS_HASH) if row is None else (int(row["notification_id"]), str(row["hash"]))
        )
        self._known[producer] = position[0]
        return position

    def save(self, producer: str, notification_id: int, chain_hash: str) -> None:
        known = self._known.get(producer)
        with self._datastore.transaction(commit=True) as cursor:
            cursor.execute(
                sql.SQL(_SAVE).format(self._table),
                (producer, notification_id, chain_hash, known, known is None),
            )
            saved = cursor.fetchone()
        if saved is None:
            raise PositionMovedError(
                f"relay position of {producer}: another relay moved it past {notification_id}"
                f" since this one saw {known}; not moving it back"
            )
        self._known[producer] = notification_id

    def stream_of(self, producer: str) -> str | None:
        """When the stream the relay last published to was created, as NATS said, if known."""
        with self._datastore.transaction(commit=False) as cursor:
            cursor.execute(
                sql.SQL("SELECT stream_created FROM {} WHERE producer = %s").format(self._table),
                (producer,),
            )
            row = cursor.fetchone()
        return None if row is None else row["stream_created"]

    def remember_stream(self, producer: str, created: str) -> None:
        with self._datastore.transaction(commit=True) as cursor:
            cursor.execute(
                sql.SQL(
                    "INSERT INTO {} (producer, notification_id, hash, stream_created)"
                    " VALUES (%s, 0, %s, %s) ON CONFLICT (producer)"
                    " DO UPDATE SET stream_created = EXCLUDED.stream_created"
                ).format(self._table),
                (producer, GENESIS_HASH, created),
            )
