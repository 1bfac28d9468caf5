"""Phrase occurrences kept by window and exclusion phrases (for the phrase operators)."""

from __future__ import annotations

from collections.abc import Container, Iterable

from contracts.rulelang.engine.phrases import Occurrence
from contracts.rulelang.engine.transcript import Transcript


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps one of the (non-empty) spans."""
    return any(s < end and start < e and s < e for s, e in spans)


def excluded_spans(
    transcript: Transcript, exclude_ids: frozenset[int]
) -> dict[int, list[tuple[int, int]]]:
    spans: dict[int, list[tuple[int, int]]] = {}
    for phrase_id in transcript.present(exclude_ids):
        for utterance, start, end in transcript.occurrences(phrase_id):
            spans.setdefault(utterance, []).append((start, end))
    return spans


def kept_occurrences(
    transcript: Transcript,
    present: Iterable[int],
    exclude_ids: frozenset[int],
    window: Container[int],
) -> list[list[Occurrence]]:
    """For each phrase present, its occurrences inside the window that no exclusion phrase
    overlaps; phrases with none left are dropped."""
    kept = [[o for o in transcript.occurrences(pid) if o[0] in window] for pid in present]
    spans = excluded_spans(transcript, exclude_ids) if exclude_ids else {}
    if spans:
        kept = [
            [(u, s, e) for u, s, e in found if not overlaps(s, e, spans.get(u, ()))]
            for found in kept
        ]
    return [found for found in kept if found]
