"""Operators on the text itself: RE2 regular expressions and fuzzy sentence similarity."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

import re2
from rapidfuzz import fuzz

from contracts.conditions import Regex, Similar
from services.rules.engine.node import allowed, describe_window, select
from services.rules.engine.operators.occurrences import overlaps
from services.rules.engine.outcome import HOLDS_NOT, UNKNOWN, Hit, Verdict
from services.rules.engine.phrases import Occurrence
from services.rules.engine.view import MAX_EVIDENCE, ROLES, CallView, normalize


class RegexNode:
    """Searches the whole transcript at once (UTF-8, multi-line so ^ and $ work per
    utterance); a match is then placed in its utterance, checked against the role, window
    and exclusion regex."""

    def __init__(self, spec: Regex) -> None:
        self.spec = spec
        self.roles = ROLES[spec.role]
        self.pattern = re2.compile(f"(?m){spec.pattern}".encode())
        self.exclude = re2.compile(spec.exclude_regex) if spec.exclude_regex else None

    def evaluate(self, view: CallView) -> Verdict:
        window = allowed(view, self.roles, self.spec.window)
        if window is None:
            return UNKNOWN
        found: list[Occurrence] = []
        for match in self.pattern.finditer(view.encoded):
            occurrence = self._place(view, match.start(), match.end())
            if occurrence is None:
                continue
            utterance, start, end = occurrence
            if (
                view.roles[utterance] in self.roles
                and utterance in window
                and not self._excluded(view.texts[utterance], start, end)
            ):
                found.append(occurrence)
                if len(found) >= MAX_EVIDENCE:
                    break
        return Verdict(True, view.hits(found)) if found else HOLDS_NOT

    @staticmethod
    def _place(view: CallView, byte_start: int, byte_end: int) -> Occurrence | None:
        """The match in utterance coordinates; None if empty or spanning two utterances."""
        if byte_start == byte_end:
            return None
        start = len(view.encoded[:byte_start].decode())
        end = start + len(view.encoded[byte_start:byte_end].decode())
        utterance = bisect_right(view.offsets, start) - 1
        base = view.offsets[utterance]
        if end - base > len(view.texts[utterance]):
            return None
        return utterance, start - base, end - base

    def _excluded(self, text: str, start: int, end: int) -> bool:
        if self.exclude is None:
            return False
        return overlaps(start, end, (m.span() for m in self.exclude.finditer(text)))

    def describe(self) -> str:
        pattern = self.spec.pattern
        shown = pattern if len(pattern) <= 20 else pattern[:20] + "…"
        return f"{describe_window(self.spec.window)}匹配「{shown}」的内容"

    def examined(self, view: CallView) -> Sequence[int]:
        if self.spec.window is None:
            return ()
        return select(view, self.roles, self.spec.window) or ()


def similarity(example: str, utterance: str, cutoff: float = 0) -> float:
    """0-100. A longer utterance may contain the example anywhere (partial match); a shorter
    one must resemble the whole example, so 您好 alone is not an opening."""
    if len(utterance) >= len(example):
        return float(fuzz.partial_ratio(example, utterance, score_cutoff=cutoff))
    return float(fuzz.ratio(example, utterance, score_cutoff=cutoff))


class SimilarNode:
    def __init__(self, spec: Similar) -> None:
        self.spec = spec
        self.roles = ROLES[spec.role]
        self.examples = [normalize(example) for example in spec.examples]

    def evaluate(self, view: CallView) -> Verdict:
        indices = select(view, self.roles, self.spec.window)
        if indices is None:
            return UNKNOWN
        threshold = self.spec.threshold
        for index in indices:
            text = view.normalized(index)
            if not text:
                continue
            for example, shown in zip(self.examples, self.spec.examples, strict=True):
                score = similarity(example, text, threshold)
                if score >= threshold:
                    return Verdict(True, (self._hit(view, index, shown, score),))
        return HOLDS_NOT

    @staticmethod
    def _hit(view: CallView, index: int, example: str, score: float) -> Hit:
        return view.hit(index, note=f"与「{example}」相似度 {score:.0f}")

    def describe(self) -> str:
        return f"{describe_window(self.spec.window)}与「{self.spec.examples[0]}」相似的话术"

    def examined(self, view: CallView) -> Sequence[int]:
        if self.spec.window is None:
            return ()
        return select(view, self.roles, self.spec.window) or ()
