"""Tracked consumer: a durable JetStream pull consumer feeding an idempotent sink.

Delivery is at-least-once; the sink makes effects exactly-once by committing each event's
effect together with a tracking record (producer, notification id) and skipping events whose
record already exists. Messages are acknowledged one by one, only after the sink has committed
(acknowledging "all up to here" would also acknowledge a batch another replica, or a killed
instance, still held).

No message can block the others (docs/reliability.md): each is parsed on its own, and one that
cannot be read is dead-lettered at once; a batch whose effects fail is applied again one message
at a time; a message whose effect fails is retried later (NAK with a delay) and dead-lettered
on its `max_deliver`-th delivery. While PostgreSQL is unreachable the consumer holds its batch
and waits: an outage is no message's fault. A batch being worked on is kept from redelivery by
in-progress acks, however long it takes.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from functools import partial

from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeoutError
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy

from contracts.subjects import stream_name, subject_matches
from runtime.deadletters.delivery import Delivery, Retry, bury, held
from runtime.deadletters.store import DeadLetterStore
from runtime.metrics import CONSUMER_MESSAGES, CONSUMER_RETRIES
from runtime.nats_io import ensure_stream
from runtime.sinks import Sink, apply_each, patiently

log = logging.getLogger(__name__)

DEFAULT_RETRY = Retry()

Settle = Callable[[], Awaitable[None]]


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
        ack_wait: float = 30.0,
        dead_letters: DeadLetterStore | None = None,
        retry: Retry = DEFAULT_RETRY,
    ) -> None:
        self.namespace = namespace
        self.durable = durable
        self.subjects = list(subjects)
        self.sink = sink
        self.batch_size = batch_size
        self.fetch_timeout = fetch_timeout
        self.ack_wait = ack_wait
        self.dead_letters = dead_letters
        self.retry = retry
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
            max_deliver=self.retry.max_deliver + Retry.SPARE,
            max_ack_pending=20_000,
        )
        await js.add_consumer(stream_name(self.namespace), config)
        return await js.pull_subscribe_bind(self.durable, stream=stream_name(self.namespace))

    async def _consume(self, subscription: JetStreamContext.PullSubscription) -> None:
        while True:
            try:
                messages = await subscription.fetch(self.batch_size, timeout=self.fetch_timeout)
            except (NatsTimeoutError, TimeoutError):
                messages = []  # also what a durable deleted with its stream answers, for ever
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
        async with held(messages, self.ack_wait / 3):
            settles = await self._settles([m for m in messages if self._wants(m.subject)])
        for message in messages:
            await settles.get(id(message), message.ack)()
        self.delivered += len(messages)
        CONSUMER_MESSAGES.labels(self.durable).inc(len(messages))

    async def _settles(self, messages: Sequence[Msg]) -> dict[int, Settle]:
        """How to settle each message that is not simply acknowledged (by `id`)."""
        deliveries = [Delivery.read(self.namespace, message) for message in messages]
        readable = [(d, envelope) for d in deliveries if (envelope := d.applicable)]
        if readable:
            envelopes = [envelope for _, envelope in readable]
            errors = await patiently(self.durable, lambda: apply_each(self.sink, envelopes))
            for (delivery, _), error in zip(readable, errors, strict=True):
                delivery.failed(error)
        return {id(d.message): await self._settle(d) for d in deliveries if d.reason}

    async def _settle(self, delivery: Delivery) -> Settle:
        delivered = delivery.message.metadata.num_delivered
        if delivery.retriable and delivered < self.retry.max_deliver:
            delay = self.retry.delay(delivered)
            log.warning(
                "%s: %s failed (delivery %d of %d), retrying in %.1fs: %s",
                *(self.durable, delivery.what, delivered, self.retry.max_deliver, delay),
                delivery.error,
            )
            CONSUMER_RETRIES.labels(self.durable).inc()
            return partial(delivery.message.nak, delay)
        await patiently(self.durable, lambda: bury(self.dead_letters, self.durable, delivery))
        return delivery.message.term
