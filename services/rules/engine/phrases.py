"""Every phrase of every rule in one RE2 set: one pass of its automaton over a transcript tells
which phrases occur at all, however many rules and words there are; only those are then
located, with plain substring search."""

from __future__ import annotations

import re2

Occurrence = tuple[int, int, int]
"""(utterance index, first character, character after the last) of one occurrence."""


class PhraseIndex:
    """Phrases are registered while rules compile, then frozen into the automaton."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self.phrases: list[str] = []
        self._set: re2.Set | None = None

    def add(self, phrase: str) -> int:
        if self._set is not None:
            raise RuntimeError("the phrase index is frozen")
        if phrase not in self._ids:
            self._ids[phrase] = len(self.phrases)
            self.phrases.append(phrase)
        return self._ids[phrase]

    def freeze(self) -> None:
        phrase_set = re2.Set.SearchSet()
        for phrase_id, phrase in enumerate(self.phrases):
            if phrase_set.Add(re2.escape(phrase)) != phrase_id:
                raise RuntimeError("RE2 numbered the phrases differently")
        if self.phrases:
            phrase_set.Compile()
        self._set = phrase_set

    def present(self, encoded: bytes) -> frozenset[int]:
        """The ids of the phrases that occur in the UTF-8 text."""
        if not self.phrases or self._set is None:
            return frozenset()
        return frozenset(self._set.Match(encoded) or ())


def find_all(text: str, phrase: str) -> list[int]:
    """Start positions of every occurrence, overlapping ones included."""
    starts = []
    start = text.find(phrase)
    while start != -1:
        starts.append(start)
        start = text.find(phrase, start + 1)
    return starts
