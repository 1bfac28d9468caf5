"""Operators on phrase occurrences: keywords, negative emotion, repeated phrase."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from contracts.rulelang.conditions import Keywords, NegativeEmotion, RepeatedPhrase
from contracts.rulelang.engine.lexicon import NEGATIVE_EMOTION_WORDS
from contracts.rulelang.engine.node import EVERY, BaseNode, allowed, describe_window, select
from contracts.rulelang.engine.operators.occurrences import kept_occurrences
from contracts.rulelang.engine.outcome import HOLDS_NOT, UNKNOWN, Verdict
from contracts.rulelang.engine.phrases import PhraseIndex
from contracts.rulelang.engine.view import MAX_EVIDENCE, ROLES, CallView


def _ids(phrases: PhraseIndex, words: Sequence[str]) -> frozenset[int]:
    return frozenset(phrases.add(word) for word in words)


def _quoted(words: Sequence[str], limit: int = 5) -> str:
    shown = "、".join(words[:limit])
    return f"「{shown}」" + ("等" if len(words) > limit else "")


class KeywordsNode(BaseNode):
    def __init__(self, spec: Keywords, phrases: PhraseIndex) -> None:
        self.spec = spec
        self.roles = ROLES[spec.role]
        self.word_ids = _ids(phrases, spec.words)
        self.exclude_ids = _ids(phrases, spec.exclude)
        needed = {"any": 1, "all": len(self.word_ids), "at_least": spec.at_least or 1}
        self.needed = needed[spec.match]

    def test(self, view: CallView) -> bool | None:
        if self.spec.window is None and not self.exclude_ids:
            return len(view.transcript(self.roles).present(self.word_ids)) >= self.needed
        return self.evaluate(view).value

    def evaluate(self, view: CallView) -> Verdict:
        window = allowed(view, self.roles, self.spec.window)
        if window is None:
            return UNKNOWN
        transcript = view.transcript(self.roles)
        present = transcript.present(self.word_ids)
        if len(present) < self.needed:
            return HOLDS_NOT
        kept = kept_occurrences(transcript, present, self.exclude_ids, window)
        if len(kept) < self.needed:
            return HOLDS_NOT
        return Verdict(True, view.hits(sorted(o for found in kept for o in found)))

    def describe(self) -> str:
        return f"{describe_window(self.spec.window)}关键词{_quoted(self.spec.words)}"

    def examined(self, view: CallView) -> Sequence[int]:
        if self.spec.window is None:
            return ()
        return select(view, self.roles, self.spec.window) or ()


class NegativeEmotionNode(BaseNode):
    def __init__(self, spec: NegativeEmotion, phrases: PhraseIndex) -> None:
        self.spec = spec
        self.roles = ROLES[spec.role]
        self.word_ids = _ids(phrases, spec.lexicon or NEGATIVE_EMOTION_WORDS)
        self.exclude_ids = _ids(phrases, spec.exclude)

    def test(self, view: CallView) -> bool | None:
        if self.spec.min_hits == 1 and not self.exclude_ids:
            return bool(view.transcript(self.roles).present(self.word_ids))
        return self.evaluate(view).value

    def evaluate(self, view: CallView) -> Verdict:
        transcript = view.transcript(self.roles)
        present = transcript.present(self.word_ids)
        if not present:
            return HOLDS_NOT
        kept = kept_occurrences(transcript, present, self.exclude_ids, EVERY)
        found = sorted(o for occurrences in kept for o in occurrences)
        if len(found) < self.spec.min_hits:
            return HOLDS_NOT
        return Verdict(True, view.hits(found, note="负面情绪用语"))

    def describe(self) -> str:
        return "负面情绪用语"


class RepeatedPhraseNode(BaseNode):
    def __init__(self, spec: RepeatedPhrase, phrases: PhraseIndex) -> None:
        self.spec = spec
        self.roles = ROLES[spec.role]
        self.phrase_ids = _ids(phrases, spec.phrases)

    def evaluate(self, view: CallView) -> Verdict:
        if self.phrase_ids:
            return self._repeated_phrases(view)
        return self._repeated_utterances(view)

    def _repeated_phrases(self, view: CallView) -> Verdict:
        transcript = view.transcript(self.roles)
        for phrase_id in transcript.present(self.phrase_ids):
            found = transcript.occurrences(phrase_id)
            if len(found) >= self.spec.min_count:
                return Verdict(True, view.hits(found, note=f"重复 {len(found)} 次"))
        return HOLDS_NOT

    def _repeated_utterances(self, view: CallView) -> Verdict:
        transcript = view.transcript(self.roles)
        texts = transcript.normalized()
        counts = Counter(text for text in texts if len(text) >= self.spec.min_chars)
        text, count = counts.most_common(1)[0] if counts else ("", 0)
        if count < self.spec.min_count:
            return HOLDS_NOT
        same = [i for i, t in zip(transcript.indices, texts, strict=True) if t == text]
        note = f"同一句话重复 {count} 次"
        return Verdict(True, tuple(view.hit(i, note=note) for i in same[:MAX_EVIDENCE]))

    def describe(self) -> str:
        return f"重复话术（{self.spec.min_count} 次以上）"
