"""The knowledge and coaching services, each in its own process, SIGKILLed half-way through a
backlog of 2,000 calls: a batch killed before its commit is redelivered and applied, one
killed after its commit but before its acknowledgements is redelivered and skipped (tracking
records), and every call is counted exactly once."""

from __future__ import annotations

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
BACKLOG = 2 * BATCH
CONSUMERS = ("knowledge", "coaching")


async def test_consumers_killed_half_way_through_a_backlog(
    settings: Settings, fault_run: Callable[[str], FaultRun]
) -> None:
    run = fault_run("knowledge, coaching SIGKILLed mid-backlog")
    async with System(settings, apart=CONSUMERS) as system, system.client() as client:
        processes = {name: system.process(name) for name in CONSUMERS}
        for process in processes.values():
            process.kill()
        platform = Platform(client)
        for start in range(0, BACKLOG, BATCH):
            await platform.post(short_calls("BACKLOG", BATCH, start))
        async with views_of(system) as views:

            async def published() -> bool:
                return (await views.progress())["streamed"] == 2 * BACKLOG

            await wait_for(published, 60, "the backlog on the stream")
            for process in processes.values():
                process.spawn()
            pending = dict(processes)

            async def kill_once_under_way() -> bool:
                progress = await views.progress()
                for name in [name for name in pending if progress[name] > 0]:
                    pending.pop(name).kill()
                return not pending

            await wait_for(kill_once_under_way, 60, "each consumer under way")
            killed_at = time.monotonic()
            applied = await views.progress()
        for name in CONSUMERS:
            assert 0 < applied[name] < BACKLOG, f"{name} was not killed half-way: {applied}"
        for process in processes.values():
            await process.start()
        await assert_exactly_once(system, platform.stored, run, killed_at)
