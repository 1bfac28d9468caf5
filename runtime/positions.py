"""The relay's position in its service's notification log, kept beside the events."""

from __future__ import annotations

from typing import cast

from eventsourcing.postgres import PostgresDatastore
from psycopg import sql

from contracts.envelope import GENESIS_HASH
from runtime.eventstore import ServiceApplication


class RelayPositions:
    """Last published notification id and chain hash, per producer, in the service schema."""

    def __init__(self, app: ServiceApplication) -> None:
        self._datastore = cast(PostgresDatastore, app.recorder.datastore)  # type: ignore[attr-defined]
        self._table = sql.Identifier(self._datastore.schema or "public", "relay_position")
        with self._datastore.transaction(commit=True) as cursor:
            cursor.execute(
                sql.SQL(
                    "CREATE TABLE IF NOT EXISTS {} (producer text PRIMARY KEY,"
                    " notification_id bigint NOT NULL, hash text NOT NULL)"
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
        if row is None:
            return 0, GENESIS_HASH
        return int(row["notification_id"]), str(row["hash"])

    def save(self, producer: str, notification_id: int, chain_hash: str) -> None:
        with self._datastore.transaction(commit=True) as cursor:
            cursor.execute(
                sql.SQL(
                    "INSERT INTO {} (producer, notification_id, hash) VALUES (%s, %s, %s)"
                    " ON CONFLICT (producer) DO UPDATE"
                    " SET notification_id = EXCLUDED.notification_id, hash = EXCLUDED.hash"
                ).format(self._table),
                (producer, notification_id, chain_hash),
            )
