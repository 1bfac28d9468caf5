"""The closed loop through the gateway, on the real servers, weeks passing on a manual clock:
calls with a repeated problem → proposal → article → programme, quiz, cascade → later calls →
verified (one agent) / ineffective → coaching plan → session → six-week review (the other)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from runtime.clock import ManualClock
from runtime.nats_io import connect
from runtime.settings import Settings
from services.rules.bootstrap import ensure_default_pack
from tests.contracts_io import read_all
from tests.e2e.calls import BAD_SEGMENTS, GOOD_SEGMENTS, make_call, post_when_in_force
from tests.stack import running_stack
from tests.support import wait_for

pytestmark = pytest.mark.integration

BUCK = "BIZ-BUCK-PASSING"
START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
Json = dict[str, Any]


@pytest.fixture(scope="module")
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture(scope="module")
def loop_stack(
    make_settings: Callable[[], Settings], clock: ManualClock
) -> Iterator[tuple[Settings, str]]:
    with running_stack(make_settings(), clock) as (settings, gateway_url):
        ensure_default_pack(settings)
        yield settings, gateway_url


@pytest.fixture
async def api(loop_stack: tuple[Settings, str]) -> AsyncIterator[httpx.AsyncClient]:
    settings, url = loop_stack
    headers = {"X-API-Key": settings.bootstrap_api_key, "X-Actor-Id": "qa-lead"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as client:
        yield client


async def post_calls(
    api: httpx.AsyncClient, agent: str, segments: list[tuple[str, str]], at: datetime, n: int
) -> None:
    for i in range(n):
        call = make_call(
            f"LOOP-{agent}-{at:%m%d}-{i}",
            segments,
            agent_id=agent,
            team_id="T-LOOP",
            started_at=(at + timedelta(minutes=i)).isoformat(),
            work_order={"category": "市政设施"},
        )
        assert (await post_when_in_force(api, call)).status_code == 201


async def until(
    api: httpx.AsyncClient, path: str, pick: Callable[[Json], Json | None], what: str
) -> Json:
    """GET `path` until `pick` finds something in the answer; return it."""

    async def picked() -> Json | None:
        answer = await api.get(path)
        return pick(answer.json()) if answer.status_code == 200 else None

    return await wait_for(picked, what=what)


def first(items: list[Json], **match: Any) -> Json | None:
    return next((i for i in items if all(i.get(k) == v for k, v in match.items())), None)


async def open_proposal(api: httpx.AsyncClient) -> Json:
    async def detected() -> Json | None:
        await api.post("/v1/knowledge/proposals:detect")
        body = (await api.get(f"/v1/knowledge/proposals?status=open&rule_code={BUCK}")).json()
        return first(body["items"], rule_code=BUCK)

    return await wait_for(detected, what="a proposal for buck passing")


async def train(api: httpx.AsyncClient, programme_id: str, article_id: str) -> None:
    base = f"/v1/training/programmes/{programme_id}"
    question = {"article_id": article_id, "text": "市民反映路灯损坏，应当？", "answer": 1}
    question["options"] = ["让市民自己找街道办", "受理并派单至城管部门"]
    assert (await api.post(f"{base}/quiz", json={"questions": [question]})).status_code == 200
    cascade = [("centre_head", ["HEAD"]), ("team_leader", ["LEAD"]), ("agent", ["L1", "L2"])]
    for level, trainees in cascade:
        assigned = await api.post(
            f"{base}/assignments", json={"level": level, "trainee_ids": trainees}
        )
        assert assigned.status_code == 200, assigned.text
        for trainee in trainees:
            passed = await api.post(
                f"{base}/attempts", json={"trainee_id": trainee, "answers": [1]}
            )
            assert passed.status_code == 200, passed.text


def outcomes(programme: Json) -> Json | None:
    found: Json = {v["agent_id"]: v["outcome"] for v in programme["verifications"]}
    return found if len(found) == 2 and "pending" not in found.values() else None


async def verify(api: httpx.AsyncClient, programme_id: str) -> Json:
    async def checked() -> Json | None:
        await api.post("/v1/verifications:check")
        return outcomes((await api.get(f"/v1/training/programmes/{programme_id}")).json())

    return await wait_for(checked, what="both verifications to complete")


async def test_the_loop_turns(
    api: httpx.AsyncClient, clock: ManualClock, loop_stack: tuple[Settings, str]
) -> None:
    for agent in ("L1", "L2"):
        await post_calls(api, agent, BAD_SEGMENTS, START - timedelta(days=3), 4)

    proposal = await open_proposal(api)
    assert {e["agent_id"] for e in proposal["evidence"]} == {"L1", "L2"}
    approval = {"reason": "推诿集中出现，补充受理口径", "kind": "answer_script"}
    approval |= {
        "title": "路灯报修受理口径",
        "body": "路灯损坏属市政设施，直接受理并派单至城管部门。",
    }
    approved = await api.post(
        f"/v1/knowledge/proposals/{proposal['proposal_id']}:approve", json=approval
    )
    assert approved.status_code == 200, approved.text
    article_id = approved.json()["proposal"]["article_id"]

    programme = await until(
        api,
        f"/v1/training/programmes?rule_code={BUCK}",
        lambda body: body["items"][0] if body["items"] else None,
        "a programme from the knowledge update",
    )
    assert article_id in [str(a) for a in programme["article_ids"]]
    assert programme["correlation_id"] == str(proposal["proposal_id"])
    await train(api, str(programme["programme_id"]), article_id)

    await post_calls(api, "L1", GOOD_SEGMENTS, START + timedelta(days=3), 4)
    await post_calls(api, "L2", BAD_SEGMENTS, START + timedelta(days=3), 4)
    clock.advance(timedelta(days=15))
    assert await verify(api, str(programme["programme_id"])) == {
        "L1": "verified",
        "L2": "ineffective",
    }

    plan = await until(
        api,
        "/v1/coaching/plans?agent_id=L2",
        lambda body: first(body["items"], reason="ineffective_training"),
        "a coaching plan for the agent training did not reach",
    )
    assert not (await api.get("/v1/coaching/plans?agent_id=L1")).json()["items"]
    session = {"held_at": clock.now().isoformat(), "coach_id": "COACH", "calls_reviewed": []}
    session |= {"deviations": ["推诿"], "agreed_actions": ["首问负责，直接受理"]}
    recorded = await api.post(f"/v1/coaching/plans/{plan['plan_id']}/sessions", json=session)
    assert recorded.status_code == 201, recorded.text

    await post_calls(api, "L2", GOOD_SEGMENTS, clock.now() + timedelta(days=7), 4)
    clock.advance(timedelta(weeks=6, days=1))

    async def reviewed() -> Json | None:
        await api.post("/v1/coaching/jobs:run")
        body: Json = (await api.get(f"/v1/coaching/plans/{plan['plan_id']}")).json()
        return body if body.get("review") else None

    final = await wait_for(reviewed, what="the six-week review")
    await assert_one_case(loop_stack[0], str(proposal["proposal_id"]))
    assert final["review"]["outcome"] == "improved"
    assert final["status"] == "closed"


async def assert_one_case(settings: Settings, proposal_id: str) -> None:
    """Every step the proposal caused carries its id as correlation id, so an auditor can
    follow a finding to the article, programme, verification and coaching plan, and back."""
    nc = await connect(settings, "test")
    try:
        steps = [
            ("knowledge", "KnowledgeUpdated"),
            ("training", "ProgrammePublished"),
            ("training", "VerificationRequested"),
            ("inspection", "VerificationCompleted"),
            ("coaching", "CoachingPlanOpened"),
        ]
        for producer, event in steps:
            envelopes = await read_all(nc, settings.namespace, producer, event)
            assert envelopes, event
            assert {e.correlation_id for e in envelopes} == {proposal_id}, event
    finally:
        await nc.close()
