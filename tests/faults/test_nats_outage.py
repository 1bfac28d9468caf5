"""NATS (a server of the test's own) SIGKILLed, kept down 30 s while calls go on arriving, and
started again: calls are accepted all along (the outbox holds their events), and once NATS is
back every one is published, listed and counted exactly once."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import replace

import pytest

from runtime.settings import Settings
from tests.faults.checks import assert_exactly_once
from tests.faults.report import FaultRun
from tests.faults.system import System
from tests.faults.traffic import Platform, short_calls
from tests.private_servers import PrivateNats

pytestmark = pytest.mark.integration

OUTAGE_SECONDS = 30.0


async def test_nats_down_for_30_seconds(
    settings: Settings, private_nats: PrivateNats, fault_run: Callable[[str], FaultRun]
) -> None:
    run = fault_run("NATS down 30 s, restarted")
    settings = replace(settings, nats_url=private_nats.url)
    async with System(settings) as system, system.client() as client:
        platform = Platform(client)
        await platform.post(short_calls("BEFORE", 100))
        private_nats.kill()
        stop = asyncio.Event()
        during = asyncio.create_task(platform.flow("DURING", stop, size=5, pace=0.2))
        await asyncio.sleep(OUTAGE_SECONDS)  # the outage itself, not a wait for anything
        stop.set()
        await during
        outage_calls = len(platform.stored) - 100
        private_nats.start()
        restarted_at = time.monotonic()
        await platform.post(short_calls("AFTER", 100))
        assert outage_calls > 0
        await assert_exactly_once(system, platform.stored, run, restarted_at)
