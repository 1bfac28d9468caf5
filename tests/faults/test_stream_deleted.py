"""The JetStream stream deleted while calls flow: the relays find it gone and publish every
event again from their event stores, the consumers find their durable consumers gone and read
the new stream from the start, and their tracking records stop every second effect."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import pytest

from contracts.subjects import stream_name
from runtime.nats_io import connect
from runtime.settings import Settings
from tests.faults.checks import assert_exactly_once
from tests.faults.report import FaultRun
from tests.faults.system import System
from tests.faults.traffic import Platform, short_calls

pytestmark = pytest.mark.integration

AFTER_DELETION = 20
"""Batches posted while the system finds out."""
RECOVERY_SECONDS = 20.0
"""Ample: the relay publishes everything again in a second or two."""


async def test_stream_deleted_while_calls_flow(
    settings: Settings, fault_run: Callable[[str], FaultRun]
) -> None:
    run = fault_run("JetStream stream deleted mid-flow")
    async with System(settings) as system, system.client() as client:
        platform = Platform(client)
        await platform.post(short_calls("BEFORE", 200))
        stop = asyncio.Event()
        flow = asyncio.create_task(platform.flow("DURING", stop, size=5, pace=0.1))
        await platform.post(short_calls("FIRST", 5))  # the flow is under way
        nc = await connect(system.settings, "fault")
        try:
            await nc.jetstream().delete_stream(stream_name(settings.namespace))
        finally:
            await nc.close()
        deleted_at = time.monotonic()
        for n in range(AFTER_DELETION):
            await platform.post(short_calls("AFTER", 5, 5 * n))
        stop.set()
        await flow
        await assert_exactly_once(system, platform.stored, run, deleted_at, RECOVERY_SECONDS)
