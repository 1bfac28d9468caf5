"""The weekly digest through the gateway, on the real servers, with a manual clock: last week's
calls with buck passing → a digest naming the rule, its agents and its article (published once)
→ the training service drafts the week's programme from it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from runtime.clock import ManualClock
from runtime.settings import Settings
from services.rules.bootstrap import ensure_default_pack
from tests.e2e.calls import BAD_SEGMENTS, make_call, post_when_in_force, wait_for_findings
from tests.stack import running_stack
from tests.support import wait_for

pytestmark = pytest.mark.integration

BUCK = "BIZ-BUCK-PASSING"
NOW = datetime(2026, 12, 2, 4, 0, tzinfo=UTC)  # Wednesday noon in Shanghai
LAST_WEEK = [
    ("DG-LAST-0", "A3001", "T31", "2026-11-23T00:10:00+08:00"),
    ("DG-LAST-1", "A3002", "T31", "2026-11-25T10:00:00+08:00"),
    ("DG-LAST-2", "A3003", "T32", "2026-11-27T15:00:00+08:00"),
    ("DG-LAST-3", "A3001", "T31", "2026-11-29T23:50:00+08:00"),
]
THIS_WEEK = [("DG-THIS-0", "A3009", "T39", "2026-11-30T00:10:00+08:00")]
Json = dict[str, Any]


@pytest.fixture(scope="module")
def dstack(make_settings: Callable[[], Settings]) -> Iterator[tuple[Settings, str]]:
    with running_stack(make_settings(), ManualClock(NOW)) as (settings, gateway_url):
        ensure_default_pack(settings)
        yield settings, gateway_url


@pytest.fixture
async def dclient(dstack: tuple[Settings, str]) -> AsyncIterator[httpx.AsyncClient]:
    settings, url = dstack
    headers = {"X-API-Key": settings.bootstrap_api_key, "X-Actor-Id": "qa-lead"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as client:
        yield client


async def create_article(client: httpx.AsyncClient) -> str:
    """An answer script tagged with the rule, once the articles read model lists it."""
    article = {
        "kind": "answer_script",
        "title": "推诿的纠正口径",
        "body": "市民反映的问题属于热线受理范围的，应直接受理并派单，不得让市民自行联系。",
        "rule_codes": [BUCK],
    }
    created = await client.post("/v1/knowledge/articles", json=article)
    assert created.status_code == 201, created.text
    article_id = str(created.json()["article_id"])

    async def listed() -> bool:
        answer = await client.get("/v1/knowledge/articles", params={"rule_code": BUCK})
        return article_id in [a["article_id"] for a in answer.json()["items"]]

    await wait_for(listed, what="the article in the articles read model")
    return article_id


def buck_item(digest: Json) -> Json:
    return next(i for i in digest["items"] if i["rule_code"] == BUCK)


async def test_last_weeks_problems_make_one_digest_and_one_programme(
    dclient: httpx.AsyncClient, dstack: tuple[Settings, str]
) -> None:
    settings, _ = dstack
    empty = await dclient.post("/v1/knowledge/digests:publish")
    assert empty.status_code == 200, empty.text
    assert empty.json()["digest"] is None

    article_id = await create_article(dclient)
    for call_id, agent, team, started_at in LAST_WEEK + THIS_WEEK:
        call = make_call(
            call_id,
            BAD_SEGMENTS,
            agent_id=agent,
            team_id=team,
            started_at=started_at,
            work_order={"category": "市政设施"},
        )
        assert (await post_when_in_force(dclient, call)).status_code == 201
    await wait_for_findings(settings, "DG", len(LAST_WEEK + THIS_WEEK))

    published = await dclient.post("/v1/knowledge/digests:publish")
    assert published.status_code == 200, published.text
    assert published.json()["created"] is True
    digest = published.json()["digest"]
    week = [datetime.fromisoformat(digest[k]) for k in ("week_start", "week_end")]
    assert week == [datetime.fromisoformat(f"2026-11-{d}T00:00:00+08:00") for d in (23, 30)]
    item = buck_item(digest)
    assert (item["category"], item["call_count"], item["call_share"]) == ("市政设施", 4, 1.0)
    assert item["agents"] == ["A3001", "A3002", "A3003"]
    assert item["teams"] == ["T31", "T32"]
    assert item["article_ids"] == [article_id]

    again = await dclient.post("/v1/knowledge/digests:publish")
    assert again.status_code == 200, again.text
    assert again.json()["created"] is False
    assert again.json()["digest"] == digest
    read = await dclient.get(f"/v1/knowledge/digests/{digest['digest_id']}")
    assert read.status_code == 200, read.text
    assert read.json() == digest
    unknown = await dclient.get("/v1/knowledge/digests/00000000-0000-0000-0000-000000000000")
    assert unknown.status_code == 404

    drafted: list[Json] = []

    async def has_programme() -> bool:
        answer = await dclient.get("/v1/training/programmes", params={"rule_code": BUCK})
        items = answer.json()["items"] if answer.status_code == 200 else []
        drafted[:] = [p for p in items if p["source"] == "weekly_digest"]
        return bool(drafted)

    await wait_for(has_programme, what="the weekly digest's programme")
    [programme] = drafted
    assert programme["title"] == "2026-11-23 周重点问题培训"
    assert BUCK in programme["rule_codes"]
    assert article_id in [str(a) for a in programme["article_ids"]]
    assert {"A3001", "A3002", "A3003"} <= set(programme["audience_agents"])
    assert "A3009" not in programme["audience_agents"]
    assert {"T31", "T32"} <= set(programme["audience_teams"])
    read_programme = await dclient.get(f"/v1/training/programmes/{programme['programme_id']}")
    assert read_programme.status_code == 200, read_programme.text
    assert read_programme.json()["status"] == "published"
