"""What an operator does with a dead letter: replay it through its consumer's sink (exactly once,
by the sink's tracking), or discard it with a reason. Both are kept on the row and logged."""

from __future__ import annotations

import logging

import asyncpg

from contracts.api.deadletters import DeadLetterListQuery, DeadLetterOut, DeadLetterPageOut
from contracts.envelope import Actor
from runtime.deadletters.parse import parse
from runtime.deadletters.queries import DeadLetterQueries, detail
from runtime.deadletters.store import DeadLetterStore, describe
from runtime.sinks import Sink

log = logging.getLogger(__name__)


class DeadLetterNotFoundError(LookupError):
    code = "dead_letter_not_found"


class DeadLetterSettledError(Exception):
    code = "dead_letter_settled"


class NotReplayableError(Exception):
    code = "not_replayable"


class ReplayFailedError(Exception):
    code = "replay_failed"


ERRORS: dict[type[Exception], int] = {
    DeadLetterNotFoundError: 404,
    DeadLetterSettledError: 409,
    NotReplayableError: 409,
    ReplayFailedError: 409,
}


class DeadLetterDesk:
    def __init__(self, store: DeadLetterStore, queries: DeadLetterQueries, namespace: str) -> None:
        self.store = store
        self.queries = queries
        self.namespace = namespace
        self.sinks: dict[str, Sink] = {}
        """The sink of each consumer of this service, by durable name."""

    async def page(self, query: DeadLetterListQuery) -> DeadLetterPageOut:
        return await self.queries.page(query)

    async def get(self, letter_id: int) -> DeadLetterOut:
        return detail(await self._found(letter_id))

    async def replay(self, letter_id: int, actor: Actor) -> DeadLetterOut:
        """Apply the letter again; ReplayFailedError (and the row's error updated) if it fails."""
        row = await self._dead(letter_id)
        sink = self.sinks.get(row["consumer"])
        if sink is None:
            raise NotReplayableError(
                f"dead letter {letter_id} of {row['consumer']} has no consumer here to replay it"
                " (the relay's stay in the event store: docs/reliability.md)"
            )
        try:
            await sink.handle([parse(self.namespace, row["subject"], bytes(row["data"]))])
        except Exception as error:
            await self.store.failed_again(letter_id, describe(error))
            raise ReplayFailedError(f"replay failed: {describe(error)}") from error
        log.info("dead letter %d replayed by %s (%s)", letter_id, actor.id, actor.role)
        return await self._settle(letter_id, "replayed", actor)

    async def discard(self, letter_id: int, actor: Actor, reason: str) -> DeadLetterOut:
        await self._dead(letter_id)
        log.warning(
            "dead letter %d discarded by %s (%s): %s", letter_id, actor.id, actor.role, reason
        )
        return await self._settle(letter_id, "discarded", actor, reason)

    async def _found(self, letter_id: int) -> asyncpg.Record:
        row = await self.queries.get(letter_id)
        if row is None:
            raise DeadLetterNotFoundError(f"no dead letter {letter_id}")
        return row

    async def _dead(self, letter_id: int) -> asyncpg.Record:
        row = await self._found(letter_id)
        if row["status"] != "dead":
            raise DeadLetterSettledError(f"dead letter {letter_id} is already {row['status']}")
        return row

    async def _settle(
        self, letter_id: int, status: str, actor: Actor, note: str | None = None
    ) -> DeadLetterOut:
        if not await self.store.settle(letter_id, status, actor, note):
            raise DeadLetterSettledError(f"dead letter {letter_id} was settled meanwhile")
        return await self.get(letter_id)
