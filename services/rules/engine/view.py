"""A call prepared once for every rule: texts, roles, timestamps, phrase occurrences."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import accumulate

from contracts.call import Call
from services.rules.engine.outcome import Hit
from services.rules.engine.phrases import Occurrence, PhraseIndex

SEPARATOR = "\n"

ROLES: dict[str, frozenset[str]] = {
    "agent": frozenset({"agent"}),
    "customer": frozenset({"customer"}),
    "any": frozenset({"agent", "customer"}),
}


_NOT_ALPHANUMERIC = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Letters and digits only (what str.isalnum keeps): what speech recognition gets
    right, without punctuation and spaces."""
    return _NOT_ALPHANUMERIC.sub("", text)


class CallView:
    __slots__ = (
        "_encoded",
        "_normalized",
        "_occurrences",
        "_phrases",
        "call",
        "ends",
        "joined",
        "offsets",
        "roles",
        "starts",
        "texts",
        "timed",
    )

    def __init__(self, call: Call, phrases: PhraseIndex) -> None:
        segments = call.segments
        self.call = call
        self.texts = [s.text for s in segments]
        self.roles = [s.role.value for s in segments]
        self.starts = [s.start_ms for s in segments]
        self.ends = [s.end_ms for s in segments]
        self.timed = None not in self.starts and None not in self.ends
        self.joined = SEPARATOR.join(self.texts)
        self.offsets = [0, *accumulate(len(t) + len(SEPARATOR) for t in self.texts[:-1])]
        self._phrases = phrases
        self._occurrences: dict[int, list[Occurrence]] | None = None
        self._encoded: bytes | None = None
        self._normalized: dict[int, str] = {}

    def occurrences(self, phrase_id: int) -> list[Occurrence]:
        if self._occurrences is None:
            self._occurrences = self._phrases.scan(self.joined, self.offsets)
        return self._occurrences.get(phrase_id, [])

    @property
    def encoded(self) -> bytes:
        """The joined text in UTF-8, searched by RE2 without re-encoding it per rule."""
        if self._encoded is None:
            self._encoded = self.joined.encode()
        return self._encoded

    def normalized(self, index: int) -> str:
        text = self._normalized.get(index)
        if text is None:
            text = self._normalized[index] = normalize(self.texts[index])
        return text

    def of_role(self, roles: frozenset[str]) -> list[int]:
        return [i for i, role in enumerate(self.roles) if role in roles]

    def last_end_ms(self) -> int:
        """The end of the last utterance; only meaningful on a timed call."""
        return max(end or 0 for end in self.ends)

    def hit(
        self, index: int, start: int | None = None, end: int | None = None, note: str | None = None
    ) -> Hit:
        """Evidence in utterance `index`, spanning [start, end) or the whole utterance."""
        text = self.texts[index]
        return Hit(
            utterance_index=index,
            role=self.roles[index],
            char_start=0 if start is None else start,
            char_end=len(text) if end is None else end,
            matched_text=text[start:end] if start is not None else text,
            start_ms=self.starts[index],
            end_ms=self.ends[index],
            note=note,
        )

    def hits(self, occurrences: Sequence[Occurrence], note: str | None = None) -> tuple[Hit, ...]:
        return tuple(self.hit(u, s, e, note) for u, s, e in occurrences[:MAX_EVIDENCE])


MAX_EVIDENCE = 20
"""Per condition: enough to show a pattern without flooding a finding."""
