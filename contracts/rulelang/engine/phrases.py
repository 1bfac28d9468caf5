"""Every phrase of every rule in one RE2 set: one pass of its automaton over a transcript tells
which phrases occur at all, however many rules and words there are; only those are then
located.

Speech recognition marks pauses with spaces or underscores (不_知道, 不 知道): a phrase matches
whatever such separators fall between its characters, and its own separators are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import re2

Occurrence = tuple[int, int, int]
"""(utterance index, first character, character after the last) of one occurrence."""

SEPARATORS = " \t_\u3000\u00a0"
"""What may fall inside a phrase: spaces (ASCII, ideographic, non-breaking), tabs, '_'.
Never a line break: utterances are joined by one."""


def phrase_chars(phrase: str) -> str:
    """The phrase without its own separators (all of it, if it is nothing but separators)."""
    return "".join(ch for ch in phrase if ch not in SEPARATORS) or phrase


def tolerant_regex(phrase: str, escape: Callable[[str], str] = re.escape) -> str:
    """A regular expression of the phrase allowing separators between its characters."""
    gap = f"[{SEPARATORS}]*"  # none of them needs escaping inside a class, in re or RE2
    return gap.join(escape(ch) for ch in phrase_chars(phrase))


def has_separators(text: str) -> bool:
    """Five substring tests: cheaper than a regular expression on short texts."""
    return " " in text or "_" in text or "\u3000" in text or "\t" in text or "\xa0" in text


class PhraseIndex:
    """Phrases are registered while rules compile, then frozen into the automaton."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self.phrases: list[str] = []
        self._set: re2.Set | None = None
        self._located: dict[int, re.Pattern[str]] = {}

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
            if phrase_set.Add(tolerant_regex(phrase, re2.escape)) != phrase_id:
                raise RuntimeError("RE2 numbered the phrases differently")
        if self.phrases:
            phrase_set.Compile()
        self._set = phrase_set

    def present(self, encoded: bytes) -> frozenset[int]:
        """The ids of the phrases that occur in the UTF-8 text."""
        if not self.phrases or self._set is None:
            return frozenset()
        return frozenset(self._set.Match(encoded) or ())

    def locate(self, phrase_id: int, text: str, plain: bool) -> list[tuple[int, int]]:
        """Spans of every occurrence (overlapping ones included). `plain`: the text holds
        no separator, so a substring search finds them all."""
        phrase = phrase_chars(self.phrases[phrase_id])
        if plain:
            return [(start, start + len(phrase)) for start in find_all(text, phrase)]
        pattern = self._located.get(phrase_id)
        if pattern is None:
            pattern = re.compile(f"(?=({tolerant_regex(self.phrases[phrase_id])}))")
            self._located[phrase_id] = pattern
        return [match.span(1) for match in pattern.finditer(text)]


def find_all(text: str, phrase: str) -> list[int]:
    """Start positions of every occurrence, overlapping ones included."""
    starts = []
    start = text.find(phrase)
    while start != -1:
        starts.append(start)
        start = text.find(phrase, start + 1)
    return starts
