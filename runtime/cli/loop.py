"""`qa loop`: the state of the closed loop, read through the gateway.

Open knowledge proposals, recent article revisions, training programmes, verifications and
coaching plans, one line each, labelled in Chinese with English `key=value` fields.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from runtime.cli.command import Subcommands
from runtime.settings import Settings

Item = Mapping[str, Any]


class LoopUnavailable(RuntimeError):
    """The gateway did not answer, or answered with an error."""


@dataclass(frozen=True)
class Section:
    label: str
    key: str
    path: str
    params: Mapping[str, str | int]
    line: Callable[[Item], str]


def _fields(**values: Any) -> str:
    return " ".join(f"{key}={_value(value)}" for key, value in values.items())


def _value(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value) or "-"
    return str(value)


def _day(value: Any) -> str:
    """An ISO timestamp down to the minute (the loop's clocks may run fast)."""
    return str(value)[:16].replace("T", " ") if value else "-"


def _proposal(item: Item) -> str:
    return _fields(
        rule=item.get("rule_code"),
        category=item.get("category"),
        count=item.get("finding_count"),
        share=item.get("call_share"),
        trigger=item.get("trigger"),
        opened_at=_day(item.get("opened_at")),
    )


def _article(item: Item) -> str:
    return _fields(
        title=item.get("title"),
        kind=item.get("kind"),
        revision=item.get("revision"),
        rules=item.get("rule_codes"),
        updated_at=_day(item.get("updated_at")),
    )


def _programme(item: Item) -> str:
    effect = item.get("effect") or {}
    done = item.get("completed_per_level") or {}
    return _fields(
        title=item.get("title"),
        stage=item.get("status"),
        rules=item.get("rule_codes"),
        completed=[f"{level}:{n}" for level, n in done.items()],
        verified=effect.get("verified"),
        ineffective=effect.get("ineffective"),
        rate_before=effect.get("rate_before"),
        rate_after=effect.get("rate_after"),
        change=effect.get("change"),
    )


def _verification(item: Item) -> str:
    return _fields(
        agent=item.get("agent_id"),
        outcome=item.get("outcome"),
        rules=item.get("rule_codes"),
        calls_before=item.get("calls_before"),
        rate_before=item.get("rate_before"),
        calls_after=item.get("calls_after"),
        rate_after=item.get("rate_after"),
        trained_at=_day(item.get("trained_at")),
    )


def _plan(item: Item) -> str:
    sessions = item.get("sessions")
    review = None
    if item.get("outcome"):
        escalated = " escalated" if item.get("escalated") else ""
        before, after = _value(item.get("rate_before")), _value(item.get("rate_after"))
        review = f"{item['outcome']}({before}->{after}){escalated}"
    return _fields(
        agent=item.get("agent_id"),
        reason=item.get("reason"),
        status=item.get("status"),
        rules=item.get("rule_codes"),
        sessions=len(sessions) if isinstance(sessions, list) else sessions,
        follow_up_until=_day(item.get("follow_up_until")),
        review=review,
    )


SECTIONS = (
    Section(
        "待处理的知识更新提议",
        "open_proposals",
        "/v1/knowledge/proposals",
        {"status": "open", "limit": 20},
        _proposal,
    ),
    Section(
        "最近修订的知识条目", "article_revisions", "/v1/knowledge/articles", {"limit": 10}, _article
    ),
    Section("培训项目", "programmes", "/v1/training/programmes", {"limit": 20}, _programme),
    Section(
        "效果验证", "verifications", "/v1/training/verifications", {"limit": 50}, _verification
    ),
    Section("辅导计划", "coaching_plans", "/v1/coaching/plans", {"limit": 20}, _plan),
)


def fetch_loop(client: httpx.Client) -> dict[str, list[Item]]:
    """Each section's items, from the gateway; `LoopUnavailable` when it cannot answer."""
    state: dict[str, list[Item]] = {}
    for section in SECTIONS:
        try:
            response = client.get(section.path, params=dict(section.params))
        except httpx.HTTPError as error:
            raise LoopUnavailable(
                f"the gateway at {client.base_url} is unreachable ({error}); is the system "
                "running? `make run` (or `qa run`) starts it"
            ) from error
        if response.status_code != 200:
            raise LoopUnavailable(
                f"GET {section.path} answered {response.status_code}: {response.text[:200]}"
            )
        state[section.key] = list(response.json().get("items", []))
    return state


def format_loop(state: Mapping[str, Iterable[Item]]) -> str:
    """Plain text: a heading per section (Chinese label, English key, count), a line per item."""
    lines = ["闭环状态 loop state"]
    for section in SECTIONS:
        items = list(state.get(section.key, []))
        lines.append(f"{section.label} {section.key} ({len(items)})")
        lines += [f"  {section.line(item)}" for item in items] or ["  (none)"]
    return "\n".join(lines)


def loop_text(client: httpx.Client) -> str:
    return format_loop(fetch_loop(client))


def gateway_client(url: str, api_key: str, timeout: float = 10.0) -> httpx.Client:
    return httpx.Client(base_url=url, headers={"X-API-Key": api_key}, timeout=timeout)


def loop_command(args: argparse.Namespace, settings: Settings) -> int:
    url = args.url or settings.service_url("gateway")
    with gateway_client(url, args.api_key or settings.bootstrap_api_key) as client:
        try:
            text = loop_text(client)
        except LoopUnavailable as error:
            print(f"qa loop: {error}", file=sys.stderr)
            return 1
    print(text)
    return 0


def add_loop_command(commands: Subcommands) -> None:
    parser = commands.add_parser(
        "loop",
        help="print the state of the closed loop",
        description="Print the open knowledge proposals, recent article revisions, training "
        "programmes, verifications and coaching plans, read through the gateway.",
    )
    parser.add_argument("--url", help="the gateway's URL (default: QA_GATEWAY_URL or its port)")
    parser.add_argument("--api-key", help="the API key (default: QA_BOOTSTRAP_API_KEY)")
    parser.set_defaults(handler=loop_command)
