"""The dead-letter table of a service's read schema, and recording a letter in it.

A letter is keyed by (consumer, source): the message's `<producer>:<notification id>` when it
could be read, else its stream position and a digest of its bytes. Recording the same message
again (a process killed before it acknowledged) updates the one row. Times are the database's:
dead letters are operations' facts, not the service clock's.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

import asyncpg

from contracts.envelope import Actor
from runtime.metrics import DEAD_LETTERS
from runtime.readmodel import in_schema

log = logging.getLogger(__name__)

DEAD_LETTERS_DDL = """
CREATE TABLE IF NOT EXISTS {schema}.dead_letters (
    id bigserial PRIMARY KEY,
    consumer text NOT NULL,
    source text NOT NULL,
    subject text NOT NULL,
    stream_seq bigint,
    producer text,
    notification_id bigint,
    data bytea NOT NULL,
    reason text NOT NULL,
    error text NOT NULL,
    delivered integer NOT NULL,
    first_failed_at timestamptz NOT NULL DEFAULT now(),
    last_failed_at timestamptz NOT NULL DEFAULT now(),
    status text NOT NULL DEFAULT 'dead' CHECK (status IN ('dead', 'replayed', 'discarded')),
    acted_by text,
    acted_role text,
    acted_at timestamptz,
    note text,
    UNIQUE (consumer, source)
);
CREATE INDEX IF NOT EXISTS dead_letters_newest
    ON {schema}.dead_letters (first_failed_at DESC, id DESC)
"""

_RECORD = """
INSERT INTO {schema}.dead_letters (consumer, source, subject, stream_seq, producer,
    notification_id, data, reason, error, delivered)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (consumer, source) DO UPDATE SET subject = EXCLUDED.subject,
    stream_seq = EXCLUDED.stream_seq, data = EXCLUDED.data, reason = EXCLUDED.reason,
    error = EXCLUDED.error, delivered = GREATEST(dead_letters.delivered, EXCLUDED.delivered),
    last_failed_at = now(), status = 'dead'
RETURNING id, (xmax = 0) AS inserted
"""
_FAILED_AGAIN = """
UPDATE {schema}.dead_letters SET error = $2, last_failed_at = now() WHERE id = $1
"""
_SETTLE = """
UPDATE {schema}.dead_letters SET status = $2, acted_by = $3, acted_role = $4, acted_at = now(),
    note = $5
WHERE id = $1 AND status = 'dead' RETURNING id
"""

MAX_ERROR_CHARS = 4000


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:MAX_ERROR_CHARS]


@dataclass(frozen=True)
class Letter:
    consumer: str
    subject: str
    data: bytes
    reason: str
    error: str
    delivered: int = 1
    stream_seq: int | None = None
    producer: str | None = None
    notification_id: int | None = None

    @property
    def source(self) -> str:
        if self.producer is not None and self.notification_id is not None:
            return f"{self.producer}:{self.notification_id}"
        return f"seq:{self.stream_seq}:{hashlib.sha256(self.data).hexdigest()[:16]}"


class DeadLetterStore:
    def __init__(self, pool: asyncpg.Pool, schema: str, service: str) -> None:
        self.pool = pool
        self.schema = schema
        self.service = service
        self._record, self._failed_again, self._settle = in_schema(
            schema, _RECORD, _FAILED_AGAIN, _SETTLE
        )

    async def record(self, letter: Letter) -> int:
        """Keep the letter (once per message), count it and log it; its id."""
        row = await self.pool.fetchrow(
            self._record,
            *(letter.consumer, letter.source, letter.subject, letter.stream_seq),
            *(letter.producer, letter.notification_id, letter.data),
            *(letter.reason, letter.error, letter.delivered),
        )
        assert row is not None
        if row["inserted"]:
            DEAD_LETTERS.labels(self.service, letter.consumer, letter.reason).inc()
        log.error(
            "%s: dead letter %d (%s, %s on %s): %s",
            *(self.service, row["id"], letter.consumer, letter.reason, letter.subject),
            letter.error,
        )
        return int(row["id"])

    async def failed_again(self, letter_id: int, error: str) -> None:
        await self.pool.execute(self._failed_again, letter_id, error)

    async def settle(
        self, letter_id: int, status: str, actor: Actor, note: str | None = None
    ) -> bool:
        """Mark a dead letter replayed or discarded by `actor`; False when it is not dead."""
        settled = await self.pool.fetchval(
            self._settle, letter_id, status, actor.id, actor.role, note
        )
        return settled is not None
