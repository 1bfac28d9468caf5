"""Relay and tracked consumer against the real servers: kills, restarts, a lost stream, a
database that refuses connections for a while."""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from collections.abc import Sequence

import asyncpg
import pytest
from nats.aio.client import Client
from nats.js.errors import NotFoundError

from contracts.envelope import GENESIS_HASH, Envelope
from contracts.subjects import stream_name
from runtime.consumer import TrackedConsumer
from runtime.deadletters.delivery import Retry
from runtime.deadletters.store import DEAD_LETTERS_DDL, DeadLetterStore
from runtime.eventstore import open_application
from runtime.nats_io import producer_message_count
from runtime.readmodel import ensure_read_schema, in_schema, open_pool, read_schema
from runtime.settings import Settings
from runtime.sinks import ReadModelSink
from tests.contracts_io import publish, read_all
from tests.integration.plumbing_app import PRODUCER, Effect, Effects, Ticketing, TicketOpened
from tests.stack import free_port
from tests.support import kill, spawn, wait_for

pytestmark = pytest.mark.integration

M = 300
MODULE = "tests.integration.plumbing_proc"


def effect_numbers(app: Effects) -> Counter[int]:
    notifications = app.recorder.select_notifications(start=1, limit=100_000)
    events = [app.mapper.to_domain_event(n) for n in notifications]
    return Counter(e.number for e in events if isinstance(e, Effect.Applied))


def assert_chain(envelopes: list[Envelope]) -> None:
    assert [e.notification_id for e in envelopes] == list(range(1, M + 1))
    prev = GENESIS_HASH
    for envelope in envelopes:
        assert envelope.prev_hash == prev
        assert envelope.is_intact()
        prev = envelope.hash


async def test_relay_killed_mid_stream_publishes_each_event_once(
    settings: Settings, nc: Client
) -> None:
    producer = open_application(Ticketing, settings, PRODUCER)
    producer.open_tickets(range(M))
    js = nc.jetstream()

    async def published(at_least: int) -> bool:
        try:
            return await producer_message_count(js, settings.namespace, PRODUCER) >= at_least
        except NotFoundError:
            return False

    crashed = spawn(MODULE, settings, "relay", settings.namespace, "7", str(M // 3))
    assert await asyncio.to_thread(crashed.wait, 60) == -signal.SIGKILL
    assert M // 3 <= await producer_message_count(js, settings.namespace, PRODUCER) < M

    relay = spawn(MODULE, settings, "relay", settings.namespace, "7")
    try:
        await wait_for(lambda: published(M), what="all events published")
    finally:
        kill(relay)
    assert_chain(await read_all(nc, settings.namespace, PRODUCER, "TicketOpened"))


async def test_consumer_killed_mid_stream_applies_each_event_once(
    settings: Settings, nc: Client
) -> None:
    producer = open_application(Ticketing, settings, PRODUCER)
    producer.open_tickets(range(M))
    effects = open_application(Effects, settings, "effects")

    async def applied(at_least: int) -> bool:
        return sum((await asyncio.to_thread(effect_numbers, effects)).values()) >= at_least

    relay = spawn(MODULE, settings, "relay", settings.namespace, "100")
    consumer = spawn(MODULE, settings, "consumer", settings.namespace, "5", str(M // 3))
    try:
        assert await asyncio.to_thread(consumer.wait, 60) == -signal.SIGKILL
        assert M // 3 <= sum(effect_numbers(effects).values()) < M
        consumer = spawn(MODULE, settings, "consumer", settings.namespace, "5")
        await wait_for(lambda: applied(M), what="all effects")
        assert effect_numbers(effects) == Counter(range(M))

        await nc.jetstream().delete_stream(stream_name(settings.namespace))
        kill(relay)
        kill(consumer)
        relay = spawn(MODULE, settings, "relay", settings.namespace, "100")
        consumer = spawn(MODULE, settings, "consumer", settings.namespace, "50")
        js = nc.jetstream()

        async def rebuilt() -> bool:
            try:
                return await producer_message_count(js, settings.namespace, PRODUCER) == M
            except Exception:
                return False

        await wait_for(rebuilt, what="the stream rebuilt from the event store")
        await wait_for(lambda: consumer_caught_up(nc, settings), what="the consumer re-reading")
        assert effect_numbers(effects) == Counter(range(M))
    finally:
        kill(relay)
        kill(consumer)


async def consumer_caught_up(
    nc: Client, settings: Settings, durable: str = "effects", at_least: int = M
) -> bool:
    try:
        info = await nc.jetstream().consumer_info(stream_name(settings.namespace), durable)
    except Exception:
        return False
    caught_up = info.num_pending == 0 and info.num_ack_pending == 0
    return bool(caught_up and info.delivered.stream_seq >= at_least)


TICKETS_DDL = "CREATE TABLE IF NOT EXISTS {schema}.tickets (number int PRIMARY KEY)"


class Refusing:
    """A read-model sink whose PostgreSQL refuses connections until `mend()`, counting tries."""

    def __init__(self, sink: ReadModelSink, down: asyncpg.Pool, up: asyncpg.Pool) -> None:
        self.sink, self.up, self.tries = sink, up, 0
        sink.pool = down

    def mend(self) -> None:
        self.sink.pool = self.up

    async def handle(self, envelopes: Sequence[Envelope]) -> None:
        self.tries += 1
        await self.sink.handle(envelopes)


async def test_a_consumer_waits_out_an_unreachable_database_and_dead_letters_nothing(
    settings: Settings, nc: Client
) -> None:
    for number in range(1, 4):
        await publish(nc, settings.namespace, TicketOpened(number=number), number, f"t{number}")
    up = await open_pool(settings)
    down = await asyncpg.create_pool(f"postgresql://127.0.0.1:{free_port()}/none", min_size=0)
    schema = read_schema(settings, "tickets")
    await ensure_read_schema(up, schema, f"{TICKETS_DDL};\n{DEAD_LETTERS_DDL}")
    (insert,) = in_schema(schema, "INSERT INTO {schema}.tickets SELECT unnest($1::int[])")

    async def project(conn: asyncpg.Connection, envelopes: Sequence[Envelope]) -> None:
        await conn.execute(
            insert, [TicketOpened.model_validate(e.payload).number for e in envelopes]
        )

    sink = Refusing(ReadModelSink(up, schema, "tickets", project), down, up)
    subjects = [f"{settings.namespace}.{PRODUCER}.>"]
    retry = Retry(max_deliver=2, delays=(0.1,))
    store = DeadLetterStore(up, schema, "tickets")
    consumer = TrackedConsumer(
        settings.namespace, "tickets", subjects, sink, dead_letters=store, retry=retry
    )
    task = asyncio.create_task(consumer.run(nc))
    try:

        async def refused_a_while() -> bool:
            return sink.tries > retry.max_deliver

        await wait_for(refused_a_while, 30, "the consumer refused more than max_deliver times")
        sink.mend()

        async def all_applied() -> bool:
            numbers = await up.fetch(f'SELECT number FROM "{schema}".tickets ORDER BY 1')
            return [row["number"] for row in numbers] == [1, 2, 3]

        await wait_for(all_applied, 30, "the tickets applied once the database is back")
        await wait_for(lambda: consumer_caught_up(nc, settings, "tickets", 3), what="all acked")
        assert await up.fetchval(f'SELECT count(*) FROM "{schema}".dead_letters') == 0
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await up.close()
        await down.close()
