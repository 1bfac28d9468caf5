"""The straightforward evaluator the compiled engine is measured against.

Each rule is checked on its own: every operator walks the call's utterances again with
`str.find` substring searches and stdlib `re` searches. Nothing is shared between rules and
nothing is pre-built beyond the compiled `re` patterns. The semantics are the engine's, so the
two must give the same status for every rule on every call.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from rapidfuzz import fuzz

from contracts.call import Call, Segment
from contracts.rulelang.conditions import (
    And,
    CallDuration,
    Condition,
    Interruption,
    Keywords,
    NegativeEmotion,
    Not,
    Or,
    Regex,
    RepeatedPhrase,
    Silence,
    Similar,
    SpeechRate,
    Window,
    WorkOrderCategoryValid,
    WorkOrderDepartmentMapping,
    WorkOrderDispatchSla,
    WorkOrderRequiredFields,
)
from contracts.rulelang.engine.lexicon import NEGATIVE_EMOTION_WORDS
from contracts.rulelang.engine.phrases import has_separators, phrase_chars, tolerant_regex
from contracts.rulelang.rules import Mode, Rule

Truth = bool | None
RE2_LIKE = re.ASCII
"""Rules are written in RE2, whose \\d, \\w, \\s and \\b are ASCII-only; so are stdlib `re`'s
with this flag. Other characters (Chinese included) match `.` and character sets alike."""
Span = tuple[int, int]


class NaiveEvaluator:
    """Evaluates the automatic rules of a rule set, one rule at a time."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = [r for r in rules if r.mode is Mode.AUTO and r.condition is not None]

    def evaluate(self, call: Call) -> list[tuple[str, str]]:
        """(rule code, status) for every automatic rule, in rule order."""
        results = []
        for rule in self.rules:
            assert rule.condition is not None
            if rule.applies_to and call.stage not in rule.applies_to:
                results.append((rule.code, "not_applicable"))
                continue
            results.append((rule.code, status(evaluate(rule.condition, call))))
        return results


def status(value: Truth) -> str:
    if value is None:
        return "not_applicable"
    return "violated" if value else "passed"


def evaluate(condition: Condition, call: Call) -> Truth:
    """The three-valued truth of a condition on a call."""
    if isinstance(condition, And):
        return kleene_and([evaluate(c, call) for c in condition.conditions])
    if isinstance(condition, Or):
        return kleene_or([evaluate(c, call) for c in condition.conditions])
    if isinstance(condition, Not):
        inner = evaluate(condition.condition, call)
        return None if inner is None else not inner
    leaf: Callable[[Any, Call], Truth] = LEAVES[type(condition)]
    return leaf(condition, call)


def kleene_and(values: list[Truth]) -> Truth:
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def kleene_or(values: list[Truth]) -> Truth:
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


# --- utterance selection ---------------------------------------------------------------------


def in_scope(segment: Segment, role: str) -> bool:
    return role == "any" or segment.role.value == role


def role_segments(call: Call, role: str) -> list[Segment]:
    return [s for s in call.segments if in_scope(s, role)]


def windowed(call: Call, role: str, window: Window | None) -> list[Segment] | None:
    """The role's utterances inside the window; None when the window needs missing timestamps."""
    segments = role_segments(call, role)
    if window is None:
        return segments
    if window.first_n is not None:
        return segments[: window.first_n]
    if window.last_n is not None:
        return segments[-window.last_n :]
    if not call.has_timestamps:
        return None
    if window.within_first_ms is not None:
        limit = window.within_first_ms
        return [s for s in segments if s.start_ms is not None and s.start_ms <= limit]
    assert window.within_last_ms is not None
    last_end = max(s.end_ms or 0 for s in call.segments)
    cutoff = last_end - window.within_last_ms
    return [s for s in segments if s.end_ms is not None and s.end_ms >= cutoff]


# --- text searches ---------------------------------------------------------------------------


_chars = functools.lru_cache(maxsize=4096)(phrase_chars)


@functools.lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(f"(?=({tolerant_regex(phrase)}))")


def find_all(text: str, phrase: str) -> list[Span]:
    """Every occurrence of `phrase` in `text`, overlapping ones included; speech-recognition
    separators (spaces, '_') may fall between its characters. Without any in the text, plain
    substring search finds them all."""
    if not has_separators(text):
        chars = _chars(phrase)
        spans = []
        start = text.find(chars)
        while start != -1:
            spans.append((start, start + len(chars)))
            start = text.find(chars, start + 1)
        return spans
    return [match.span(1) for match in _phrase_pattern(phrase).finditer(text)]


def overlaps(span: Span, others: list[Span]) -> bool:
    return any(xs < span[1] and span[0] < xe for xs, xe in others)


def kept_occurrences(text: str, word: str, exclude: list[str]) -> int:
    """How many occurrences of `word` in `text` overlap no occurrence of an exclude phrase."""
    found = find_all(text, word)
    if not found or not exclude:
        return len(found)
    excluded = [span for phrase in exclude for span in find_all(text, phrase)]
    return sum(1 for span in found if not overlaps(span, excluded))


def keywords(op: Keywords, call: Call) -> Truth:
    segments = windowed(call, op.role, op.window)
    if segments is None:
        return None
    seen: set[str] = set()
    for segment in segments:
        for word in op.words:
            if word not in seen and kept_occurrences(segment.text, word, op.exclude):
                seen.add(word)
    if op.match == "any":
        return bool(seen)
    if op.match == "all":
        return len(seen) == len(set(op.words))
    assert op.at_least is not None
    return len(seen) >= op.at_least


