"""Operators on timing: silence, speech rate, interruption, call duration. Each needs
timestamps (or the call's duration) and is not applicable without them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from contracts.rulelang.conditions import CallDuration, Interruption, Silence, SpeechRate
from contracts.rulelang.engine.node import BaseNode
from contracts.rulelang.engine.outcome import HOLDS_NOT, UNKNOWN, Verdict
from contracts.rulelang.engine.view import MAX_EVIDENCE, ROLES, CallView
from contracts.rulelang.evidence import Evidence

_ROLE_NAMES = {"agent": "坐席", "customer": "来电人", "any": "任一方"}


def _seconds(ms: int | float) -> str:
    return f"{ms / 1000:.1f} 秒"


def _turns(view: CallView, roles: frozenset[str], wanted: Callable[[int], bool]) -> list[int]:
    """Utterances after the first, of the roles, that `wanted` picks (at most MAX_EVIDENCE)."""
    found = [i for i in range(1, len(view.texts)) if view.roles[i] in roles and wanted(i)]
    return found[:MAX_EVIDENCE]


def _timed(view: CallView) -> tuple[list[int], list[int]]:
    return [s or 0 for s in view.starts], [e or 0 for e in view.ends]


S = TypeVar("S", Silence, SpeechRate, Interruption)


class _RoleTiming(BaseNode, Generic[S]):
    """An operator on a role's timing: not applicable on a call without timestamps."""

    def __init__(self, spec: S) -> None:
        self.spec: S = spec
        self.roles = ROLES[spec.role]

    def evaluate(self, view: CallView) -> Verdict:
        return self.on_timed_call(view) if view.timed else UNKNOWN

    def on_timed_call(self, view: CallView) -> Verdict:
        raise NotImplementedError


class SilenceNode(_RoleTiming[Silence]):
    def on_timed_call(self, view: CallView) -> Verdict:
        gaps = view.gaps()
        if not gaps or max(gaps) <= self.spec.min_ms:
            return HOLDS_NOT
        turns = _turns(view, self.roles, lambda i: gaps[i - 1] > self.spec.min_ms)
        hits = tuple(
            view.hit(i, note=f"开口前静默 {_seconds(gaps[i - 1])}").model_copy(
                update={"start_ms": view.ends[i - 1], "end_ms": view.starts[i]}
            )
            for i in turns
        )
        return Verdict(True, hits) if hits else HOLDS_NOT

    def describe(self) -> str:
        return f"{_ROLE_NAMES[self.spec.role]}静默超过 {_seconds(self.spec.min_ms)}"


class SpeechRateNode(_RoleTiming[SpeechRate]):
    def on_timed_call(self, view: CallView) -> Verdict:
        starts, ends = _timed(view)
        transcript = view.transcript(self.roles)
        duration = sum(ends[i] - starts[i] for i in transcript.indices)
        if duration <= 0:
            return UNKNOWN
        rate = transcript.alphanumeric_count() * 60_000 / duration
        low, high = self.spec.min_cpm, self.spec.max_cpm
        if (low is not None and rate < low) or (high is not None and rate > high):
            note = f"{_ROLE_NAMES[self.spec.role]}语速 {rate:.0f} 字/分钟"
            return Verdict(True, (Evidence(role=self.spec.role, note=note),))
        return HOLDS_NOT

    def describe(self) -> str:
        return f"{_ROLE_NAMES[self.spec.role]}语速异常"


class InterruptionNode(_RoleTiming[Interruption]):
    def on_timed_call(self, view: CallView) -> Verdict:
        gaps = view.gaps()
        if not gaps or -min(gaps) <= self.spec.min_overlap_ms:
            return HOLDS_NOT
        limit = self.spec.min_overlap_ms
        turns = _turns(
            view, self.roles, lambda i: -gaps[i - 1] > limit and view.roles[i - 1] != view.roles[i]
        )
        hits = tuple(view.hit(i, note=f"抢话，与对方重叠 {_seconds(-gaps[i - 1])}") for i in turns)
        return Verdict(True, hits) if hits else HOLDS_NOT

    def describe(self) -> str:
        return f"{_ROLE_NAMES[self.spec.role]}打断对方"


class CallDurationNode(BaseNode):
    def __init__(self, spec: CallDuration) -> None:
        self.spec = spec

    def evaluate(self, view: CallView) -> Verdict:
        duration = view.call.duration_ms
        if duration is None:
            if not view.timed:
                return UNKNOWN
            duration = view.last_end_ms()
        low, high = self.spec.min_ms, self.spec.max_ms
        if (low is not None and duration < low) or (high is not None and duration > high):
            return Verdict(True, (Evidence(note=f"通话时长 {_seconds(duration)}"),))
        return HOLDS_NOT

    def describe(self) -> str:
        return "通话时长异常"
