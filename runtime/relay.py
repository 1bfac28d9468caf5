"""Outbox relay: publishes a service's notification log to JetStream, in order, exactly once.

The event store is the outbox. The relay reads notifications after its saved position, maps
each domain event to a contract event (or skips it), publishes with
`Nats-Msg-Id = "<producer>:<notification id>"`, waits for every ack, then saves its position
and chain hash. A crash between publish and save re-publishes a batch that the server drops as
duplicates; consumers' tracking records stop any that slip past the duplicate window.
If the stream lost this producer's events, the relay re-publishes from the start.
A failure (NATS gone, acks not back within `ack_seconds`) ends the run; the supervisor starts
it again, which re-reads the saved position and checks the stream.
One notification that can never be published (it cannot be mapped, or is larger than NATS
accepts) does not hold the others back: it is withheld, a dead letter with a marker in its place
in the chain (`runtime.deadletters.outgoing`, docs/reliability.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from eventsourcing.persistence import Notification
from nats.aio.client import Client
from nats.js import JetStreamContext

from contracts.envelope import GENESIS_HASH
from contracts.subjects import subject_for
from runtime.deadletters.outgoing import ContractMapper, Envelopes
from runtime.deadletters.store import DeadLetterStore
from runtime.eventstore import ServiceApplication
from runtime.leadership import Leadership
from runtime.metrics import RELAY_PUBLISHED
from runtime.nats_io import ensure_stream, producer_message_count, stream_created
from runtime.positions import RelayPositions
from runtime.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class RelayState:
    position: int
    chain_hash: str


class OutboxRelay:
    def __init__(
        self,
        app: ServiceApplication,
        producer: str,
        namespace: str,
        to_contract: ContractMapper,
        batch_size: int = 500,
        idle_seconds: float = 0.2,
        leadership: Leadership | None = None,
        ack_seconds: float = 10.0,
        dead_letters: DeadLetterStore | None = None,
    ) -> None:
        self.app = app
        self.producer = producer
        self.namespace = namespace
        self.to_contract = to_contract
        self.batch_size = batch_size
        self.idle_seconds = idle_seconds
        self.leadership = leadership
        self.ack_seconds = ack_seconds
        self.published = 0
        self._positions = RelayPositions(app)
        self._envelopes = Envelopes(app, producer, namespace, to_contract, dead_letters)
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def wake(self) -> None:
        """Tell the relay new events were saved; safe to call from any thread."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._wake.set)

    async def run(self, nc: Client) -> None:
        """Relay for ever; with a `leadership`, only while this replica holds it."""
        if self.leadership is None:
            await self._relay(nc)
            return
        await self.leadership.acquire()
        try:
            await self._relay(nc)
        finally:
            await self.leadership.release()

    async def _relay(self, nc: Client) -> None:
        self._loop = asyncio.get_running_loop()
        self._envelopes.max_payload = nc.max_payload
        js = nc.jetstream()
        state = await self._start_state(js)
        while True:
            if self.leadership is not None:
                self.leadership.check()
            notifications = await asyncio.to_thread(self._select, state.position)
            if not notifications:
                await self._idle()
                continue
            await self._publish_batch(js, notifications, state)

    async def _start_state(self, js: JetStreamContext) -> RelayState:
        await ensure_stream(js, self.namespace)
        position, chain_hash = await asyncio.to_thread(self._positions.load, self.producer)
        created = await stream_created(js, self.namespace)
        if position and await self._stream_lost(js, created):
            log.warning("relay %s: the stream was lost; re-publishing", self.producer)
            position, chain_hash = 0, GENESIS_HASH
        if created is not None:
            await asyncio.to_thread(self._positions.remember_stream, self.producer, created)
        log.info("relay %s: resuming after notification %d", self.producer, position)
        return RelayState(position, chain_hash)

    async def _stream_lost(self, js: JetStreamContext, created: str | None) -> bool:
        """The stream was made anew since we last published (events that merely aged out of
        it, `max_age`, are not lost: the event store is the record). Without a recorded
        creation time, lost when it holds none of our events."""
        recorded = await asyncio.to_thread(self._positions.stream_of, self.producer)
        if recorded is not None and created is not None:
            return recorded != created
        return not await producer_message_count(js, self.namespace, self.producer)

    def _select(self, position: int) -> Sequence[Notification]:
        return self.app.recorder.select_notifications(
            start=position + 1, limit=self.batch_size, inclusive_of_start=True
        )

    async def _idle(self) -> None:
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), self.idle_seconds)

    async def _publish_batch(
        self, js: JetStreamContext, notifications: Sequence[Notification], state: RelayState
    ) -> None:
        chain_hash = state.chain_hash
        acks = []
        for notification in notifications:
            outgoing = await self._envelopes.of(notification, chain_hash)
            if outgoing is None:
                continue
            envelope, data = outgoing
            chain_hash = envelope.hash
            subject = subject_for(self.namespace, self.producer, envelope.event_name)
            headers = {"Nats-Msg-Id": envelope.msg_id}
            acks.append(await js.publish_async(subject, data, headers=headers))
        await asyncio.wait_for(asyncio.gather(*acks), self.ack_seconds)
        last = notifications[-1].id
        await asyncio.to_thread(self._positions.save, self.producer, last, chain_hash)
        state.position, state.chain_hash = last, chain_hash
        self.published += len(acks)
        RELAY_PUBLISHED.labels(self.producer).inc(len(acks))


def service_relay(
    app: ServiceApplication,
    producer: str,
    settings: Settings,
    to_contract: ContractMapper,
    dead_letters: DeadLetterStore | None = None,
) -> OutboxRelay:
    """The relay of a service process: of several replicas, one relays at a time."""
    if settings.database_url is None:
        raise RuntimeError("no database URL configured (QA_DATABASE_URL)")
    leadership = Leadership(settings.database_url, f"{settings.schema(producer)}:relay")
    return OutboxRelay(
        app,
        producer,
        settings.namespace,
        to_contract,
        leadership=leadership,
        dead_letters=dead_letters,
    )
