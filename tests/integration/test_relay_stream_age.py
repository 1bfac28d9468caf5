"""The stream keeps events for `QA_STREAM_MAX_AGE_DAYS`: a quiet producer whose events aged out
of it must not re-publish its whole history on restart, while a stream that was deleted and
made anew is still filled again from the event store."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
from nats.aio.client import Client

from contracts.subjects import stream_name
from runtime.eventstore import open_application
from runtime.nats_io import producer_message_count
from runtime.relay import OutboxRelay
from runtime.settings import Settings
from tests.integration.plumbing_app import PRODUCER, Ticketing, to_contract
from tests.support import wait_for

pytestmark = pytest.mark.integration


async def relay_once(relay: OutboxRelay, nc: Client, count: int) -> None:
    """Run the relay until it has published `count` events since it started, then stop it."""
    task = asyncio.create_task(relay.run(nc))

    async def done() -> bool:
        return relay.published >= count

    try:
        await wait_for(done, 30, f"{count} events relayed")
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def new_relay(app: Ticketing, settings: Settings) -> OutboxRelay:
    return OutboxRelay(app, PRODUCER, settings.namespace, to_contract)


async def test_aged_out_events_are_not_published_again(settings: Settings, nc: Client) -> None:
    app = open_application(Ticketing, settings, PRODUCER)
    app.open_tickets(range(5))
    await relay_once(new_relay(app, settings), nc, 5)
    js = nc.jetstream()
    await js.purge_stream(stream_name(settings.namespace), subject=f"{settings.namespace}.>")
    app.open_tickets(range(5, 6))
    restarted = new_relay(app, settings)
    await relay_once(restarted, nc, 1)
    assert restarted.published == 1
    assert await producer_message_count(js, settings.namespace, PRODUCER) == 1


async def test_a_recreated_stream_is_filled_again(settings: Settings, nc: Client) -> None:
    app = open_application(Ticketing, settings, PRODUCER)
    app.open_tickets(range(5))
    await relay_once(new_relay(app, settings), nc, 5)
    js = nc.jetstream()
    await js.delete_stream(stream_name(settings.namespace))
    restarted = new_relay(app, settings)
    await relay_once(restarted, nc, 5)
    assert await producer_message_count(js, settings.namespace, PRODUCER) == 5
