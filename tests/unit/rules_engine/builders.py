"""Small calls and rules for the engine's unit tests."""

from __future__ import annotations

from typing import Any

from contracts.call import Call
from contracts.rulelang.engine import RuleOutcome, compile_rules
from contracts.rulelang.rules import Rule

Line = tuple[str, str] | tuple[str, str, int, int]


def call_of(*lines: Line, **extra: Any) -> Call:
    """A call from (role, text) or (role, text, start_ms, end_ms) lines."""
    segments = [
        {"role": line[0], "text": line[1]}
        | ({"start_ms": line[2], "end_ms": line[3]} if len(line) == 4 else {})
        for line in lines
    ]
    return Call.model_validate(
        {
            "call_id": "UNIT-1",
            "agent_id": "A1",
            "team_id": "T1",
            "started_at": "2026-11-20T09:00:00+08:00",
            "segments": segments,
        }
        | extra
    )


def rule_of(condition: dict[str, Any], code: str = "SVC-UNIT", **fields: Any) -> Rule:
    return Rule.model_validate(
        {
            "code": code,
            "name": "单元测试规则",
            "description": "仅用于测试",
            "dimension": "服务",
            "stage": "受理",
            "severity": "一般",
            "deduction": 2,
            "mode": "auto",
            "condition": condition,
            "suggestion": "无",
        }
        | fields
    )


def outcome(condition: dict[str, Any], call: Call) -> RuleOutcome:
    (result,) = compile_rules([rule_of(condition)]).evaluate(call)
    return result


def status(condition: dict[str, Any], call: Call) -> str:
    return outcome(condition, call).status
