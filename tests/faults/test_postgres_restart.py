"""PostgreSQL (an embedded server of the test's own) crashed with SIGKILL and started again
while calls arrive: requests meanwhile wait or are refused (503) and are posted again, and
afterwards every call is stored, published, listed and counted exactly once."""

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
from tests.private_servers import PrivatePostgres

pytestmark = pytest.mark.integration


async def test_postgres_crashed_and_restarted(
    settings: Settings, private_postgres: PrivatePostgres, fault_run: Callable[[str], FaultRun]
) -> None:
    run = fault_run("PostgreSQL SIGKILLed, restarted")
    settings = replace(settings, database_url=private_postgres.url)
    async with System(settings) as system, system.client() as client:
        platform = Platform(client)
        await platform.post(short_calls("BEFORE", 100))
        stop = asyncio.Event()
        flow = asyncio.create_task(platform.flow("DURING", stop, size=5, pace=0.1))
        await platform.post(short_calls("FIRST", 5))  # the flow is under way
        private_postgres.crash()
        crashed_at = time.monotonic()
        url = private_postgres.url
        await asyncio.to_thread(private_postgres.restart)
        assert private_postgres.url == url
        stop.set()
        await flow
        await platform.post(short_calls("AFTER", 100))
        await assert_exactly_once(system, platform.stored, run, crashed_at)
