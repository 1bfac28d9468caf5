"""One replica at a time: a PostgreSQL advisory lock held on a connection of its own.

Several replicas of a service share its event store; each would relay the same notification
log. Only the holder of the service's relay lock relays; the others wait and take over when
the holder's connection goes (crash, network, shutdown: PostgreSQL releases the lock).
"""

from __future__ import annotations

import hashlib
import logging

import asyncpg

log = logging.getLogger(__name__)


class LeadershipLost(RuntimeError):
    """The lock's connection broke: another replica may lead now."""


def lock_id(key: str) -> int:
    """A stable signed 64-bit advisory lock id for a key."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)


class Leadership:
    def __init__(self, database_url: str, key: str) -> None:
        self.database_url = database_url
        self.key = key
        self._conn: asyncpg.Connection | None = None

    async def acquire(self) -> None:
        """Wait (in PostgreSQL) until this process holds the lock."""
        conn = await asyncpg.connect(self.database_url)
        try:
            await conn.execute("SELECT pg_advisory_lock($1)", lock_id(self.key))
        except BaseException:
            await conn.close()
            raise
        self._conn = conn
        log.info("leading %s", self.key)

    def check(self) -> None:
        if self._conn is None or self._conn.is_closed():
            raise LeadershipLost(f"lost the lock of {self.key}")

    async def release(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None
