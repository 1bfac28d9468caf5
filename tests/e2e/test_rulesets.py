"""Rule set versions through the gateway: draft → validate → publish → in force."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.e2e.calls import BAD_SEGMENTS, make_call, post_when_in_force
from tests.support import wait_for

pytestmark = pytest.mark.integration

POLITE_RULE: dict[str, Any] = {
    "code": "SVC-TEST-THANKS",
    "name": "未致谢",
    "description": "坐席全程未对来电人表示感谢",
    "dimension": "服务",
    "stage": "受理",
    "severity": "一般",
    "deduction": 1,
    "mode": "auto",
    "condition": {
        "op": "not",
        "condition": {"op": "keywords", "role": "agent", "words": ["谢谢", "感谢"]},
    },
    "suggestion": "结束通话前感谢来电人的反映与配合。",
}


async def test_draft_validate_publish_and_inspect_with_the_new_version(
    client: httpx.AsyncClient,
) -> None:
    await post_when_in_force(client, make_call("E2E-RS-0"))
    active = (await client.get("/v1/rulesets/active")).json()
    assert active["rule_count"] >= 57

    broken = dict(POLITE_RULE, condition={"op": "regex", "role": "agent", "pattern": "(未闭合"})
    negative = dict(POLITE_RULE, code="SVC-TEST-NEG", deduction=-3)
    draft = await client.post(
        "/v1/rulesets",
        json={"description": "加入致谢规则", "based_on": active["version"]},
    )
    assert draft.status_code == 201, draft.text
    version = draft.json()["ruleset"]["version"]
    rules = draft.json()["ruleset"]["rules"]

    revised = await client.put(
        f"/v1/rulesets/{version}", json={"rules": [*rules, broken, negative], "reason": "试写"}
    )
    assert revised.status_code == 200
    report = (await client.post(f"/v1/rulesets/{version}:validate")).json()
    assert report["valid"] is False
    fields = {error["field"] for error in report["errors"]}
    count = len(rules)
    assert any(f.startswith(f"rules[{count}].condition") for f in fields), fields
    assert f"rules[{count + 1}].deduction" in fields
    refused = await client.post(f"/v1/rulesets/{version}:publish")
    assert refused.status_code == 422

    await client.put(f"/v1/rulesets/{version}", json={"rules": [*rules, POLITE_RULE]})
    published = await client.post(f"/v1/rulesets/{version}:publish")
    assert published.status_code == 200, published.text
    assert published.json()["active"] is True
    again = await client.post(f"/v1/rulesets/{version}:publish")
    assert again.status_code == 200
    immutable = await client.put(f"/v1/rulesets/{version}", json={"rules": rules})
    assert immutable.status_code == 409

    diff = (
        await client.get("/v1/rulesets/diff", params={"from": active["version"], "to": version})
    ).json()
    assert diff["added"] == ["SVC-TEST-THANKS"]
    assert diff["removed"] == []
    assert diff["changed"] == []

    answers: list[dict[str, Any]] = []

    async def inspected_with_new_version() -> bool:
        call_id = f"E2E-RS-{len(answers) + 1}"
        answer = (await client.post("/v1/calls", json=make_call(call_id, BAD_SEGMENTS))).json()
        answers.append(answer)
        return bool(answer["inspection"]["ruleset_version"] == version)

    await wait_for(inspected_with_new_version, what="the inspection service to use the new version")
    found = {f["rule_code"] for f in answers[-1]["inspection"]["findings"]}
    assert "SVC-TEST-THANKS" in found
    old = (await client.get("/v1/calls/E2E-RS-0")).json()
    assert old["inspection"]["ruleset_version"] == active["version"]


async def test_dry_run_shows_matches_with_evidence(client: httpx.AsyncClient) -> None:
    call = make_call("E2E-DRY", BAD_SEGMENTS)
    answer = await client.post("/v1/rules:dry-run", json={"rules": [POLITE_RULE], "call": call})
    assert answer.status_code == 200, answer.text
    (outcome,) = answer.json()["outcomes"]
    assert outcome["rule_code"] == "SVC-TEST-THANKS"
    assert outcome["status"] == "violated"
    active = (await client.get("/v1/rulesets/active")).json()["version"]
    by_version = await client.post(
        f"/v1/rulesets/{active}:dry-run", json={"call": call, "rule_codes": ["SVC-BANNED-PHRASE"]}
    )
    (banned,) = by_version.json()["outcomes"]
    assert banned["status"] == "violated"
    assert banned["evidence"][0]["matched_text"] in ("不知道", "不清楚")
    assert (await client.get("/v1/calls/E2E-DRY")).status_code == 404


async def test_unknown_operator_is_refused_with_its_field(client: httpx.AsyncClient) -> None:
    rule = dict(POLITE_RULE, condition={"op": "telepathy", "role": "agent"})
    answer = await client.post("/v1/rules:dry-run", json={"rules": [rule], "call": make_call("X")})
    assert answer.status_code == 422
    assert any(e["field"].startswith("rules[0].condition") for e in answer.json()["errors"])
    missing = await client.get("/v1/rulesets/9999")
    assert missing.status_code == 404
