"""The two kinds of exactly-once effects a consumer can have.

`ApplicationSink`: the effect is new events in the consumer's own event store, saved with the
tracking record in one transaction (eventsourcing's process recorder).
`ReadModelSink`: the effect is rows in an asyncpg read model, written in one transaction with
tracking rows; events whose tracking row already exists are skipped.

`apply_each` applies a batch so that one failing message fails alone; `unreachable` tells a
store that cannot be reached (no message's fault) from a message whose effect fails.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol, TypeVar
from uuid import UUID

import asyncpg
from eventsourcing.domain import MutableOrImmutableAggregate
from eventsourcing.persistence import Tracking

from contracts.envelope import Envelope
from runtime.backoff import Backoff
from runtime.eventstore import ServiceApplication
from runtime.http import database_unavailable
from runtime.readmodel import in_schema

Policy = Callable[[Envelope], Sequence[MutableOrImmutableAggregate[UUID]]]
Projector = Callable[[asyncpg.Connection, Sequence[Envelope]], Awaitable[None]]
T = TypeVar("T")

log = logging.getLogger(__name__)


class Sink(Protocol):
    async def handle(self, envelopes: Sequence[Envelope]) -> None:
        """Apply the envelopes' effects exactly once (already-tracked ones are skipped)."""


def unreachable(error: BaseException) -> bool:
    """PostgreSQL could not be reached or would not serve (or a socket to it timed out): no
    message's fault, so no reason to count a delivery against it."""
    return database_unavailable(error) or isinstance(error, OSError)


async def patiently(who: str, step: Callable[[], Awaitable[T]]) -> T:
    """`step`, retried while the store is unreachable: waiting is all there is to do."""
    backoff = Backoff(cap=10.0)
    while True:
        try:
            return await step()
        except Exception as error:
            if not unreachable(error):
                raise
            delay = backoff.delay_after(0.0)
            log.warning("%s: store unreachable (%s), again in %.1fs", who, error, delay)
            await asyncio.sleep(delay)


async def apply_each(sink: Sink, envelopes: Sequence[Envelope]) -> list[Exception | None]:
    """Each envelope's failure, or None: the batch in one go, else one at a time (each with its
    tracking record), so that one failing message does not stop the others. An unreachable store
    is raised, being no message's fault."""
    try:
        await sink.handle(envelopes)
    except Exception as error:
        if unreachable(error):
            raise
        if len(envelopes) == 1:
            return [error]
        return [await _apply_one(sink, envelope) for envelope in envelopes]
    return [None] * len(envelopes)


async def _apply_one(sink: Sink, envelope: Envelope) -> Exception | None:
    try:
        await sink.handle([envelope])
    except Exception as error:
        if unreachable(error):
            raise
        return error
    return None


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
