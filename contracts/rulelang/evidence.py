"""Evidence: where in a call a condition was seen to hold.

The engine produces it (`RuleOutcome.evidence`) and the inspection contract publishes it as is
(`contracts.inspection.Finding.evidence`), so it is one model with one JSON shape.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Evidence(BaseModel):
    """Where in the call a finding was seen: utterance, character span, text, time where known."""

    model_config = ConfigDict(frozen=True)

    utterance_index: int | None = None
    role: str | None = None
    char_start: int | None = None
    char_end: int | None = None
    matched_text: str | None = None
    start_ms: int | None = None
    end_ms: int | None = None
    note: str | None = None
