"""Operators on timing: silence, speech rate, interruption, call duration. Each needs
timestamps (or the call's duration) and is not applicable without them."""

from __future__ import annotations

from dataclasses import replace

from contracts.conditions import CallDuration, Interruption, Silence, SpeechRate
from services.rules.engine.node import BaseNode
from services.rules.engine.outcome import HOLDS_NOT, UNKNOWN, Hit, Verdict
from services.rules.engine.view import MAX_EVIDENCE, ROLES, CallView

_ROLE_NAMES = {"agent": "坐席", "customer": "来电人", "any": "任一方"}


def _seconds(ms: int | float) -> str:
    return f"{ms / 1000:.1f} 秒"


def _timed(view: CallView) -> tuple[list[int], list[int]]:
    return [s or 0 for s in view.starts], [e or 0 for e in view.ends]


class SilenceNode(BaseNode):
    def __init__(self, spec: Silence) -> None:
        self.spec = spec
        self.roles = ROLES[spec.role]

    def evaluate(self, view: CallView) -> Verdict:
        if not view.timed:
            return UNKNOWN
        gaps = view.gaps()
        if not gaps or max(gaps) <= self.spec.min_ms:
            return HOLDS_NOT
        starts, ends = _timed(view)
        hits: list[Hit] = []
        for i in range(1, len(starts)):
            gap = gaps[i - 1]
            if gap > self.spec.min_ms and view.roles[i] in self.roles:
                hit = view.hit(i, note=f"开口前静默 {_seconds(gap)}")
                hits.append(replace(hit, start_ms=ends[i - 1], end_ms=starts[i]))
                if len(hits) == MAX_EVIDENCE:
                    break
        return Verdict(True, tuple(hits)) if hits else HOLDS_NOT

    def describe(self) -> str:
        return f"{_ROLE_NAMES[self.spec.role]}静默超过 {_seconds(self.spec.min_ms)}"


class SpeechRateNode(BaseNode):
    def __init__(self, spec: SpeechRate) -> None:
        self.spec = spec
        self.roles = ROLES[spec.role]

    def evaluate(self, view: CallView) -> Verdict:
        if not view.timed:
            return UNKNOWN
        starts, ends = _timed(view)
        transcript = view.transcript(self.roles)
        duration = sum(ends[i] - starts[i] for i in transcript.indices)
        if duration <= 0:
            return UNKNOWN
        rate = transcript.alphanumeric_count() * 60_000 / duration
        low, high = self.spec.min_cpm, self.spec.max_cpm
        if (low is not None and rate < low) or (high is not None and rate > high):
            note = f"{_ROLE_NAMES[self.spec.role]}语速 {rate:.0f} 字/分钟"
            return Verdict(True, (Hit(role=self.spec.role, note=note),))
        return HOLDS_NOT

    def describe(self) -> str:
        return f"{_ROLE_NAMES[self.spec.role]}语速异常"


class InterruptionNode(BaseNode):
    def __init__(self, spec: Interruption) -> None:
        self.spec = spec
        self.roles = ROLES[spec.role]

    def evaluate(self, view: CallView) -> Verdict:
        if not view.timed:
            return UNKNOWN
        gaps = view.gaps()
        if not gaps or -min(gaps) <= self.spec.min_overlap_ms:
            return HOLDS_NOT
        hits: list[Hit] = []
        for i in range(1, len(view.texts)):
            overlap = -gaps[i - 1]
            if (
                overlap > self.spec.min_overlap_ms
                and view.roles[i] in self.roles
                and view.roles[i - 1] != view.roles[i]
            ):
                hits.append(view.hit(i, note=f"抢话，与对方重叠 {_seconds(overlap)}"))
                if len(hits) == MAX_EVIDENCE:
                    break
        return Verdict(True, tuple(hits)) if hits else HOLDS_NOT

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
            return Verdict(True, (Hit(note=f"通话时长 {_seconds(duration)}"),))
        return HOLDS_NOT

    def describe(self) -> str:
        return "通话时长异常"
