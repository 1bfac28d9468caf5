"""One replica at a time: a PostgreSQL advisory lock held on a connection of its own.

Several replicas of a service share its event store; each would relay the same notification
log. Only the holder of the service's relay lock relays; the others wait and take over when
the holder's connection goes (crash, network, shutdown: PostgreSQL releases the lock).

A connection can go without this process noticing: after a network partition or a failover
the socket may stay open here while PostgreSQL has ended the session (and granted the lock to
another replica). So the leader probes its lock connection every `probe_seconds` (is the lock
still held by this session, answered within `probe_timeout`?) and, on any doubt, drops the
connection; `check()`, which the relay calls before each batch, then raises LeadershipLost.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging

import asyncpg

log = logging.getLogger(__name__)

HOLDS_LOCK = (
    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'"
    " AND pid = pg_backend_pid() AND granted)"
)
"""The lock connection holds no other advisory lock: any granted one is ours."""


class LeadershipLost(RuntimeError):
    """The lock's connection broke: another replica may lead now."""


def lock_id(key: str) -> int:
    """A stable signed 64-bit advisory lock id for a key."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)


class Leadership:
    def __init__(
        self, database_url: str, key: str, probe_seconds: float = 1.0, probe_timeout: float = 2.0
    ) -> None:
        self.database_url = database_url
        self.key = key
        self.probe_seconds = probe_seconds
        self.probe_timeout = probe_timeout
        self._conn: asyncpg.Connection | None = None
        self._probe: asyncio.Task[None] | None = None
        self._lost: str | None = None

    async def acquire(self) -> None:
        """Wait (in PostgreSQL) until this process holds the lock, then keep probing it."""
        conn = await asyncpg.connect(self.database_url)
        try:
            await conn.execute("SELECT pg_advisory_lock($1)", lock_id(self.key))
        except BaseException:
            conn.terminate()
            raise
        self._conn, self._lost = conn, None
        self._probe = asyncio.create_task(self._keep_probing(conn), name=f"probe {self.key}")
        log.info("leading %s", self.key)

    def check(self) -> None:
        if self._lost is not None or self._conn is None or self._conn.is_closed():
            reason = self._lost or "its connection is closed"
            raise LeadershipLost(f"lost the lock of {self.key}: {reason}")

    async def release(self) -> None:
        probe, self._probe = self._probe, None
        if probe is not None:
            probe.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await probe
        conn, self._conn = self._conn, None
        if conn is not None:
            await self._close(conn)

    async def _keep_probing(self, conn: asyncpg.Connection) -> None:
        while self._lost is None:
            await asyncio.sleep(self.probe_seconds)
            self._lost = await self._probe_once(conn)
        log.warning("no longer leading %s: %s", self.key, self._lost)
        conn.terminate()

    async def _probe_once(self, conn: asyncpg.Connection) -> str | None:
        """None while the lock is held, else why it may not be."""
        try:
            held = await conn.fetchval(HOLDS_LOCK, timeout=self.probe_timeout)
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError, TimeoutError) as error:
            return f"probe failed: {type(error).__name__}: {error}"
        return None if held else "the session no longer holds the lock"

    async def _close(self, conn: asyncpg.Connection) -> None:
        """Close politely, or drop the socket when PostgreSQL does not answer."""
        try:
            await conn.close(timeout=self.probe_timeout)
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError, TimeoutError):
            conn.terminate()
