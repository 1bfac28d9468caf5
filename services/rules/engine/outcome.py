"""What evaluating a condition or a rule yields: a three-valued verdict and its evidence."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Status = Literal["violated", "passed", "not_applicable"]


@dataclass(frozen=True, slots=True)
class Hit:
    """One piece of evidence: where in the call, what text, and when, as far as known."""

    utterance_index: int | None = None
    role: str | None = None
    char_start: int | None = None
    char_end: int | None = None
    matched_text: str | None = None
    start_ms: int | None = None
    end_ms: int | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Verdict:
    """True: the condition holds; False: it does not; None: the call lacks what it needs."""

    value: bool | None
    evidence: tuple[Hit, ...] = ()


HOLDS_NOT = Verdict(False)
UNKNOWN = Verdict(None)


@dataclass(frozen=True, slots=True)
class RuleOutcome:
    rule_code: str
    status: Status
    evidence: tuple[Hit, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_code": self.rule_code,
            "status": self.status,
            "evidence": [hit.to_dict() for hit in self.evidence],
        }
