"""Operators on phrase occurrences: keywords, negative emotion, repeated phrase."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from contracts.conditions import Keywords, NegativeEmotion, RepeatedPhrase
from services.rules.engine.lexicon import NEGATIVE_EMOTION_WORDS
from services.rules.engine.node import EVERY, Unwindowed, allowed, describe_window, select
from services.rules.engine.operators.occurrences import kept_occurrences
from services.rules.engine.outcome import HOLDS_NOT, UNKNOWN, Verdict
from services.rules.engine.phrases import PhraseIndex
from services.rules.engine.view import MAX_EVIDENCE, ROLES, CallView


def _ids(phrases: PhraseIndex, words: Sequence[str]) -> list[int]:
    return [phrases.add(word) for word in dict.fromkeys(words)]


def _quoted(words: Sequence[str], limit: int = 5) -> str:
    shown = "、".join(words[:limit])
    return f"「{shown}」" + ("等" if len(words) > limit else "")


class KeywordsNode:
    def __init__(self, spec: Keywords, phrases: PhraseIndex) -> None:
        self.spec = spec
        self.roles = ROLES[spec.role]
        self.word_ids = _ids(phrases, spec.words)
        self.exclude_ids = _ids(phrases, spec.exclude)
        needed = {"any": 1, "all": len(self.word_ids), "at_least": spec.at_least or 1}
        self.needed = needed[spec.match]

    def evaluate(self, view: CallView) -> Verdict:
        window = allowed(view, self.roles, self.spec.window)
        if window is None:
            return UNKNOWN
        kept = kept_occurrences(view, self.word_ids, self.exclude_ids, self.roles, window)
        if sum(1 for found in kept if found) < self.needed:
            return HOLDS_NOT
        return Verdict(True, view.hits(sorted(o for found in kept for o in found)))

    def describe(self) -> str:
        return f"{describe_window(self.spec.window)}关键词{_quoted(self.spec.words)}"

    def examined(self, view: CallView) -> Sequence[int]:
        if self.spec.window is None:
            return ()
        return select(view, self.roles, self.spec.window) or ()


class NegativeEmotionNode(Unwindowed):
    def __init__(self, spec: NegativeEmotion, phrases: PhraseIndex) -> None:
        self.spec = spec
        self.roles = ROLES[spec.role]
        self.word_ids = _ids(phrases, spec.lexicon or NEGATIVE_EMOTION_WORDS)
        self.exclude_ids = _ids(phrases, spec.exclude)

    def evaluate(self, view: CallView) -> Verdict:
        kept = kept_occurrences(view, self.word_ids, self.exclude_ids, self.roles, EVERY)
        found = sorted(o for occurrences in kept for o in occurrences)
        if len(found) < self.spec.min_hits:
            return HOLDS_NOT
        return Verdict(True, view.hits(found, note="负面情绪用语"))

    def describe(self) -> str:
        return "负面情绪用语"


class RepeatedPhraseNode(Unwindowed):
    def __init__(self, spec: RepeatedPhrase, phrases: PhraseIndex) -> None:
        self.spec = spec
        self.roles = ROLES[spec.role]
        self.phrase_ids = _ids(phrases, spec.phrases)

    def evaluate(self, view: CallView) -> Verdict:
        if self.phrase_ids:
            return self._repeated_phrases(view)
        return self._repeated_utterances(view)

    def _repeated_phrases(self, view: CallView) -> Verdict:
        kept = kept_occurrences(view, self.phrase_ids, (), self.roles, EVERY)
        for found in kept:
            if len(found) >= self.spec.min_count:
                return Verdict(True, view.hits(found, note=f"重复 {len(found)} 次"))
        return HOLDS_NOT

    def _repeated_utterances(self, view: CallView) -> Verdict:
        indices = [
            i for i in view.of_role(self.roles) if len(view.normalized(i)) >= self.spec.min_chars
        ]
        counts = Counter(view.normalized(i) for i in indices)
        text, count = counts.most_common(1)[0] if counts else ("", 0)
        if count < self.spec.min_count:
            return HOLDS_NOT
        same = [i for i in indices if view.normalized(i) == text][:MAX_EVIDENCE]
        return Verdict(True, tuple(view.hit(i, note=f"同一句话重复 {count} 次") for i in same))

    def describe(self) -> str:
        return f"重复话术（{self.spec.min_count} 次以上）"
