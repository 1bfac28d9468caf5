"""The inspection service SIGKILLed in the middle of a 1,000-call batch, in its own process;
the platform posts the batch again once the service is back (the call id is the idempotency
key), and every call is stored, inspected, listed and counted exactly once."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import pytest

from runtime.settings import Settings
from tests.faults.checks import assert_exactly_once, views_of
from tests.faults.report import FaultRun
from tests.faults.system import System
from tests.faults.traffic import Platform, short_calls
from tests.support import wait_for

pytestmark = pytest.mark.integration

BATCH = 1000
AT_WORK_CPU_SECONDS = 0.25
"""CPU the service has spent on the batch when it is killed (the whole batch takes ~1 s)."""


async def test_inspection_killed_in_the_middle_of_a_batch(
    settings: Settings, fault_run: Callable[[str], FaultRun]
) -> None:
    run = fault_run("inspection SIGKILLed in a 1,000-call batch")
    async with System(settings, apart=["inspection"]) as system, system.client() as client:
        inspection = system.process("inspection")
        calls = short_calls("KILLED", BATCH)
        before = inspection.cpu_seconds()
        first = asyncio.create_task(client.post("/v1/calls:batch", json={"calls": calls}))

        async def at_work() -> bool:
            return inspection.cpu_seconds() - before >= AT_WORK_CPU_SECONDS

        await wait_for(at_work, 30, "the inspection service at work on the batch")
        assert not first.done(), "the batch was answered before the kill"
        inspection.kill()
        killed_at = time.monotonic()
        assert (await first).status_code == 503  # the gateway: upstream_unavailable

        async with views_of(system) as views:
            stored, _ = await views.stored(call["call_id"] for call in calls)
        assert stored.total() in (0, BATCH), "a batch is stored whole or not at all"

        await inspection.start()
        platform = Platform(client)
        again = await platform.post(calls)
        assert again.counts.accepted == BATCH - stored.total()
        assert again.counts.duplicate == stored.total()
        await assert_exactly_once(system, platform.stored, run, killed_at)
