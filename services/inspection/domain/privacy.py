"""Citizens' personal data in a call, masked at intake.

The rules judge the call as posted (a rule may look for a phone number read out in full); what
is kept and told (the stored call, the evidence of findings, every event) is the masked call.
Masks keep the text's length, so evidence found in the raw text points at the same characters
of the masked text.
"""

from __future__ import annotations

from contracts.call import Call, Segment, WorkOrder
from contracts.inspection import Finding, InspectionResult
from contracts.rulelang.evidence import Evidence
from runtime.personal_data import Masker

_NOT_MASKED = frozenset({"order_id", "created_at", "dispatched_at"})
"""Work-order fields that are identifiers or times, not free text."""


def mask_call(call: Call, masker: Masker) -> Call:
    """The call with the transcript, the work order's text and the caller id masked."""
    if not masker.patterns:
        return call
    update: dict[str, object] = {"segments": [_segment(s, masker) for s in call.segments]}
    if call.work_order is not None:
        update["work_order"] = _work_order(call.work_order, masker)
    if call.caller_id is not None:
        update["caller_id"] = masker.text(call.caller_id)
    return call.model_copy(update=update)


def _segment(segment: Segment, masker: Masker) -> Segment:
    masked = masker.text(segment.text)
    return segment if masked == segment.text else segment.model_copy(update={"text": masked})


def _work_order(order: WorkOrder, masker: Masker) -> WorkOrder:
    fields = order.model_dump()
    masked = {k: v if k in _NOT_MASKED else masker.value(v) for k, v in fields.items()}
    return order if masked == fields else WorkOrder.model_validate(masked)


def mask_result(
    result: InspectionResult, raw: Call, masked: Call, masker: Masker
) -> InspectionResult:
    """The result with every finding's evidence showing the masked text."""
    if not masker.patterns:
        return result
    texts = _Texts(raw, masked, masker)
    findings = [_finding(finding, texts) for finding in result.findings]
    return result.model_copy(update={"findings": findings})


def _finding(finding: Finding, texts: _Texts) -> Finding:
    return finding.model_copy(update={"evidence": [texts.evidence(e) for e in finding.evidence]})


class _Texts:
    def __init__(self, raw: Call, masked: Call, masker: Masker) -> None:
        self.raw = [s.text for s in raw.segments]
        self.masked = [s.text for s in masked.segments]
        self.masker = masker

    def evidence(self, evidence: Evidence) -> Evidence:
        """A span of an utterance becomes the same span of the masked utterance; any other
        text (a work-order value, a note) is masked on its own."""
        update: dict[str, object] = {}
        if evidence.matched_text is not None:
            update["matched_text"] = self._span(evidence) or self.masker.text(evidence.matched_text)
        if evidence.note is not None:
            update["note"] = self.masker.text(evidence.note)
        return evidence.model_copy(update=update)

    def _span(self, evidence: Evidence) -> str | None:
        index, start, end = evidence.utterance_index, evidence.char_start, evidence.char_end
        if index is None or start is None or end is None or not 0 <= index < len(self.raw):
            return None
        if self.raw[index][start:end] != evidence.matched_text:
            return None
        return self.masked[index][start:end]