def regex(op: Regex, call: Call) -> Truth:
    segments = windowed(call, op.role, op.window)
    if segments is None:
        return None
    pattern = re.compile(op.pattern, RE2_LIKE)
    exclude = re.compile(op.exclude_regex, RE2_LIKE) if op.exclude_regex else None
    for segment in segments:
        spans = [m.span() for m in pattern.finditer(segment.text) if m.end() > m.start()]
        if not spans:
            continue
        if exclude is None:
            return True
        excluded = [m.span() for m in exclude.finditer(segment.text) if m.end() > m.start()]
        if any(not overlaps(span, excluded) for span in spans):
            return True
    return False


def alnum(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def similarity(example: str, text: str) -> float:
    if len(text) >= len(example):
        return float(fuzz.partial_ratio(example, text))
    return float(fuzz.ratio(example, text))


def similar(op: Similar, call: Call) -> Truth:
    segments = windowed(call, op.role, op.window)
    if segments is None:
        return None
    examples = [alnum(e) for e in op.examples]
    for segment in segments:
        text = alnum(segment.text)
        if text and any(similarity(e, text) >= op.threshold for e in examples):
            return True
    return False


def repeated_phrase(op: RepeatedPhrase, call: Call) -> Truth:
    segments = role_segments(call, op.role)
    if op.phrases:
        for phrase in op.phrases:
            if sum(len(find_all(s.text, phrase)) for s in segments) >= op.min_count:
                return True
        return False
    texts = [alnum(s.text) for s in segments]
    counts = Counter(t for t in texts if len(t) >= op.min_chars)
    return any(n >= op.min_count for n in counts.values())


def negative_emotion(op: NegativeEmotion, call: Call) -> Truth:
    words = list(dict.fromkeys(op.lexicon or NEGATIVE_EMOTION_WORDS))
    hits = 0
    for segment in role_segments(call, op.role):
        for word in words:
            hits += kept_occurrences(segment.text, word, op.exclude)
    return hits >= op.min_hits


# --- timing ----------------------------------------------------------------------------------


def silence(op: Silence, call: Call) -> Truth:
    if not call.has_timestamps:
        return None
    segments = call.segments
    for i in range(1, len(segments)):
        gap = _ms(segments[i].start_ms) - _ms(segments[i - 1].end_ms)
        if in_scope(segments[i], op.role) and gap > op.min_ms:
            return True
    return False


def speech_rate(op: SpeechRate, call: Call) -> Truth:
    if not call.has_timestamps:
        return None
    segments = role_segments(call, op.role)
    chars = sum(len(alnum(s.text)) for s in segments)
    duration = sum(_ms(s.end_ms) - _ms(s.start_ms) for s in segments)
    if not segments or duration == 0:
        return None
    cpm = chars * 60_000 / duration
    too_slow = op.min_cpm is not None and cpm < op.min_cpm
    too_fast = op.max_cpm is not None and cpm > op.max_cpm
    return too_slow or too_fast


def interruption(op: Interruption, call: Call) -> Truth:
    if not call.has_timestamps:
        return None
    segments = call.segments
    for i in range(1, len(segments)):
        current, previous = segments[i], segments[i - 1]
        if not in_scope(current, op.role) or current.role == previous.role:
            continue
        if _ms(previous.end_ms) - _ms(current.start_ms) > op.min_overlap_ms:
            return True
    return False


def call_duration(op: CallDuration, call: Call) -> Truth:
    duration = call.duration_ms
    if duration is None and call.has_timestamps:
        duration = max(_ms(s.end_ms) for s in call.segments)
    if duration is None:
        return None
    too_short = op.min_ms is not None and duration < op.min_ms
    too_long = op.max_ms is not None and duration > op.max_ms
    return too_short or too_long


def _ms(value: int | None) -> int:
    assert value is not None
    return value


# --- work order ------------------------------------------------------------------------------


def field_value(call: Call, name: str) -> Any:
    order = call.work_order
    assert order is not None
    if name in type(order).model_fields:
        return getattr(order, name)
    return (order.model_extra or {}).get(name)


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def wo_required_fields(op: WorkOrderRequiredFields, call: Call) -> Truth:
    if call.work_order is None:
        return None
    return any(blank(field_value(call, name)) for name in op.fields)


def wo_category_valid(op: WorkOrderCategoryValid, call: Call) -> Truth:
    if call.work_order is None:
        return None
    category = call.work_order.category
    return category is None or not category.strip() or category not in op.categories


def wo_department_mapping(op: WorkOrderDepartmentMapping, call: Call) -> Truth:
    if call.work_order is None:
        return None
    category = call.work_order.category
    if category is None or category not in op.mapping:
        return False
    return call.work_order.department not in op.mapping[category]


def as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def wo_dispatch_sla(op: WorkOrderDispatchSla, call: Call) -> Truth:
    order = call.work_order
    if order is None or order.dispatched_at is None:
        return None
    if order.created_at is not None:
        reference = as_utc(order.created_at)
    elif call.duration_ms is not None:
        reference = as_utc(call.started_at) + timedelta(milliseconds=call.duration_ms)
    else:
        return None
    waited = as_utc(order.dispatched_at) - reference
    return waited.total_seconds() > op.max_minutes * 60


LEAVES: dict[type, Callable[[Any, Call], Truth]] = {
    Keywords: keywords,
    Regex: regex,
    Similar: similar,
    Silence: silence,
    SpeechRate: speech_rate,
    Interruption: interruption,
    CallDuration: call_duration,
    RepeatedPhrase: repeated_phrase,
    NegativeEmotion: negative_emotion,
    WorkOrderRequiredFields: wo_required_fields,
    WorkOrderCategoryValid: wo_category_valid,
    WorkOrderDepartmentMapping: wo_department_mapping,
    WorkOrderDispatchSla: wo_dispatch_sla,
}
