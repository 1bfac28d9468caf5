"""Hand-written calls for the default pack's tests, and reading the engine's verdicts."""

from __future__ import annotations

from typing import Any

from contracts.call import Call
from contracts.rulelang.engine import CompiledRuleSet, RuleOutcome
from contracts.rulelang.rules import Severity
from tests.e2e.calls import make_call

REQUIRED_AUTO = {
    "SVC-OPENING",
    "SVC-CLOSING",
    "SVC-BANNED-PHRASE",
    "SVC-SPEECH-RATE",
    "SVC-SILENCE",
    "SVC-INTERRUPT",
    "SVC-EMOTION",
    "BIZ-BUCK-PASSING",
    "WO-REQUIRED-FIELDS",
    "WO-DISPATCH-SLA",
}
TIMING_RULES = ("SVC-SPEECH-RATE", "SVC-SILENCE", "SVC-INTERRUPT")
WORK_ORDER_RULES = ("WO-REQUIRED-FIELDS", "WO-CATEGORY-VALID", "WO-DEPT-MAPPING", "WO-DISPATCH-SLA")
DEDUCTIONS = {Severity.MINOR: (1, 3), Severity.MAJOR: (5, 10), Severity.RED_LINE: (20, 100)}

Segments = list[tuple[str, str]]


def untimed(segments: Segments, **extra: Any) -> Call:
    return Call.model_validate(
        {
            "call_id": "UNIT-1",
            "agent_id": "A1001",
            "team_id": "T01",
            "started_at": "2026-11-20T09:30:00+08:00",
            "segments": [{"role": role, "text": text} for role, text in segments],
            **extra,
        }
    )


def timed(segments: list[tuple[str, str, int, int]], **extra: Any) -> Call:
    """Utterances with explicit (start_ms, end_ms)."""
    return Call.model_validate(
        {
            "call_id": "UNIT-2",
            "agent_id": "A1001",
            "team_id": "T01",
            "started_at": "2026-11-20T09:30:00+08:00",
            "segments": [
                {"role": role, "text": text, "start_ms": start, "end_ms": end}
                for role, text, start, end in segments
            ],
            **extra,
        }
    )


def sample(segments: Segments, **extra: Any) -> Call:
    """A call shaped as the end-to-end tests post it (4 s per utterance, 0.5 s apart)."""
    return Call.model_validate(make_call("UNIT-3", segments, **extra))


def outcomes(engine: CompiledRuleSet, call: Call) -> dict[str, RuleOutcome]:
    return {outcome.rule_code: outcome for outcome in engine.evaluate(call)}


def status(engine: CompiledRuleSet, call: Call, code: str) -> str:
    return outcomes(engine, call)[code].status


def violated(engine: CompiledRuleSet, call: Call) -> set[str]:
    return {o.rule_code for o in engine.evaluate(call) if o.status == "violated"}
