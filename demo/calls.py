"""A built-in sample of 12345 hotline calls (zh-CN) for the demo.

A call is made from a dialogue template and a letter: `G` a good call, `B` buck passing (推诿,
with banned phrases such as 不知道 / 不清楚), `P` a banned phrase without buck passing. A
pattern such as "BBGB" gives an agent's calls in order, spread over a stretch of time; the
timestamps come from the caller (the demo reads them from the shared accelerated clock).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

BUCK_PASSING = "BIZ-BUCK-PASSING"
BANNED_PHRASE = "SVC-BANNED-PHRASE"
CATEGORY = "市政设施"  # the category where buck passing concentrates

Segments = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Template:
    """One dialogue, with the work order the agent filled in."""

    topic: str
    category: str
    department: str
    segments: Segments
    satisfaction: int
    resolved: bool


GOOD: tuple[Template, ...] = (
    Template(
        "路灯损坏",
        CATEGORY,
        "城管局",
        (
            ("agent", "您好，很高兴为您服务，请问有什么可以帮您？"),
            ("customer", "我家楼下的路灯坏了一个星期了，晚上很黑，想反映一下。"),
            ("agent", "好的，请问具体地址是哪里？"),
            ("customer", "幸福路十二号小区南门口。"),
            ("agent", "请问您的联系电话是尾号五六七八的这个号码吗？"),
            ("customer", "对，是这个号码。"),
            ("agent", "好的，我马上为您派单到城管局，一般三个工作日内处理，会有工作人员联系您。"),
            ("customer", "好的，谢谢。"),
            ("agent", "请问还有其他可以帮您的吗？"),
            ("customer", "没有了，谢谢。"),
            ("agent", "感谢您的来电，再见。"),
        ),
        5,
        True,
    ),
    Template(
        "井盖缺失",
        CATEGORY,
        "城管局",
        (
            ("agent", "您好，很高兴为您服务，请问有什么可以帮您？"),
            ("customer", "我们小区门口的井盖丢了，很危险。"),
            ("agent", "这个情况很危险，请问具体位置在哪里？"),
            ("customer", "建设路和人民路路口东边。"),
            ("agent", "好的，请问您的联系电话是尾号一二三四的这个号码吗？"),
            ("customer", "是的。"),
            ("agent", "我已经记录下来，马上派单给城管局尽快处理，请您和家人路过时注意安全。"),
            ("customer", "好的，麻烦了。"),
            ("agent", "请问还有其他可以帮您的吗？"),
            ("customer", "没有了。"),
            ("agent", "感谢您的来电，再见。"),
        ),
        5,
        True,
    ),
    Template(
        "入学材料",
        "教育",
        "教育局",
        (
            ("agent", "您好，很高兴为您服务，请问有什么可以帮您？"),
            ("customer", "你好，我想问一下孩子上小学报名需要准备哪些材料。"),
            ("agent", "需要准备户口簿、房产证明和孩子的出生证明，区教育局网站上有详细清单。"),
            ("customer", "好的，明白了，谢谢。"),
            ("agent", "请问还有其他可以帮您的吗？"),
            ("customer", "没有了，谢谢。"),
            ("agent", "感谢您的来电，再见。"),
        ),
        5,
        True,
    ),
)

BUCK: tuple[Template, ...] = (
    Template(
        "路灯损坏",
        CATEGORY,
        "街道办事处",
        (
            ("agent", "喂，什么事？"),
            ("customer", "我家楼下的路灯坏了一个星期了，晚上很黑，想反映一下。"),
            ("agent", "这个我不知道，不归我们管，你去找街道办吧。"),
            ("customer", "那街道办电话是多少？"),
            ("agent", "不清楚，你自己查一下。"),
        ),
        1,
        False,
    ),
    Template(
        "井盖缺失",
        CATEGORY,
        "街道办事处",
        (
            ("agent", "您好，很高兴为您服务。"),
            ("customer", "我们小区门口的井盖丢了，很危险。"),
            ("agent", "井盖这事我们管不了，你去找物业。"),
            ("customer", "物业说不归他们管，让我打热线。"),
            ("agent", "那我也不清楚，你找别的部门吧。"),
        ),
        2,
        False,
    ),
)

BANNED: tuple[Template, ...] = (
    Template(
        "公交线路",
        "交通运输",
        "交通运输局",
        (
            ("agent", "您好，很高兴为您服务，请问有什么可以帮您？"),
            ("customer", "请问十八路公交车最近是不是改线了？"),
            ("agent", "这个我不太清楚，您稍等，我帮您查询一下。"),
            ("customer", "好的。"),
            ("agent", "感谢您的耐心等待，十八路从下周一起绕行建设路，不停靠人民路站。"),
            ("customer", "明白了，谢谢。"),
            ("agent", "请问还有其他可以帮您的吗？"),
            ("customer", "没有了。"),
            ("agent", "感谢您的来电，再见。"),
        ),
        4,
        True,
    ),
)

TEMPLATES: dict[str, tuple[Template, ...]] = {"G": GOOD, "B": BUCK, "P": BANNED}

TEAMS = {"G1": "T1", "G2": "T1", "D1": "T2", "D2": "T2"}
"""The agents of the sample and their teams: D1 and D2 (team T2) often pass the buck."""

WEEK_PATTERNS = {
    "G1": "GGGGGGGGGGGGGG",
    "G2": "GGGGGPGGGGGGPG",
    "D1": "BBGBBBGBBBGBBB",
    "D2": "BBBGBBBBBGBBBB",
}
"""Two calls a day for a week, per agent."""

MS_PER_CHAR = 230  # about 260 characters a minute, a normal pace
PAUSE_MS = 600


def make_call(
    call_id: str, agent_id: str, template: Template, started_at: datetime
) -> dict[str, Any]:
    """A call body as `POST /v1/calls` takes it, timed utterance by utterance."""
    segments, at = [], 0
    for role, text in template.segments:
        length = max(1500, len(text) * MS_PER_CHAR)
        segments.append({"role": role, "text": text, "start_ms": at, "end_ms": at + length})
        at += length + PAUSE_MS
    ended = started_at + timedelta(milliseconds=at)
    work_order: dict[str, Any] = {
        "order_id": f"WO-{call_id}",
        "category": template.category,
        "department": template.department,
        "title": template.topic,
        "content": f"来电人反映{template.topic}问题，请核实处理。",
        "citizen_phone": "138****5678",
        "address": "幸福路十二号",
        "created_at": ended.isoformat(),
    }
    if template.resolved:
        work_order["dispatched_at"] = (ended + timedelta(minutes=30)).isoformat()
    return {
        "call_id": call_id,
        "agent_id": agent_id,
        "team_id": TEAMS.get(agent_id, "T1"),
        "channel": "voice",
        "stage": "acceptance",
        "started_at": started_at.isoformat(),
        "duration_ms": at,
        "segments": segments,
        "work_order": work_order,
        "survey": {"satisfaction": template.satisfaction, "resolved": template.resolved},
        "hotline": "12345",
    }


def calls_for(
    prefix: str, agent_id: str, pattern: str, first: datetime, every: timedelta
) -> list[dict[str, Any]]:
    """One call per letter of `pattern`, the first at `first`, then one `every` interval apart;
    the templates of a kind take turns."""
    calls = []
    for index, letter in enumerate(pattern):
        templates = TEMPLATES[letter]
        template = templates[index % len(templates)]
        call_id = f"{prefix}-{agent_id}-{index + 1:02d}"
        calls.append(make_call(call_id, agent_id, template, first + every * index))
    return calls


def week_of_calls(prefix: str, end: datetime) -> list[dict[str, Any]]:
    """The week before `end`: two calls a day for each agent, D1 and D2 often passing the buck;
    the agents' calls interleave, an hour apart, the last ones in the half day before `end`."""
    every = timedelta(hours=12)
    calls: list[dict[str, Any]] = []
    for offset, (agent_id, pattern) in enumerate(WEEK_PATTERNS.items()):
        first = end - every * len(pattern) + timedelta(hours=offset)
        calls += calls_for(prefix, agent_id, pattern, first, every)
    return sorted(calls, key=lambda call: call["started_at"])
