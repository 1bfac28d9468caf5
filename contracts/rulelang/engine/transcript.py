"""The utterances of one role scope joined into one text, so that phrase sets, regexes and
normalisation run once over it instead of once per utterance."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from contracts.rulelang.engine.phrases import Occurrence, PhraseIndex, has_separators

SEPARATOR = "\n"
_PLUS_SEPARATOR = len(SEPARATOR).__add__

_NOT_ALPHANUMERIC = re.compile(r"[\W_]+")
_NOT_ALPHANUMERIC_NOR_SEPARATOR = re.compile(r"[^\w\n]+")


def normalize(text: str) -> str:
    """Letters and digits only (what str.isalnum keeps): what speech recognition gets
    right, without punctuation and spaces."""
    return _NOT_ALPHANUMERIC.sub("", text)


class Transcript:
    __slots__ = (
        "_encoded",
        "_normalized",
        "_phrases",
        "_placed",
        "_plain",
        "_present",
        "indices",
        "offsets",
        "text",
    )

    def __init__(self, texts: list[str], indices: list[int], phrases: PhraseIndex) -> None:
        self.indices = indices
        """Call utterance index of each utterance here."""
        parts = list(map(texts.__getitem__, indices))
        self.text = SEPARATOR.join(parts)
        self.offsets = list(accumulate(map(_PLUS_SEPARATOR, map(len, parts[:-1])), initial=0))
        self._phrases = phrases
        self._encoded: bytes | None = None
        self._present: frozenset[int] | None = None
        self._placed: dict[int, list[Occurrence]] = {}
        self._normalized: list[str] | None = None
        self._plain: bool | None = None

    @property
    def encoded(self) -> bytes:
        """The text in UTF-8, for RE2, encoded once."""
        if self._encoded is None:
            self._encoded = self.text.encode()
        return self._encoded

    def present(self, phrase_ids: frozenset[int]) -> frozenset[int]:
        """Which of these phrases occur here."""
        if self._present is None:
            self._present = self._phrases.present(self.encoded)
        return phrase_ids & self._present

    def occurrences(self, phrase_id: int) -> list[Occurrence]:
        """The phrase's occurrences, placed in the call's utterances."""
        placed = self._placed.get(phrase_id)
        if placed is None:
            spans = self._phrases.locate(phrase_id, self.text, self.plain)
            placed = self._placed[phrase_id] = [self._place(s, e) for s, e in spans]
        return placed

    @property
    def plain(self) -> bool:
        """No speech-recognition separator anywhere: phrases are plain substrings."""
        if self._plain is None:
            self._plain = not has_separators(self.text)
        return self._plain

    def _place(self, start: int, end: int) -> Occurrence:
        k = bisect_right(self.offsets, start) - 1
        base = self.offsets[k]
        return self.indices[k], start - base, end - base

    def alphanumeric_count(self) -> int:
        return sum(map(len, self.normalized()))

    def normalized(self) -> list[str]:
        """Each utterance normalised (see `normalize`), in one pass over the text."""
        if self._normalized is None:
            kept = _NOT_ALPHANUMERIC_NOR_SEPARATOR.sub("", self.text).replace("_", "")
            parts = kept.split(SEPARATOR) if self.indices else []
            if len(parts) != len(self.indices):
                parts = [normalize(part) for part in self.text.split(SEPARATOR)]
            self._normalized = parts
        return self._normalized
