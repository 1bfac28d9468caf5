"""Every phrase of every rule in one Aho-Corasick automaton: one pass over a transcript finds
all of their occurrences, however many rules and words there are."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

import ahocorasick

Occurrence = tuple[int, int, int]
"""(utterance index, first character, character after the last) of one occurrence."""


class PhraseIndex:
    """Phrases are registered while rules compile, then frozen into the automaton."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._automaton: ahocorasick.Automaton | None = None

    def add(self, phrase: str) -> int:
        if self._automaton is not None:
            raise RuntimeError("the phrase index is frozen")
        return self._ids.setdefault(phrase, len(self._ids))

    def freeze(self) -> None:
        automaton = ahocorasick.Automaton()
        for phrase, phrase_id in self._ids.items():
            automaton.add_word(phrase, (phrase_id, len(phrase)))
        if self._ids:
            automaton.make_automaton()
        self._automaton = automaton

    def scan(self, joined: str, offsets: Sequence[int]) -> dict[int, list[Occurrence]]:
        """Occurrences by phrase id in `joined`, the utterances joined by one separator,
        where `offsets[i]` is the position of utterance i."""
        found: dict[int, list[Occurrence]] = {}
        if not self._ids or self._automaton is None:
            return found
        for last, (phrase_id, length) in self._automaton.iter(joined):
            start = last - length + 1
            utterance = bisect_right(offsets, start) - 1
            base = offsets[utterance]
            found.setdefault(phrase_id, []).append((utterance, start - base, last + 1 - base))
        return found
