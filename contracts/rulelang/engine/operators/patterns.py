"""Operators on the text itself: RE2 regular expressions and fuzzy sentence similarity."""

from __future__ import annotations

from collections.abc import Sequence

import re2
from rapidfuzz import fuzz

from contracts.rulelang.conditions import Regex, Similar
from contracts.rulelang.engine.node import BaseNode, describe_window, select
from contracts.rulelang.engine.operators.occurrences import overlaps
from contracts.rulelang.engine.outcome import HOLDS_NOT, UNKNOWN, Verdict
from contracts.rulelang.engine.phrases import Occurrence
from contracts.rulelang.engine.transcript import normalize
from contracts.rulelang.engine.view import MAX_EVIDENCE, ROLES, CallView
from contracts.rulelang.evidence import Evidence


class RegexNode(BaseNode):
    """Searched in each utterance of the role inside the window. Without a window, one search
    of the whole transcript (multi-line, so ^ and $ hold at utterance ends) first: most calls
    have no match anywhere, and then no utterance needs a search of its own."""

    def __init__(self, spec: Regex) -> None:
        self.spec = spec
        self.roles = ROLES[spec.role]
        self.anywhere = re2.compile(f"(?m){spec.pattern}".encode())
        self.pattern = re2.compile(spec.pattern)
        self.exclude = re2.compile(spec.exclude_regex) if spec.exclude_regex else None

    def evaluate(self, view: CallView) -> Verdict:
        indices = select(view, self.roles, self.spec.window)
        if indices is None:
            return UNKNOWN
        if self.spec.window is None and not self._anywhere(view):
            return HOLDS_NOT
        found: list[Occurrence] = []
        for index in indices:
            found += self._matches(index, view.texts[index])
            if len(found) >= MAX_EVIDENCE:
                break
        return Verdict(True, view.hits(found)) if found else HOLDS_NOT

    def _anywhere(self, view: CallView) -> bool:
        return self.anywhere.search(view.transcript(self.roles).encoded) is not None

    def _matches(self, index: int, text: str) -> list[Occurrence]:
        spans = [m.span() for m in self.pattern.finditer(text) if m.end() > m.start()]
        if spans and self.exclude is not None:
            excluded = [m.span() for m in self.exclude.finditer(text)]
            spans = [(s, e) for s, e in spans if not overlaps(s, e, excluded)]
        return [(index, s, e) for s, e in spans]

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


class SimilarNode(BaseNode):
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
    def _hit(view: CallView, index: int, example: str, score: float) -> Evidence:
        return view.hit(index, note=f"与「{example}」相似度 {score:.0f}")

    def describe(self) -> str:
        return f"{describe_window(self.spec.window)}与「{self.spec.examples[0]}」相似的话术"

    def examined(self, view: CallView) -> Sequence[int]:
        if self.spec.window is None:
            return ()
        return select(view, self.roles, self.spec.window) or ()
