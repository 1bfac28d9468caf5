"""The coaching service on the real servers: monthly selection from the calls and results the
inspection service publishes, a plan from an ineffective training, sessions, and the review
six weeks later (with a follow-up plan for the agent who did not improve), all at the time of a
manual clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

import httpx
import pytest
from nats.aio.client import Client

from contracts.events import IntegrationEvent
from contracts.inspection import (
    CallHeader,
    CallReceived,
    Finding,
    InspectionCompleted,
    InspectionResult,
    VerificationCompleted,
)
from runtime.clock import ManualClock
from runtime.settings import Settings
from tests.contracts_io import publish, read_all
from tests.e2e.calls import make_call
from tests.stack import ServerThread, free_port, service_app
from tests.support import wait_for

pytestmark = pytest.mark.integration

RULE = "BIZ-BUCK-PASSING"
MONTH_START = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
FIRST_OF_DECEMBER = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # 10:00 in Beijing


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(FIRST_OF_DECEMBER)


@pytest.fixture
def coaching(settings: Settings, clock: ManualClock) -> Iterator[str]:
    server = ServerThread(service_app("coaching", settings, clock), free_port())
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


class Inspection:
    """Publishes what the inspection service would, with increasing notification ids."""

    def __init__(self, nc: Client, namespace: str) -> None:
        self.nc, self.namespace, self.number = nc, namespace, 0

    async def emit(self, event: IntegrationEvent, correlation: str) -> None:
        self.number += 1
        await publish(self.nc, self.namespace, event, self.number, correlation)

    async def calls(self, agent: str, start: datetime, failing: int, passing: int) -> None:
        for i in range(failing + passing):
            failed = i < failing
            at = start + timedelta(days=i)
            call_id = f"{agent}-{at:%Y%m%d}-{i}"
            survey = {"satisfaction": 2 if failed else 5, "resolved": not failed}
            call = make_call(call_id, agent_id=agent, started_at=at.isoformat(), survey=survey)
            await self.emit(CallReceived.of(call), call_id)
            header = CallHeader(
                call_id=call_id,
                agent_id=agent,
                team_id="T01",
                channel="voice",
                stage="acceptance",
                started_at=at,
            )
            findings = [_finding()] if failed else []
            result = InspectionResult(
                ruleset_version=1,
                score=50 if failed else 95,
                grade="D" if failed else "A",
                passed=not failed,
                vetoed=False,
                findings=findings,
                not_applicable=[],
                inspected_at=at,
            )
            await self.emit(InspectionCompleted(header=header, result=result), call_id)


def _finding() -> Finding:
    return Finding(
        rule_code=RULE,
        rule_name="推诿",
        dimension="service",
        stage="acceptance",
        severity="major",
        deduction=20,
        suggestion="告知办理渠道",
    )


def ineffective(agent: str) -> VerificationCompleted:
    return VerificationCompleted(
        verification_id=uuid4(),
        programme_id=uuid4(),
        agent_id=agent,
        rule_codes=[RULE],
        outcome="ineffective",
        calls_before=4,
        calls_after=4,
        rate_before=0.25,
        rate_after=0.5,
        window_start=FIRST_OF_DECEMBER - timedelta(days=28),
        window_end=FIRST_OF_DECEMBER,
    )


async def test_selection_training_and_review(
    coaching: str, settings: Settings, clock: ManualClock, nc: Client
) -> None:
    inspection = Inspection(nc, settings.namespace)
    await inspection.calls("C-GOOD", MONTH_START, failing=0, passing=10)
    await inspection.calls("C-POOR", MONTH_START, failing=6, passing=4)
    await inspection.calls("C-TRAIN", MONTH_START, failing=1, passing=3)
    async with httpx.AsyncClient(base_url=coaching, timeout=30) as client:

        async def performance(agent: str, month: str) -> dict[str, Any]:
            answer = await client.get(f"/v1/coaching/agents/{agent}/performance?month={month}")
            body: dict[str, Any] = answer.json()
            return body

        async def november_in() -> bool:
            agents = ("C-GOOD", "C-POOR", "C-TRAIN")
            counts = [(await performance(a, "2026-11"))["calls"] for a in agents]
            return counts == [10, 10, 4]

        await wait_for(november_in, what="November's calls in the read model")
        poor = await performance("C-POOR", "2026-11")
        assert (poor["pass_rate"], poor["csat"], poor["fcr"]) == (0.4, 3.2, 0.4)
        assert poor["shortfalls"] == ["pass_rate 0.40 < 0.80", "csat 3.20 < 3.50"]

        # The scheduler also runs the jobs at startup (before any call arrived, as a rule):
        # whichever run opens the plan, there is one.
        await client.post("/v1/coaching/jobs:run")

        async def selected() -> list[dict[str, Any]]:
            params = {"reason": "monthly_selection"}
            items: list[dict[str, Any]] = (
                await client.get("/v1/coaching/plans", params=params)
            ).json()["items"]
            return items

        async def one_selected() -> bool:
            return len(await selected()) == 1

        await wait_for(one_selected, what="the monthly selection in the plans list")
        assert (await client.post("/v1/coaching/jobs:run")).json()["opened"] == []
        plan_id = (await selected())[0]["plan_id"]
        monthly = (await client.get(f"/v1/coaching/plans/{plan_id}")).json()
        assert (monthly["agent_id"], monthly["reason"]) == ("C-POOR", "monthly_selection")
        assert monthly["rule_codes"] == [RULE]
        assert len(monthly["call_ids"]) == 6

        await inspection.emit(ineffective("C-TRAIN"), "programme")

        async def trained_plan() -> list[dict[str, Any]]:
            listed = await client.get("/v1/coaching/plans", params={"agent_id": "C-TRAIN"})
            items: list[dict[str, Any]] = listed.json()["items"]
            return items

        async def training_plan_listed() -> bool:
            return len(await trained_plan()) == 1

        await wait_for(training_plan_listed, what="a plan from the ineffective training")
        training = (await trained_plan())[0]
        assert (training["reason"], training["status"]) == ("ineffective_training", "open")

        manual = await client.post("/v1/coaching/plans", json={"agent_id": "C-POOR"})
        assert manual.status_code == 409
        assert manual.json()["open_plan_id"] == monthly["plan_id"]
        invalid = await client.post("/v1/coaching/plans", json={"agent_id": ""})
        assert invalid.status_code == 422
        assert invalid.json()["errors"][0]["field"] == "agent_id"
        session = {
            "held_at": "2026-12-03T10:00:00+08:00",
            "coach_id": "Q007",
            "calls_reviewed": monthly["call_ids"][:2],
            "deviations": ["推诿：未告知办理渠道"],
            "agreed_actions": ["使用首问负责话术"],
        }
        url = f"/v1/coaching/plans/{monthly['plan_id']}/sessions"
        recorded = await client.post(url, json=session)
        assert recorded.status_code == 201
        assert len(recorded.json()["sessions"]) == 1
        missing = await client.post(f"/v1/coaching/plans/{uuid4()}/sessions", json=session)
        assert missing.status_code == 404

        december = FIRST_OF_DECEMBER + timedelta(days=2)
        await inspection.calls("C-POOR", december, failing=1, passing=9)
        await inspection.calls("C-TRAIN", december, failing=2, passing=2)

        async def december_in() -> bool:
            counts = [(await performance(a, "2026-12"))["calls"] for a in ("C-POOR", "C-TRAIN")]
            return counts == [10, 4]

        await wait_for(december_in, what="December's calls in the read model")
        assert (await client.post("/v1/coaching/jobs:run")).json()["reviewed"] == []
        clock.advance(timedelta(weeks=6))
        reviewed = (await client.post("/v1/coaching/jobs:run")).json()
        assert sorted(reviewed["reviewed"]) == sorted([monthly["plan_id"], training["plan_id"]])
        after = (await client.get(f"/v1/coaching/plans/{monthly['plan_id']}")).json()
        assert after["status"] == "closed"
        assert after["review"] | {"rate_before": 0.6, "rate_after": 0.1} == after["review"]
        assert after["review"]["follow_up_plan_id"] is None
        assert (await client.post(url, json=session)).status_code == 409

        # C-TRAIN did not improve: the review opened a follow-up plan, six weeks from now.
        assert len(reviewed["opened"]) == 1
        follow_up_id = reviewed["opened"][0]
        escalated = (await client.get(f"/v1/coaching/plans/{training['plan_id']}")).json()
        assert (escalated["status"], escalated["review"]["outcome"]) == ("closed", "not_improved")
        assert escalated["review"]["escalated"] is True
        assert escalated["review"]["follow_up_plan_id"] == follow_up_id
        follow_up = (await client.get(f"/v1/coaching/plans/{follow_up_id}")).json()
        assert (follow_up["agent_id"], follow_up["reason"], follow_up["status"]) == (
            "C-TRAIN",
            "follow_up",
            "open",
        )
        assert follow_up["previous_plan_id"] == training["plan_id"]
        assert follow_up["rule_codes"] == [RULE]
        assert datetime.fromisoformat(follow_up["opened_at"]) == clock.now()
        follow_up_until = datetime.fromisoformat(follow_up["follow_up_until"])
        assert follow_up_until == clock.now() + timedelta(weeks=6)
        again = (await client.post("/v1/coaching/jobs:run")).json()
        assert (again["opened"], again["reviewed"]) == ([], [])
        manual = await client.post("/v1/coaching/plans", json={"agent_id": "C-TRAIN"})
        assert manual.status_code == 409
        assert manual.json()["open_plan_id"] == follow_up_id

        async def follow_up_listed() -> bool:
            params = {"agent_id": "C-TRAIN", "reason": "follow_up", "status": "open"}
            items = (await client.get("/v1/coaching/plans", params=params)).json()["items"]
            return [(i["plan_id"], i["previous_plan_id"]) for i in items] == [
                (follow_up_id, training["plan_id"])
            ]

        await wait_for(follow_up_listed, what="the follow-up plan in the plans list")
        listed = (await trained_plan())[-1]
        assert (listed["plan_id"], listed["status"]) == (training["plan_id"], "closed")
        assert listed["follow_up_plan_id"] == follow_up_id

    async def reviews_published() -> bool:
        found = await read_all(nc, settings.namespace, "coaching", "CoachingReviewed")
        return len(found) == 2

    await wait_for(reviews_published, what="CoachingReviewed on the stream")
    found = await read_all(nc, settings.namespace, "coaching", "CoachingReviewed")
    reviews = {e.payload["agent_id"]: e.payload for e in found}
    assert (reviews["C-POOR"]["outcome"], reviews["C-POOR"]["escalated"]) == ("improved", False)
    assert (reviews["C-TRAIN"]["outcome"], reviews["C-TRAIN"]["escalated"]) == (
        "not_improved",
        True,
    )
    assert (reviews["C-TRAIN"]["rate_before"], reviews["C-TRAIN"]["rate_after"]) == (0.25, 0.5)
    assert reviews["C-POOR"]["follow_up_plan_id"] is None
    assert reviews["C-TRAIN"]["follow_up_plan_id"] == follow_up_id

    async def follow_up_published() -> bool:
        found = await read_all(nc, settings.namespace, "coaching", "CoachingPlanOpened")
        return len(found) == 3

    await wait_for(follow_up_published, what="the follow-up CoachingPlanOpened on the stream")
    opened = await read_all(nc, settings.namespace, "coaching", "CoachingPlanOpened")
    by_reason = {e.payload["reason"]: e.payload for e in opened}
    assert sorted(by_reason) == ["follow_up", "ineffective_training", "monthly_selection"]
    assert by_reason["follow_up"]["plan_id"] == follow_up_id
    assert by_reason["follow_up"]["previous_plan_id"] == training["plan_id"]
    assert by_reason["ineffective_training"]["previous_plan_id"] is None


async def test_paging_and_errors(coaching: str) -> None:
    async with httpx.AsyncClient(base_url=coaching, timeout=30) as client:
        opened = [
            (await client.post("/v1/coaching/plans", json={"agent_id": agent})).json()["plan_id"]
            for agent in ("P1", "P2", "P3")
        ]

        async def all_listed() -> bool:
            items = (await client.get("/v1/coaching/plans")).json()["items"]
            return len(items) == 3

        await wait_for(all_listed, what="the manual plans in the plans list")
        first = (await client.get("/v1/coaching/plans", params={"limit": 2})).json()
        params = {"limit": 2, "cursor": first["next_cursor"]}
        second = (await client.get("/v1/coaching/plans", params=params)).json()
        assert second["next_cursor"] is None
        paged = [i["plan_id"] for i in first["items"] + second["items"]]
        assert sorted(paged) == sorted(opened)

        invalid = await client.get("/v1/coaching/plans", params={"cursor": "not-a-cursor"})
        assert (invalid.status_code, invalid.json()["error"]) == (422, "invalid_cursor")
        missing = await client.get(f"/v1/coaching/plans/{uuid4()}")
        assert (missing.status_code, missing.json()["error"]) == (404, "not_found")
        again = await client.post("/v1/coaching/plans", json={"agent_id": "P1"})
        assert (again.status_code, again.json()["error"]) == (409, "conflict")
        assert again.json()["open_plan_id"] == opened[0]
