"""NATS is a transport, not the record: while it is down, calls are still accepted and stored
(the outbox holds their events); once it is back, every one of them reaches the read model.

The system runs on a NATS server of the test's own, killed with SIGKILL for 20 s."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from runtime.settings import Settings
from services.rules.bootstrap import ensure_default_pack
from tests.e2e.calls import make_call, post_when_in_force
from tests.private_servers import PrivateNats
from tests.stack import running_stack
from tests.support import wait_for

pytestmark = pytest.mark.integration

OUTAGE_SECONDS = 20.0
PACE_SECONDS = 0.1


@pytest.fixture
def nats_server(tmp_path: Path) -> Iterator[PrivateNats]:
    server = PrivateNats(tmp_path / "nats")
    server.start()
    yield server
    server.stop()


async def listed(client: httpx.AsyncClient, prefix: str) -> int:
    answer = await client.get("/v1/inspections", params={"agent_id": prefix, "limit": 500})
    return len(answer.json()["items"])


async def test_intake_survives_a_nats_outage_and_nothing_is_lost(
    settings: Settings, nats_server: PrivateNats
) -> None:
    settings = replace(settings, nats_url=nats_server.url)
    with running_stack(settings) as (settings, gateway):
        ensure_default_pack(settings)
        headers = {"X-API-Key": settings.bootstrap_api_key}
        async with httpx.AsyncClient(base_url=gateway, headers=headers, timeout=30) as client:
            first = await post_when_in_force(client, make_call("OUT-0", agent_id="OUT"))
            assert first.status_code == 201
            nats_server.kill()
            statuses: list[int] = []
            deadline = time.monotonic() + OUTAGE_SECONDS
            while time.monotonic() < deadline:
                body = make_call(f"OUT-{len(statuses) + 1}", agent_id="OUT")
                statuses.append((await client.post("/v1/calls", json=body)).status_code)
                await asyncio.sleep(PACE_SECONDS)
            nats_server.start()
            assert statuses
            assert set(statuses) == {201}, statuses
            expected = len(statuses) + 1

            async def all_listed() -> bool:
                return await listed(client, "OUT") == expected

            await wait_for(all_listed, 60, f"{expected} calls listed after the outage")
