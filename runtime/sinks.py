"""The two kinds of exactly-once effects a consumer can have.

`ApplicationSink`: the effect is new events in the consumer's own event store, saved with the
tracking record in one transaction (eventsourcing's process recorder).
`ReadModelSink`: the effect is rows in an asyncpg read model, written in one transaction with
tracking rows; events whose tracking row already exists are skipped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from uuid import UUID

import asyncpg
from eventsourcing.domain import MutableOrImmutableAggregate
from eventsourcing.persistence import Tracking

from contracts.envelope import Envelope
from runtime.eventstore import ServiceApplication
from runtime.readmodel import in_schema

Policy = Callable[[Envelope], Sequence[MutableOrImmutableAggregate[UUID]]]
Projector = Callable[[asyncpg.Connection, Sequence[Envelope]], Awaitable[None]]


class ApplicationSink:
    def __init__(self, app: ServiceApplication, policy: Policy) -> None:
        self.app = app
        self.policy = policy

    async def handle(self, envelopes: Sequence[Envelope]) -> None:
        await asyncio.to_thread(self._apply_all, envelopes)

    def _apply_all(self, envelopes: Sequence[Envelope]) -> None:
        for envelope in envelopes:
            tracking = Tracking(envelope.producer, envelope.notification_id)
            if self.app.has_processed(tracking):
                continue
            self.app.record(*self.policy(envelope), tracking=tracking)


_CLAIM = """
INSERT INTO {schema}.tracking (consumer, producer, notification_id)
SELECT $1, p, n FROM unnest($2::text[], $3::bigint[]) AS t(p, n)
ON CONFLICT DO NOTHING
RETURNING producer, notification_id
"""


class ReadModelSink:
    def __init__(self, pool: asyncpg.Pool, schema: str, consumer: str, project: Projector) -> None:
        self.pool = pool
        self.consumer = consumer
        self.project = project
        (self._claim,) = in_schema(schema, _CLAIM)

    async def handle(self, envelopes: Sequence[Envelope]) -> None:
        async with self.pool.acquire() as conn, conn.transaction():
            claimed = await conn.fetch(
                self._claim,
                self.consumer,
                [e.producer for e in envelopes],
                [e.notification_id for e in envelopes],
            )
            new = {(row["producer"], row["notification_id"]) for row in claimed}
            fresh = [e for e in envelopes if (e.producer, e.notification_id) in new]
            if fresh:
                await self.project(conn, fresh)
