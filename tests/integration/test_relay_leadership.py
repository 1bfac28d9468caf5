"""Two replicas' relays on one event store: one relays, the other takes over when it goes."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

import pytest
from nats.aio.client import Client

from runtime.eventstore import open_application
from runtime.nats_io import producer_message_count
from runtime.relay import OutboxRelay, service_relay
from runtime.settings import Settings
from tests.integration.plumbing_app import PRODUCER, Ticketing, to_contract
from tests.support import wait_for

pytestmark = pytest.mark.integration


def published(relay: OutboxRelay, count: int) -> Callable[[], Awaitable[bool]]:
    async def reached() -> bool:
        return relay.published == count

    return reached


async def stop(task: asyncio.Task[None]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
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
