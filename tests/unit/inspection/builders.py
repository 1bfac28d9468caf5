"""Calls, rule sets and envelopes for the inspection application's unit tests."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

from contracts.call import Call
from contracts.envelope import GENESIS_HASH, SYSTEM_ACTOR, Actor, Envelope
from contracts.events import IntegrationEvent
from contracts.rulelang.rules import Rule
from contracts.ruleset_events import RuleSetPublished

PLATFORM = Actor(id="platform-1", role="platform")
BANNED = "不知道"


def envelope(event: IntegrationEvent, correlation_id: str = "case-1") -> Envelope:
    """`event` as another service's relay would deliver it."""
    return Envelope(
        event_id=uuid4(),
        event_type=event.event_type(),
        schema_version=event.schema_version,
        producer=event.producer,
        notification_id=1,
        occurred_at=datetime(2026, 11, 1, tzinfo=UTC),
        actor=SYSTEM_ACTOR,
        correlation_id=correlation_id,
        prev_hash=GENESIS_HASH,
        payload=event.model_dump(mode="json"),
    ).sealed()


def banned_phrase_rule(deduction: float) -> Rule:
    return Rule.model_validate(
        {
            "code": "SVC-BANNED",
            "name": "服务禁语",
            "description": "坐席不得说“不知道”",
            "dimension": "服务",
            "stage": "受理",
            "severity": "一般",
            "deduction": deduction,
            "mode": "auto",
            "condition": {"op": "keywords", "role": "agent", "words": [BANNED]},
            "suggestion": "告知办理渠道",
        }
    )


def phone_read_out_rule() -> Rule:
    """As the default pack's BIZ-PRIVACY-PHONE: an agent reading out a whole mobile number."""
    return Rule.model_validate(
        {
            "code": "BIZ-PRIVACY-PHONE",
            "name": "完整播报手机号码",
            "description": "坐席完整读出 11 位手机号码",
            "dimension": "业务",
            "stage": "受理",
            "severity": "严重",
            "deduction": 5,
            "mode": "auto",
            "condition": {
                "op": "regex",
                "role": "agent",
                "pattern": "1[3-9][0-9]{9}",
                "exclude_regex": "[0-9]{12,}",
            },
            "suggestion": "核实联系电话时只说尾号",
        }
    )


def published(version: int, deduction: float = 10, *more: Rule) -> Envelope:
    """The rules service announcing `version`: a rule deducting `deduction` for a banned word,
    and `more`."""
    rules = [banned_phrase_rule(deduction), *more]
    return envelope(RuleSetPublished(version=version, rules=rules), f"ruleset:{version}")


def call_of(call_id: str, *agent_lines: str, agent_id: str = "A1") -> Call:
    lines = agent_lines or ("您好，请问有什么可以帮您？",)
    return Call.model_validate(
        {
            "call_id": call_id,
            "agent_id": agent_id,
            "team_id": "T1",
            "started_at": "2026-11-20T09:00:00+08:00",
            "segments": [{"role": "agent", "text": line} for line in lines],
        }
    )
