"""Two inspection replicas started at once on one database: one relays, the other waits; the
relaying one is SIGKILLed while calls arrive at both, and the other takes over from the saved
position. Killed and started again, the first waits in its turn."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from contextlib import AsyncExitStack

import httpx
import pytest

from runtime.settings import Settings
from runtime.wiring import open_context
from services.inspection.service import SERVICE
from tests.faults.checks import assert_exactly_once, views_of
from tests.faults.processes import ServiceProcess
from tests.faults.report import FaultRun
from tests.faults.system import System
from tests.faults.traffic import Platform, short_calls
from tests.support import wait_for

pytestmark = pytest.mark.integration

PUBLISHED = 'qa_relay_published_total{producer="inspection"}'


async def published(replica: ServiceProcess) -> float:
    """Events this replica's relay has published since it started (0: it never relayed)."""
    async with httpx.AsyncClient(base_url=replica.url, timeout=5) as client:
        metrics = (await client.get("/metrics/")).text
    lines = [line for line in metrics.splitlines() if line.startswith(PUBLISHED)]
    return float(lines[0].split()[-1]) if lines else 0.0


async def install(settings: Settings) -> None:
    """The inspection service's schemas and tables, as its first start leaves them: replicas
    starting at once on a new installation are test_new_installation.py's business."""
    context = await open_context(SERVICE, settings, settings.clock())
    context.application.close()
    await context.pool.close()


async def test_the_relaying_replica_killed(
    settings: Settings, fault_run: Callable[[str], FaultRun]
) -> None:
    run = fault_run("two inspection relays, leader SIGKILLed")
    await install(settings)
    apart = ["inspection", "inspection"]
    async with AsyncExitStack() as stack:
        system = await stack.enter_async_context(System(settings, apart=apart))
        views = await stack.enter_async_context(views_of(system))
        replicas = system.processes["inspection"]
        platforms = [
            Platform(await stack.enter_async_context(httpx.AsyncClient(base_url=r.url)))
            for r in replicas
        ]
        for n, platform in enumerate(platforms):
            await platform.post(short_calls(f"BOTH{n}", 50))

        async def relayed(count: int) -> bool:
            return (await views.progress())["streamed"] >= count

        await wait_for(lambda: relayed(2 * 100), 30, "the first calls relayed")
        counts = [await published(replica) for replica in replicas]
        assert sorted(count > 0 for count in counts) == [False, True], counts  # one relays
        leader = counts.index(max(counts))
        survivor = platforms[1 - leader]

        stop = asyncio.Event()
        flow = asyncio.create_task(survivor.flow("FLOW", stop, size=5, pace=0.1))
        await survivor.post(short_calls("FIRST", 5))  # the flow is under way
        replicas[leader].kill()
        killed_at = time.monotonic()

        async def took_over() -> bool:
            return await published(replicas[1 - leader]) > 0

        await wait_for(took_over, 30, "the other replica relaying")
        stop.set()
        await flow
        await replicas[leader].start()  # as an orchestrator would: now it waits
        await survivor.post(short_calls("AFTER", 50))
        stored = platforms[0].stored + platforms[1].stored
        await wait_for(lambda: relayed(2 * len(stored)), 30, "the last calls relayed")
        assert await published(replicas[leader]) == 0
        await assert_exactly_once(system, stored, run, killed_at)
