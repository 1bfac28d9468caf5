"""What evaluating a condition or a rule yields: a three-valued verdict and its evidence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from contracts.rulelang.evidence import Evidence

Status = Literal["violated", "passed", "not_applicable"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """True: the condition holds; False: it does not; None: the call lacks what it needs."""

    value: bool | None
    evidence: tuple[Evidence, ...] = ()


HOLDS_NOT = Verdict(False)
UNKNOWN = Verdict(None)


@dataclass(frozen=True, slots=True)
class RuleOutcome:
    rule_code: str
    status: Status
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_code": self.rule_code,
            "status": self.status,
            "evidence": [item.model_dump() for item in self.evidence],
        }
