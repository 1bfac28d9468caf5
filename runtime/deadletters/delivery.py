"""One delivered message as a tracked consumer judges it: its envelope, or why it failed."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

from nats.aio.msg import Msg

from contracts.envelope import Envelope
from runtime.deadletters.parse import PoisonMessageError, parse
from runtime.deadletters.store import DeadLetterStore, Letter, describe

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Retry:
    """A failing effect is tried `max_deliver` times, `delays[n - 1]` after its n-th failure
    (the last delay repeats), then dead-lettered. The server allows `SPARE` more deliveries:
    a process killed during the last attempt still gets the message back to dead-letter it."""

    max_deliver: int = 5
    delays: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0)
    SPARE = 2

    def delay(self, delivered: int) -> float:
        return self.delays[min(delivered, len(self.delays)) - 1]


@contextlib.asynccontextmanager
async def held(messages: Sequence[Msg], every: float) -> AsyncIterator[None]:
    """Tell the server, every `every` seconds, that the messages are still being worked on."""

    async def beat() -> None:
        while True:
            await asyncio.sleep(every)
            for message in messages:
                await message.in_progress()

    task = asyncio.create_task(beat())
    try:
        yield
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


@dataclass
class Delivery:
    message: Msg
    envelope: Envelope | None = None
    """When the message is one, even one that cannot be applied."""
    reason: str | None = None
    """Set once it failed: why it cannot be applied (never will be), or effect_failed."""
    error: str | None = None

    @classmethod
    def read(cls, namespace: str, message: Msg) -> Delivery:
        try:
            return cls(message, parse(namespace, message.subject, message.data))
        except PoisonMessageError as error:
            return cls(message, error.envelope, error.reason, str(error))

    @property
    def applicable(self) -> Envelope | None:
        return self.envelope if self.reason is None else None

    @property
    def retriable(self) -> bool:
        return self.reason == "effect_failed"

    def failed(self, error: Exception | None) -> None:
        if error is not None:
            self.reason, self.error = "effect_failed", describe(error)

    @property
    def what(self) -> str:
        if self.envelope is None:
            return f"message {self.message.metadata.sequence.stream}"
        return f"{self.envelope.event_type} {self.envelope.msg_id}"

    def letter(self, consumer: str) -> Letter:
        metadata = self.message.metadata
        return Letter(
            consumer=consumer,
            subject=self.message.subject,
            data=self.message.data,
            reason=self.reason or "effect_failed",
            error=self.error or "",
            delivered=metadata.num_delivered,
            stream_seq=metadata.sequence.stream,
            producer=self.envelope.producer if self.envelope else None,
            notification_id=self.envelope.notification_id if self.envelope else None,
        )


async def bury(store: DeadLetterStore | None, consumer: str, delivery: Delivery) -> None:
    """Keep the message as a dead letter; without a store (a bare consumer in a test) it is
    only logged."""
    letter = delivery.letter(consumer)
    if store is not None:
        await store.record(letter)
    else:
        log.error(
            "%s: no dead-letter store, dropping %s: %s", consumer, delivery.what, letter.error
        )
