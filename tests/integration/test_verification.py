"""Verifying training on the real servers: the inspection service compares an agent's
violation rate after training with the rate before, when its clock says the window is over."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

import httpx
import pytest
from nats.aio.client import Client

from contracts.envelope import Envelope
from contracts.training import VerificationRequested
from runtime.clock import ManualClock
from runtime.settings import Settings
from services.rules.bootstrap import ensure_default_pack
from tests.contracts_io import publish, read_all
from tests.e2e.calls import BAD_SEGMENTS, GOOD_SEGMENTS, make_call, post_when_in_force
from tests.stack import ServerThread, free_port, service_app
from tests.support import wait_for

pytestmark = pytest.mark.integration

TRAINED_AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(TRAINED_AT + timedelta(days=1))


@pytest.fixture
def inspection(settings: Settings, clock: ManualClock) -> Iterator[str]:
    servers = [
        ServerThread(service_app("rules", settings), free_port()),
        ServerThread(service_app("inspection", settings, clock), free_port()),
    ]
    for server in servers:
        server.start()
    try:
        ensure_default_pack(settings)
        yield servers[1].url
    finally:
        for server in reversed(servers):
            server.stop()


def calls_of(agent: str, bad: int, good: int, at: datetime) -> list[dict[str, Any]]:
    segments = [BAD_SEGMENTS] * bad + [GOOD_SEGMENTS] * good
    return [
        make_call(f"{agent}-{at:%m%d}-{i}", s, agent_id=agent, started_at=at.isoformat())
        for i, s in enumerate(segments)
    ]


def request(agent: str) -> VerificationRequested:
    return VerificationRequested(
        verification_id=uuid4(),
        programme_id=uuid4(),
        agent_id=agent,
        rule_codes=["BIZ-BUCK-PASSING"],
        trained_at=TRAINED_AT,
        window_days=14,
    )


async def test_verified_and_ineffective_after_the_window(
    inspection: str, settings: Settings, clock: ManualClock, nc: Client
) -> None:
    before, after = TRAINED_AT - timedelta(days=3), TRAINED_AT + timedelta(days=3)
    calls = calls_of("V-GOOD", 3, 1, before) + calls_of("V-GOOD", 0, 4, after)
    calls += calls_of("V-BAD", 2, 2, before) + calls_of("V-BAD", 3, 1, after)
    async with httpx.AsyncClient(base_url=inspection, timeout=30) as client:
        answer = await post_when_in_force(client, {"calls": calls}, "/v1/calls:batch")
        assert answer.status_code == 200, answer.text

        async def all_listed() -> bool:
            summary = (await client.get("/v1/inspections:summary")).json()
            return bool(summary["inspected"] == len(calls))

        await wait_for(all_listed, what="the read model to list every call")

        requests = [request("V-GOOD"), request("V-BAD")]
        for number, event in enumerate(requests, start=1):
            await publish(nc, settings.namespace, event, number, str(event.programme_id))

        async def queued() -> bool:
            answers = [await client.get(f"/v1/verifications/{r.verification_id}") for r in requests]
            return all(answer.status_code == 200 for answer in answers)

        await wait_for(queued, what="the verification requests to be queued")
        early = (await client.post("/v1/verifications:check")).json()
        assert early["completed"] == []

        clock.advance(timedelta(days=14))
        done = (await client.post("/v1/verifications:check")).json()
        assert sorted(done["completed"]) == sorted(str(r.verification_id) for r in requests)
        again = (await client.post("/v1/verifications:check")).json()
        assert again["completed"] == []
        read = (await client.get(f"/v1/verifications/{requests[0].verification_id}")).json()
        assert (read["agent_id"], read["outcome"]) == ("V-GOOD", "verified")
        missing = await client.get(f"/v1/verifications/{uuid4()}")
        assert (missing.status_code, missing.json()["error"]) == (404, "not_found")

    async def both_published() -> list[Envelope] | None:
        found = await read_all(nc, settings.namespace, "inspection", "VerificationCompleted")
        return found if len(found) == 2 else None

    found = await wait_for(both_published, what="VerificationCompleted on the stream")
    outcomes = {e.payload["agent_id"]: e.payload for e in found}
    assert outcomes["V-GOOD"]["outcome"] == "verified"
    assert (outcomes["V-GOOD"]["rate_before"], outcomes["V-GOOD"]["rate_after"]) == (0.75, 0.0)
    assert outcomes["V-BAD"]["outcome"] == "ineffective"
    assert (outcomes["V-BAD"]["calls_before"], outcomes["V-BAD"]["calls_after"]) == (4, 4)
