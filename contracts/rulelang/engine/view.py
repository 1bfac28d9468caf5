"""A call prepared once for every rule: texts, roles, timestamps, phrase occurrences."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter, sub

from contracts.call import Call
from contracts.rulelang.engine.phrases import Occurrence, PhraseIndex
from contracts.rulelang.engine.transcript import Transcript
from contracts.rulelang.evidence import Evidence

ROLES: dict[str, frozenset[str]] = {
    "agent": frozenset({"agent"}),
    "customer": frozenset({"customer"}),
    "any": frozenset({"agent", "customer"}),
}

_TEXT = attrgetter("text")
_ROLE = attrgetter("role._value_")
_START = attrgetter("start_ms")
_END = attrgetter("end_ms")


class CallView:
    """A call prepared once for every rule; its transcripts by role are built on demand."""

    __slots__ = (
        "_gaps",
        "_indices",
        "_phrases",
        "_transcripts",
        "call",
        "ends",
        "roles",
        "starts",
        "texts",
        "timed",
    )

    def __init__(self, call: Call, phrases: PhraseIndex) -> None:
        segments = call.segments
        self.call = call
        self.texts: list[str] = list(map(_TEXT, segments))
        self.roles: list[str] = list(map(_ROLE, segments))
        self.starts: list[int | None] = list(map(_START, segments))
        self.ends: list[int | None] = list(map(_END, segments))
        self.timed = None not in self.starts and None not in self.ends
        self._phrases = phrases
        self._transcripts: dict[frozenset[str], Transcript] = {}
        self._indices: dict[frozenset[str], list[int]] = {}
        self._gaps: list[int] | None = None

    def transcript(self, roles: frozenset[str]) -> Transcript:
        transcript = self._transcripts.get(roles)
        if transcript is None:
            indices = self.of_role(roles)
            transcript = self._transcripts[roles] = Transcript(self.texts, indices, self._phrases)
        return transcript

    def normalized(self, index: int) -> str:
        """Utterance `index` normalised, taken from its role's transcript (normalised in
        one pass, which the speech-rate and repetition operators need anyway)."""
        transcript = self.transcript(ROLES[self.roles[index]])
        return transcript.normalized()[transcript.indices.index(index)]

    def of_role(self, roles: frozenset[str]) -> list[int]:
        """The indices of the roles' utterances (do not modify: shared)."""
        indices = self._indices.get(roles)
        if indices is None:
            indices = self._indices[roles] = [i for i, r in enumerate(self.roles) if r in roles]
        return indices

    def gaps(self) -> list[int]:
        """Milliseconds between the end of each utterance and the start of the next one
        (negative when they overlap); only meaningful on a timed call."""
        if self._gaps is None:
            starts = [s or 0 for s in self.starts]
            ends = [e or 0 for e in self.ends]
            self._gaps = list(map(sub, starts[1:], ends[:-1]))
        return self._gaps

    def last_end_ms(self) -> int:
        """The end of the last utterance; only meaningful on a timed call."""
        return max(end or 0 for end in self.ends)

    def hit(
        self, index: int, start: int | None = None, end: int | None = None, note: str | None = None
    ) -> Evidence:
        """Evidence in utterance `index`, spanning [start, end) or the whole utterance."""
        text = self.texts[index]
        return Evidence(
            utterance_index=index,
            role=self.roles[index],
            char_start=0 if start is None else start,
            char_end=len(text) if end is None else end,
            matched_text=text[start:end] if start is not None else text,
            start_ms=self.starts[index],
            end_ms=self.ends[index],
            note=note,
        )

    def hits(
        self, occurrences: Sequence[Occurrence], note: str | None = None
    ) -> tuple[Evidence, ...]:
        return tuple(self.hit(u, s, e, note) for u, s, e in occurrences[:MAX_EVIDENCE])


MAX_EVIDENCE = 20
"""Per condition: enough to show a pattern without flooding a finding."""
