"""Two replicas' relays on one event store: one relays, the other takes over when it goes; a
leader whose lock connection is cut off stops relaying, and a stale leader cannot move the
saved position back."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

import asyncpg
import pytest
from nats.aio.client import Client

from runtime.eventstore import open_application
from runtime.leadership import Leadership, LeadershipLost, lock_id
from runtime.nats_io import producer_message_count
from runtime.positions import RelayPositions
from runtime.relay import OutboxRelay, service_relay
from runtime.settings import Settings
from tests.integration.plumbing_app import PRODUCER, Ticketing, to_contract
from tests.support import wait_for
from tests.tcp_proxy import TcpProxy

pytestmark = pytest.mark.integration


def published(relay: OutboxRelay, count: int) -> Callable[[], Awaitable[bool]]:
    async def reached() -> bool:
        return relay.published == count

    return reached


async def stop(task: asyncio.Task[None]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, LeadershipLost):
        await task


async def test_one_replica_relays_and_another_takes_over(settings: Settings, nc: Client) -> None:
    app = open_application(Ticketing, settings, PRODUCER)
    app.open_tickets(range(50))
    first, second = (service_relay(app, PRODUCER, settings, to_contract) for _ in range(2))
    first_task = asyncio.create_task(first.run(nc))
    await wait_for(published(first, 50), what="the first replica to relay")
    second_task = asyncio.create_task(second.run(nc))
    try:
        app.open_tickets(range(50, 60))
        await wait_for(published(first, 60), what="the leader to relay new events")
        assert second.published == 0

        await stop(first_task)
        app.open_tickets(range(60, 80))
        await wait_for(published(second, 20), what="the second replica to take over")
        js = nc.jetstream()
        assert await producer_message_count(js, settings.namespace, PRODUCER) == 80
    finally:
        await stop(first_task)
        await stop(second_task)


async def terminate_holder(database_url: str, key: str) -> None:
    """End, in PostgreSQL, the session holding the key's advisory lock (its lock is released)."""
    unsigned = lock_id(key) % 2**64
    conn = await asyncpg.connect(database_url)
    try:
        await conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
            " AND granted AND classid = $1::bigint::oid AND objid = $2::bigint::oid",
            unsigned >> 32,
            unsigned & 0xFFFFFFFF,
        )
    finally:
        await conn.close()


async def test_a_leader_cut_off_from_its_lock_stops_relaying(
    settings: Settings, nc: Client
) -> None:
    """A partition: the leader's lock connection still looks open, but PostgreSQL ended the
    session and another replica holds the lock."""
    assert settings.database_url is not None
    app = open_application(Ticketing, settings, PRODUCER)
    app.open_tickets(range(20))
    key = f"{settings.schema(PRODUCER)}:relay"
    with TcpProxy(settings.database_url) as proxy:
        leader = OutboxRelay(
            app, PRODUCER, settings.namespace, to_contract, leadership=Leadership(proxy.url, key)
        )
        leader_task = asyncio.create_task(leader.run(nc))
        await wait_for(published(leader, 20), what="the leader to relay")
        successor = service_relay(app, PRODUCER, settings, to_contract)
        successor_task = asyncio.create_task(successor.run(nc))
        try:
            proxy.freeze()
            await terminate_holder(settings.database_url, key)
            app.open_tickets(range(20, 30))
            await wait_for(published(successor, 10), what="the successor to take over")
            with pytest.raises(LeadershipLost):  # it may have relayed a batch again meanwhile
                await asyncio.wait_for(leader_task, 10)
            app.open_tickets(range(30, 40))
            await wait_for(published(successor, 20), what="the successor alone to relay")
            js = nc.jetstream()
            assert await producer_message_count(js, settings.namespace, PRODUCER) == 40
        finally:
            await stop(leader_task)
            await stop(successor_task)
    assert RelayPositions(app).load(PRODUCER)[0] == 40


async def test_a_stale_leader_cannot_move_the_position_back(settings: Settings) -> None:
    app = open_application(Ticketing, settings, PRODUCER)
    stale, leader = RelayPositions(app), RelayPositions(app)
    stale.load(PRODUCER)
    stale.save(PRODUCER, 60, "h60")
    assert leader.load(PRODUCER) == (60, "h60")
    leader.save(PRODUCER, 80, "h80")
    with pytest.raises(LeadershipLost):
        stale.save(PRODUCER, 70, "h70")
    assert leader.load(PRODUCER) == (80, "h80")
    stale.save(PRODUCER, 90, "h90")  # ahead of the leader: what it published is published
    assert RelayPositions(app).load(PRODUCER) == (90, "h90")


async def test_a_relay_may_start_its_own_position_over(settings: Settings) -> None:
    """After the stream was lost, the relay re-publishes from the start: from the position it
    read itself, it may save a lower one."""
    app = open_application(Ticketing, settings, PRODUCER)
    RelayPositions(app).save(PRODUCER, 80, "h80")
    rebuilding = RelayPositions(app)
    assert rebuilding.load(PRODUCER) == (80, "h80")
    rebuilding.save(PRODUCER, 10, "h10")
    rebuilding.save(PRODUCER, 20, "h20")
    assert RelayPositions(app).load(PRODUCER) == (20, "h20")
