"""Relay and tracked consumer against the real servers: kills, restarts, a lost stream."""

from __future__ import annotations

import asyncio
import signal
from collections import Counter

import pytest
from nats.aio.client import Client
from nats.js.errors import NotFoundError

from contracts.envelope import GENESIS_HASH, Envelope
from contracts.subjects import stream_name
from runtime.eventstore import open_application
from runtime.nats_io import producer_message_count
from runtime.settings import Settings
from tests.contracts_io import read_all
from tests.integration.plumbing_app import PRODUCER, Effect, Effects, Ticketing
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


async def consumer_caught_up(nc: Client, settings: Settings) -> bool:
    try:
        info = await nc.jetstream().consumer_info(stream_name(settings.namespace), "effects")
    except Exception:
        return False
    caught_up = info.num_pending == 0 and info.num_ack_pending == 0
    return bool(caught_up and info.delivered.stream_seq >= M)
