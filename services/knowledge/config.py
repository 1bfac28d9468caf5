"""The knowledge service's settings, read once from its environment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from services.knowledge.domain.detection import Thresholds
from services.knowledge.domain.digest import DigestTerms


def thresholds_from(env: Mapping[str, str]) -> Thresholds:
    """QA_KNOWLEDGE_MIN_COUNT (5), QA_KNOWLEDGE_MIN_SHARE (0.05), QA_KNOWLEDGE_WINDOW_DAYS (7)."""
    return Thresholds(
        min_count=int(env.get("QA_KNOWLEDGE_MIN_COUNT") or 5),
        min_share=float(env.get("QA_KNOWLEDGE_MIN_SHARE") or 0.05),
        window=timedelta(days=float(env.get("QA_KNOWLEDGE_WINDOW_DAYS") or 7)),
    )


def digest_terms_from(env: Mapping[str, str]) -> DigestTerms:
    """QA_KNOWLEDGE_DIGEST_TOP (5), QA_KNOWLEDGE_DIGEST_MIN_COUNT (3), QA_KNOWLEDGE_TIMEZONE
    (Asia/Shanghai: the zone whose Mondays start the weeks)."""
    return DigestTerms(
        top=int(env.get("QA_KNOWLEDGE_DIGEST_TOP") or 5),
        min_count=int(env.get("QA_KNOWLEDGE_DIGEST_MIN_COUNT") or 3),
        timezone=env.get("QA_KNOWLEDGE_TIMEZONE") or "Asia/Shanghai",
    )


@dataclass(frozen=True)
class KnowledgeConfig:
    thresholds: Thresholds
    digest: DigestTerms
    detect_seconds: float
    """How often detection and the digest run (QA_KNOWLEDGE_DETECT_SECONDS, 3600)."""

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> KnowledgeConfig:
        return cls(
            thresholds=thresholds_from(env),
            digest=digest_terms_from(env),
            detect_seconds=float(env.get("QA_KNOWLEDGE_DETECT_SECONDS") or 3600),
        )
