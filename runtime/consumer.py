"""Tracked consumer: a durable JetStream pull consumer feeding an idempotent sink.

Delivery is at-least-once; the sink makes effects exactly-once by committing each event's
effect together with a tracking record (producer, notification id) and skipping events whose
record already exists. Messages are acknowledged one by one, only after the sink has committed
(acknowledging "all up to here" would also acknowledge a batch another replica, or a killed
instance, still held).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Protocol

from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeoutError
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy

from contracts.envelope import Envelope
from contracts.subjects import stream_name, subject_matches
from runtime.metrics import CONSUMER_MESSAGES
from runtime.nats_io import ensure_stream


class Sink(Protocol):
    async def handle(self, envelopes: Sequence[Envelope]) -> None:
        """Apply the envelopes' effects exactly once (already-tracked ones are skipped)."""


def server_filter(subjects: Sequence[str]) -> str:
    """One filter subject the server applies; the consumer drops the rest itself.

    NATS servers before 2.10 (Debian's, for one) ignore a list of filter subjects.
    """
    if len(subjects) == 1:
        return subjects[0]
    prefixes = {subject.rsplit(".", 1)[0] for subject in subjects}
    return f"{prefixes.pop()}.>" if len(prefixes) == 1 else ">"


class TrackedConsumer:
    def __init__(
        self,
        namespace: str,
        durable: str,
        subjects: Sequence[str],
        sink: Sink,
        batch_size: int = 500,
        fetch_timeout: float = 0.5,
        ack_wait: float = 10.0,
    ) -> None:
        self.namespace = namespace
        self.durable = durable
        self.subjects = list(subjects)
        self.sink = sink
        self.batch_size = batch_size
        self.fetch_timeout = fetch_timeout
        self.ack_wait = ack_wait
        self.delivered = 0

    async def run(self, nc: Client) -> None:
        """Consume for ever; a failure ends the run (the supervisor subscribes again)."""
        self._js = js = nc.jetstream()
        subscription = await self._subscribe(js)
        try:
            await self._consume(subscription)
        finally:
            with contextlib.suppress(Exception):
                await subscription.unsubscribe()

    async def _subscribe(self, js: JetStreamContext) -> JetStreamContext.PullSubscription:
        await ensure_stream(js, self.namespace)
        config = ConsumerConfig(
            durable_name=self.durable,
            filter_subject=server_filter(self.subjects),
            ack_policy=AckPolicy.EXPLICIT,
            deliver_policy=DeliverPolicy.ALL,
            ack_wait=self.ack_wait,
            max_ack_pending=20_000,
        )
        await js.add_consumer(stream_name(self.namespace), config)
        return await js.pull_subscribe_bind(self.durable, stream=stream_name(self.namespace))

    async def _consume(self, subscription: JetStreamContext.PullSubscription) -> None:
        while True:
            try:
                messages = await subscription.fetch(self.batch_size, timeout=self.fetch_timeout)
            except (NatsTimeoutError, TimeoutError):
                continue
            if messages:
                await self._deliver(messages)
            else:
                await self._check_consumer_exists()

    def _wants(self, subject: str) -> bool:
        return any(subject_matches(pattern, subject) for pattern in self.subjects)

    async def _check_consumer_exists(self) -> None:
        """An empty fetch without a timeout means the stream or consumer went away."""
        await self._js.consumer_info(stream_name(self.namespace), self.durable)

    async def _deliver(self, messages: Sequence[Msg]) -> None:
        envelopes = [Envelope.from_bytes(m.data) for m in messages if self._wants(m.subject)]
        if envelopes:
            await self.sink.handle(envelopes)
        for message in messages:
            await message.ack()
        self.delivered += len(messages)
        CONSUMER_MESSAGES.labels(self.durable).inc(len(messages))
