"""Hand-written hotline calls for the end-to-end tests, and posting them."""

from __future__ import annotations

from typing import Any

import asyncpg
import httpx

from runtime.readmodel import read_schema
from runtime.settings import Settings
from tests.support import wait_for

GOOD_SEGMENTS = [
    ("agent", "您好，很高兴为您服务，请问有什么可以帮您？"),
    ("customer", "你好，我想问一下孩子上小学报名需要准备哪些材料。"),
    (
        "agent",
        "好的，需要准备户口簿、房产证明和孩子的出生证明，您可以在区教育局网站上查看详细清单。",
    ),
    ("customer", "好的，明白了，谢谢。"),
    ("agent", "请问还有其他可以帮您的吗？"),
    ("customer", "没有了，谢谢。"),
    ("agent", "感谢您的来电，再见。"),
]

BAD_SEGMENTS = [
    ("agent", "喂，什么事？"),
    ("customer", "我家楼下的路灯坏了一个星期了，晚上很黑，想反映一下。"),
    ("agent", "这个我不知道，不归我们管，你去找街道办吧。"),
    ("customer", "那街道办电话是多少？"),
    ("agent", "不清楚，你自己查一下。"),
]


def make_call(
    call_id: str,
    segments: list[tuple[str, str]] = GOOD_SEGMENTS,
    agent_id: str = "A1001",
    team_id: str = "T01",
    started_at: str = "2026-11-20T09:30:00+08:00",
    **extra: Any,
) -> dict[str, Any]:
    """A call with timestamps: each utterance takes 4 s, with 0.5 s between them."""
    timed = [
        {"role": role, "text": text, "start_ms": i * 4500, "end_ms": i * 4500 + 4000}
        for i, (role, text) in enumerate(segments)
    ]
    return {
        "call_id": call_id,
        "agent_id": agent_id,
        "team_id": team_id,
        "channel": "voice",
        "stage": "acceptance",
        "started_at": started_at,
        "duration_ms": len(segments) * 4500,
        "segments": timed,
        **extra,
    }


async def post_when_in_force(
    client: httpx.AsyncClient, body: dict[str, Any], path: str = "/v1/calls"
) -> httpx.Response:
    """POST a call (or a batch, to /v1/calls:batch), retrying while the inspection service
    has no rule set in force yet (a 503 stores nothing, so retrying is safe)."""

    async def not_unavailable() -> httpx.Response | None:
        answer = await client.post(path, json=body)
        return None if answer.status_code == 503 else answer

    return await wait_for(not_unavailable, what="the default rule pack in force")


async def wait_for_findings(
    settings: Settings, prefix: str, n: int, rule_code: str = "BIZ-BUCK-PASSING"
) -> None:
    """Until the knowledge service's findings read model holds `n` findings of the rule on
    calls whose id starts with `prefix-`."""
    assert settings.database_url is not None
    query = (
        f'SELECT count(*) FROM "{read_schema(settings, "knowledge")}".findings '
        "WHERE rule_code = $1 AND call_id LIKE $2"
    )
    conn = await asyncpg.connect(settings.database_url)
    try:

        async def arrived() -> bool:
            return int(await conn.fetchval(query, rule_code, f"{prefix}-%") or 0) >= n

        await wait_for(arrived, what=f"{n} findings in the knowledge read model")
    finally:
        await conn.close()
