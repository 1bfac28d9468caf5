"""Phrase occurrences kept by role, window and exclusion phrases (for the phrase operators)."""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence

from services.rules.engine.phrases import Occurrence
from services.rules.engine.view import CallView


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def excluded_spans(view: CallView, exclude_ids: Sequence[int]) -> dict[int, list[tuple[int, int]]]:
    spans: dict[int, list[tuple[int, int]]] = {}
    for phrase_id in exclude_ids:
        for utterance, start, end in view.occurrences(phrase_id):
            spans.setdefault(utterance, []).append((start, end))
    return spans


def kept_occurrences(
    view: CallView,
    phrase_ids: Sequence[int],
    exclude_ids: Sequence[int],
    roles: frozenset[str],
    window: Container[int],
) -> list[list[Occurrence]]:
    """For each phrase, its occurrences in utterances of the roles inside the window that no
    exclusion phrase overlaps."""
    kept = [
        [o for o in view.occurrences(pid) if view.roles[o[0]] in roles and o[0] in window]
        for pid in phrase_ids
    ]
    if exclude_ids and any(kept):
        spans = excluded_spans(view, exclude_ids)
        if spans:
            kept = [
                [(u, s, e) for u, s, e in found if not overlaps(s, e, spans.get(u, ()))]
                for found in kept
            ]
    return kept
