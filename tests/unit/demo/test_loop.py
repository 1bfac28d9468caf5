"""`qa loop`'s reading and printing, on a fake gateway; and the demo's settings."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from demo.settings import DEMO_DEFAULTS, demo_environment
from runtime.cli.loop import LoopUnavailable, fetch_loop, format_loop, loop_command, loop_text
from runtime.settings import Settings

ITEMS: dict[str, list[dict[str, Any]]] = {
    "/v1/knowledge/proposals": [
        {
            "rule_code": "BIZ-BUCK-PASSING",
            "category": "市政设施",
            "finding_count": 20,
            "call_share": 0.5128,
            "trigger": "threshold",
            "opened_at": "2026-11-23T15:56:41.07+00:00",
        }
    ],
    "/v1/knowledge/articles": [
        {
            "title": "市政设施报修的受理口径",
            "kind": "answer_script",
            "revision": 2,
            "rule_codes": ["BIZ-BUCK-PASSING"],
            "updated_at": "2026-11-23T15:56:41+00:00",
        }
    ],
    "/v1/training/programmes": [
        {
            "title": "受理口径培训",
            "status": "evaluated",
            "rule_codes": ["BIZ-BUCK-PASSING"],
            "completed_per_level": {"centre_head": 1, "team_leader": 1, "agent": 2},
            "effect": {"verified": 1, "ineffective": 1, "rate_before": 0.82, "rate_after": 0.5},
        }
    ],
    "/v1/training/verifications": [
        {"agent_id": "D1", "outcome": "verified", "rate_before": 0.79, "rate_after": 0.0},
        {"agent_id": "D2", "outcome": "pending", "rate_before": None},
    ],
    "/v1/coaching/plans": [
        {
            "agent_id": "D2",
            "reason": "ineffective_training",
            "status": "closed",
            "rule_codes": ["BIZ-BUCK-PASSING"],
            "sessions": [{"coach_id": "Q007"}],
            "follow_up_until": "2027-01-25T18:47:00+00:00",
            "outcome": "not_improved",
            "rate_before": 0.89,
            "rate_after": 0.9,
            "escalated": True,
        }
    ],
}


def gateway(items: dict[str, list[dict[str, Any]]], seen: list[httpx.Request]) -> httpx.Client:
    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.headers.get("X-API-Key") != "k":
            return httpx.Response(401, json={"error": "unauthorized"})
        return httpx.Response(200, json={"items": items.get(request.url.path, [])})

    transport = httpx.MockTransport(answer)
    return httpx.Client(base_url="http://gw", headers={"X-API-Key": "k"}, transport=transport)


def test_the_loop_is_read_through_the_gateway_and_printed_line_by_line() -> None:
    seen: list[httpx.Request] = []
    text = loop_text(gateway(ITEMS, seen))
    assert seen[0].url.params["status"] == "open"  # only open proposals
    assert {request.url.path for request in seen} == set(ITEMS)
    lines = text.splitlines()
    assert lines[0] == "闭环状态 loop state"
    assert "待处理的知识更新提议 open_proposals (1)" in lines
    assert (
        "  rule=BIZ-BUCK-PASSING category=市政设施 count=20 share=0.51 trigger=threshold "
        "opened_at=2026-11-23 15:56"
    ) in lines
    assert any("revision=2" in line and "kind=answer_script" in line for line in lines)
    programme = next(line for line in lines if line.startswith("  title=受理口径培训"))
    assert "stage=evaluated" in programme
    assert "completed=centre_head:1,team_leader:1,agent:2" in programme
    assert "rate_before=0.82 rate_after=0.50" in programme
    assert "  agent=D2 outcome=pending rules=- calls_before=- rate_before=-" in text
    plan = next(line for line in lines if line.startswith("  agent=D2 reason="))
    assert "status=closed" in plan
    assert "sessions=1" in plan
    assert "review=not_improved(0.89->0.90) escalated" in plan


def test_an_empty_section_says_none() -> None:
    text = format_loop({})
    assert text.count("(none)") == 5
    assert "辅导计划 coaching_plans (0)" in text


def test_an_error_answer_is_reported() -> None:
    client = gateway(ITEMS, [])
    client.headers["X-API-Key"] = "wrong"
    with pytest.raises(LoopUnavailable, match="answered 401"):
        fetch_loop(client)


def test_an_unreachable_gateway_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(url="http://127.0.0.1:9", api_key="k")
    assert loop_command(args, Settings()) == 1
    assert "unreachable" in capsys.readouterr().err


def test_the_demo_environment_keeps_what_is_set() -> None:
    started = datetime(2026, 11, 23, 8, tzinfo=UTC)
    env = demo_environment({"QA_CLOCK_SPEED": "3600", "QA_COACHING_JOB_SECONDS": ""}, started)
    assert env["QA_CLOCK_SPEED"] == "3600"
    assert env["QA_COACHING_JOB_SECONDS"] == DEMO_DEFAULTS["QA_COACHING_JOB_SECONDS"] == "2"
    assert env["QA_KNOWLEDGE_DETECT_SECONDS"] == env["QA_VERIFY_CHECK_SECONDS"] == "2"
    assert datetime.fromisoformat(env["QA_CLOCK_SINCE"]) == started
    assert demo_environment({}, started)["QA_CLOCK_SPEED"] == "86400"
