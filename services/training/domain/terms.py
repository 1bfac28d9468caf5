"""Values a programme is made from: what it teaches and whom, and the verification terms."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class ProgrammeDraft:
    title: str
    source: str  # knowledge_update | weekly_digest | manual
    article_ids: list[str] = field(default_factory=list)
    case_ids: list[str] = field(default_factory=list)
    rule_codes: list[str] = field(default_factory=list)
    audience_agents: list[str] = field(default_factory=list)
    audience_teams: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProgrammeDraft:
        return cls(**data)


@dataclass(frozen=True)
class VerificationTerms:
    """How the inspection service should verify a trained agent."""

    window_days: int = 14
    min_calls: int | None = None
