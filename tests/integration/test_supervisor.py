"""The supervisor: a failing worker is restarted with backoff and, failing for too long, makes
liveness fail; a service starts, is ready and takes writes while NATS is unreachable."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace

import httpx
import pytest
from nats.aio.client import Client

from runtime.settings import Settings
from runtime.supervisor import Supervisor, Worker
from tests.stack import ServerThread, free_port, service_app
from tests.support import wait_for

pytestmark = pytest.mark.integration


def holds(check: Callable[[], bool]) -> Callable[[], Awaitable[bool]]:
    async def condition() -> bool:
        return check()

    return condition


async def test_a_failing_worker_is_restarted_then_reported_not_alive(settings: Settings) -> None:
    runs: list[int] = []

    async def broken(nc: Client) -> None:
        runs.append(len(runs))
        raise RuntimeError("broken on purpose")

    supervisor = Supervisor(
        settings, "test", [Worker("broken", broken)], unhealthy_after=0.5, stable_after=30
    )
    supervisor.start()
    try:
        await wait_for(holds(lambda: len(runs) >= 2), 10, "a second run of the worker")
        await wait_for(holds(lambda: not supervisor.alive), 10, "liveness to fail")
        assert supervisor.failing() == ["broken"]
    finally:
        await supervisor.stop()


async def test_a_worker_that_runs_steadily_recovers(settings: Settings) -> None:
    attempts: list[int] = []

    async def flaky(nc: Client) -> None:
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("first run fails")
        await nc.flush()
        await asyncio.Event().wait()

    supervisor = Supervisor(
        settings, "test", [Worker("flaky", flaky)], unhealthy_after=60, stable_after=0.2
    )
    supervisor.start()
    try:
        await wait_for(holds(lambda: len(attempts) == 2), 10, "the restart")
        recovered = holds(lambda: supervisor.health["flaky"].failing_since is None)
        await wait_for(recovered, 10, "recovery after a steady run")
        assert supervisor.alive
    finally:
        await supervisor.stop()


async def test_a_service_takes_writes_while_nats_is_unreachable(settings: Settings) -> None:
    unreachable = replace(settings, nats_url=f"nats://127.0.0.1:{free_port()}")
    server = ServerThread(service_app("rules", unreachable), free_port())
    server.start()
    try:
        async with httpx.AsyncClient(base_url=server.url) as client:
            assert (await client.get("/readyz")).status_code == 200
            assert (await client.get("/healthz")).status_code == 200
            draft = await client.post("/v1/rulesets", json={"description": "离线", "rules": []})
            assert draft.status_code == 201
    finally:
        server.stop()
