"""The knowledge service through the gateway, on the real servers, with a manual clock:
repeated findings → a proposal with evidence → an approved answer script → KnowledgeUpdated."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from contracts.envelope import Envelope
from runtime.clock import ManualClock
from runtime.nats_io import connect
from runtime.settings import Settings
from services.rules.bootstrap import ensure_default_pack
from tests.contracts_io import read_all
from tests.e2e.calls import BAD_SEGMENTS, make_call, post_when_in_force, wait_for_findings
from tests.stack import running_stack
from tests.support import wait_for

pytestmark = pytest.mark.integration

BUCK = "BIZ-BUCK-PASSING"
CATEGORY = "市政设施"
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
AGENTS = [("A2001", "T21"), ("A2002", "T21"), ("A2003", "T22")]


@pytest.fixture(scope="module")
def kstack(make_settings: Callable[[], Settings]) -> Iterator[tuple[Settings, str]]:
    with running_stack(make_settings(), ManualClock(NOW)) as (settings, gateway_url):
        ensure_default_pack(settings)
        yield settings, gateway_url


@pytest.fixture
async def kclient(kstack: tuple[Settings, str]) -> AsyncIterator[httpx.AsyncClient]:
    settings, url = kstack
    headers = {"X-API-Key": settings.bootstrap_api_key}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as client:
        yield client


async def post_bad_calls(client: httpx.AsyncClient, prefix: str, n: int, category: str) -> None:
    for i in range(n):
        agent, team = AGENTS[i % len(AGENTS)]
        call = make_call(
            f"{prefix}-{i}",
            BAD_SEGMENTS,
            agent_id=agent,
            team_id=team,
            started_at="2026-11-20T09:30:00+08:00",
            work_order={"category": category},
        )
        assert (await post_when_in_force(client, call)).status_code == 201


async def knowledge_updates(settings: Settings) -> list[Envelope]:
    nc = await connect(settings, "test-knowledge")
    try:
        return await read_all(nc, settings.namespace, "knowledge", "KnowledgeUpdated")
    finally:
        await nc.close()


def buck_proposals(answer: httpx.Response) -> list[dict[str, Any]]:
    assert answer.status_code == 200, answer.text
    return [p for p in answer.json()["opened"] if p["rule_code"] == BUCK]


async def test_repeated_findings_open_one_proposal_that_an_approval_answers(
    kclient: httpx.AsyncClient, kstack: tuple[Settings, str]
) -> None:
    settings, _ = kstack
    await post_bad_calls(kclient, "KB-LAMP", 6, CATEGORY)
    await wait_for_findings(settings, "KB-LAMP", 6)

    opened = buck_proposals(await kclient.post("/v1/knowledge/proposals:detect"))
    assert len(opened) == 1
    proposal = opened[0]
    assert (proposal["trigger"], proposal["category"], proposal["status"]) == (
        "threshold",
        CATEGORY,
        "open",
    )
    assert proposal["finding_count"] == 6
    assert proposal["call_share"] == 1.0
    assert {e["call_id"] for e in proposal["evidence"]} == {f"KB-LAMP-{i}" for i in range(6)}
    assert buck_proposals(await kclient.post("/v1/knowledge/proposals:detect")) == []

    async def listed_once() -> bool:
        answer = await kclient.get(
            "/v1/knowledge/proposals", params={"status": "open", "rule_code": BUCK}
        )
        return [p["proposal_id"] for p in answer.json()["items"]] == [proposal["proposal_id"]]

    await wait_for(listed_once, what="the open proposal in the read model")

    pid = proposal["proposal_id"]
    approval = {
        "kind": "answer_script",
        "title": "路灯损坏的受理口径",
        "body": "市民反映路灯损坏，应直接受理并派单至城管部门，告知办理时限，不得推诿。",
        "reason": "一周内推诿集中出现",
    }
    approved = await kclient.post(f"/v1/knowledge/proposals/{pid}:approve", json=approval)
    assert approved.status_code == 200, approved.text
    article = approved.json()["article"]
    assert approved.json()["proposal"]["status"] == "approved"
    current = article["current"]
    assert current["revision"] == 1
    assert BUCK in current["rule_codes"]
    assert CATEGORY in current["categories"]
    assert current["proposal_id"] == pid
    assert current["audience_agents"] == ["A2001", "A2002", "A2003"]

    again = await kclient.post(f"/v1/knowledge/proposals/{pid}:approve", json=approval)
    assert again.status_code == 409
    assert again.json()["error"] == "already_decided"
    rejected = await kclient.post(f"/v1/knowledge/proposals/{pid}:reject", json={"reason": "x"})
    assert rejected.status_code == 409
    assert buck_proposals(await kclient.post("/v1/knowledge/proposals:detect")) == []

    async def searchable() -> bool:
        answer = await kclient.get(
            "/v1/knowledge/articles", params={"q": "路灯", "rule_code": BUCK}
        )
        return [a["article_id"] for a in answer.json()["items"]] == [article["article_id"]]

    await wait_for(searchable, what="the article found by a Chinese keyword")
    missing = await kclient.get("/v1/knowledge/articles", params={"q": "医保报销"})
    assert missing.json()["items"] == []

    async def published() -> bool:
        updates = await knowledge_updates(settings)
        return any(e.payload.get("proposal_id") == pid for e in updates)

    await wait_for(published, what="KnowledgeUpdated on the stream")
    update = next(e for e in await knowledge_updates(settings) if e.payload["proposal_id"] == pid)
    assert update.payload["audience_agents"] == ["A2001", "A2002", "A2003"]
    assert update.payload["audience_teams"] == ["T21", "T22"]
    assert update.correlation_id == pid
    assert update.is_intact()


async def test_an_article_keeps_every_revision(kclient: httpx.AsyncClient) -> None:
    body = {"kind": "faq", "title": "医保报销流程", "body": "携带医保卡到窗口办理。"}
    created = await kclient.post("/v1/knowledge/articles", json={**body, "article_key": "faq-1"})
    assert created.status_code == 201, created.text
    repeat = await kclient.post("/v1/knowledge/articles", json={**body, "article_key": "faq-1"})
    assert repeat.status_code == 200
    article_id = created.json()["article_id"]
    assert repeat.json()["article_id"] == article_id
    revised = await kclient.put(
        f"/v1/knowledge/articles/{article_id}",
        json={"body": "携带医保卡和发票到窗口办理。", "reason": "补充材料", "expected_revision": 1},
    )
    assert revised.status_code == 200, revised.text
    read = (await kclient.get(f"/v1/knowledge/articles/{article_id}")).json()
    assert [r["revision"] for r in read["revisions"]] == [1, 2]
    assert read["revisions"][0]["body"] == "携带医保卡到窗口办理。"
    assert read["current"]["reason"] == "补充材料"
    stale = await kclient.put(
        f"/v1/knowledge/articles/{article_id}", json={"reason": "x", "expected_revision": 1}
    )
    assert stale.status_code == 409
    unknown = await kclient.get("/v1/knowledge/articles/00000000-0000-0000-0000-000000000000")
    assert unknown.status_code == 404


async def test_a_flagged_gap_opens_a_proposal_that_can_be_rejected_once(
    kclient: httpx.AsyncClient, kstack: tuple[Settings, str]
) -> None:
    settings, _ = kstack
    await post_bad_calls(kclient, "KB-GAP", 2, "其他")
    await wait_for_findings(settings, "KB-GAP", 2)
    flagged = await kclient.post(
        "/v1/knowledge/gaps", json={"call_id": "KB-GAP-0", "rule_code": BUCK, "note": "无口径"}
    )
    assert flagged.status_code == 201, flagged.text
    proposal = flagged.json()
    assert (proposal["trigger"], proposal["category"]) == ("flagged", "其他")
    assert [e["call_id"] for e in proposal["evidence"]] == ["KB-GAP-0"]
    pid = proposal["proposal_id"]
    joined = await kclient.post(
        "/v1/knowledge/gaps", json={"call_id": "KB-GAP-1", "rule_code": BUCK}
    )
    assert joined.status_code == 200, joined.text
    assert joined.json()["finding_count"] == 2

    async def listed_with_both() -> bool:
        items = (await kclient.get("/v1/knowledge/proposals", params={"status": "open"})).json()
        mine = [p for p in items["items"] if p["proposal_id"] == pid]
        calls = [e["call_id"] for e in mine[0]["evidence"]] if mine else []
        return calls == ["KB-GAP-0", "KB-GAP-1"] and mine[0]["finding_count"] == 2

    await wait_for(listed_with_both, what="the list to show the flagged evidence")
    rejected = await kclient.post(f"/v1/knowledge/proposals/{pid}:reject", json={"reason": "个案"})
    assert rejected.status_code == 200, rejected.text
    assert rejected.json()["status"] == "rejected"
    again = await kclient.post(f"/v1/knowledge/proposals/{pid}:reject", json={"reason": "个案"})
    assert again.status_code == 409
    assert (await kclient.get(f"/v1/knowledge/proposals/{pid}")).json()["status"] == "rejected"
    unknown = await kclient.post("/v1/knowledge/gaps", json={"call_id": "nope", "rule_code": BUCK})
    assert unknown.status_code == 404


async def test_cases_are_listed_by_kind(kclient: httpx.AsyncClient) -> None:
    case = {"kind": "benchmark", "title": "标杆录音", "call_id": "KB-LAMP-0", "rule_codes": [BUCK]}
    created = await kclient.post("/v1/knowledge/cases", json=case)
    assert created.status_code == 201, created.text

    async def listed() -> bool:
        answer = await kclient.get("/v1/knowledge/cases", params={"kind": "benchmark"})
        return [c["case_id"] for c in answer.json()["items"]] == [created.json()["case_id"]]

    await wait_for(listed, what="the case in the library")
    by_rule = await kclient.get("/v1/knowledge/cases", params={"rule_code": BUCK})
    assert [c["title"] for c in by_rule.json()["items"]] == ["标杆录音"]
    none = await kclient.get("/v1/knowledge/cases", params={"kind": "moving"})
    assert none.json()["items"] == []


async def test_pages_follow_the_cursor_and_a_bad_cursor_is_refused(
    kclient: httpx.AsyncClient,
) -> None:
    for i in range(2):
        body = {"kind": "policy", "title": f"分页{i}", "body": "政策。", "rule_codes": ["PAGE"]}
        assert (await kclient.post("/v1/knowledge/articles", json=body)).status_code == 201
    params: dict[str, Any] = {"rule_code": "PAGE", "limit": 1}

    async def first_page() -> dict[str, Any] | None:
        page: dict[str, Any] = (await kclient.get("/v1/knowledge/articles", params=params)).json()
        return page if page["next_cursor"] else None

    first = await wait_for(first_page, what="two pages of articles")
    params["cursor"] = first["next_cursor"]
    second = (await kclient.get("/v1/knowledge/articles", params=params)).json()
    assert {a["title"] for a in first["items"] + second["items"]} == {"分页0", "分页1"}
    assert second["next_cursor"] is None
    bad = await kclient.get("/v1/knowledge/proposals", params={"cursor": "nope"})
    assert (bad.status_code, bad.json()["error"]) == (422, "invalid_cursor")


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/knowledge/articles", {"kind": "blog", "title": "t", "body": "b"}, "kind"),
        ("/v1/knowledge/articles", {"kind": "faq", "title": "", "body": "b"}, "title"),
        (
            "/v1/knowledge/cases",
            {"kind": "disputed", "title": "t", "call_id": "c"},
            "settled_answer",
        ),
        (
            "/v1/knowledge/proposals/00000000-0000-0000-0000-000000000000:approve",
            {"reason": "r", "kind": "faq", "body": "b"},
            "title",
        ),
        ("/v1/knowledge/gaps", {"call_id": "c"}, "rule_code"),
    ],
)
async def test_bad_input_is_refused_naming_the_field(
    kclient: httpx.AsyncClient, path: str, body: dict[str, Any], field: str
) -> None:
    answer = await kclient.post(path, json=body)
    assert answer.status_code == 422, answer.text
    assert field in {item["field"] for item in answer.json()["errors"]}
