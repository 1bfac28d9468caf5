"""A knowledge-update proposal: opened by findings (a threshold or an inspector's flag),
then decided once, approved with the article revision that answers it or rejected."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts.knowledge import FindingRef
from runtime.provenance import AuditedEvent, Provenance

Trigger = Literal["threshold", "flagged"]
MAX_EVIDENCE = 20
OPEN, APPROVED, REJECTED = "open", "approved", "rejected"


class ProposalDecidedError(Exception):
    """The proposal was already approved or rejected; a decision is final."""

    code = "already_decided"


class Proposal(Aggregate):
    class Opened(Aggregate.Created, AuditedEvent):
        rule_code: str
        category: str | None
        trigger: str
        finding_count: int
        call_share: float | None
        window_start: datetime | None
        window_end: datetime | None
        evidence: list[dict[str, Any]]
        note: str

    class EvidenceAdded(AuditedEvent):
        finding: dict[str, Any]

        def apply(self, aggregate: Proposal) -> None:
            aggregate.evidence.append(self.finding)
            aggregate.finding_count += 1

    class Approved(AuditedEvent):
        article_id: UUID
        revision: int
        reason: str

        def apply(self, aggregate: Proposal) -> None:
            aggregate.status = APPROVED
            aggregate.decision = {"reason": self.reason, "editor": self.actor}
            aggregate.article = (self.article_id, self.revision)

    class Rejected(AuditedEvent):
        reason: str

        def apply(self, aggregate: Proposal) -> None:
            aggregate.status = REJECTED
            aggregate.decision = {"reason": self.reason, "editor": self.actor}

    def __init__(
        self,
        rule_code: str,
        category: str | None,
        trigger: str,
        finding_count: int,
        call_share: float | None,
        window_start: datetime | None,
        window_end: datetime | None,
        evidence: list[dict[str, Any]],
        note: str,
    ) -> None:
        self.rule_code = rule_code
        self.category = category
        self.trigger = trigger
        self.finding_count = finding_count
        self.call_share = call_share
        self.window_start = window_start
        self.window_end = window_end
        self.evidence = evidence
        self.note = note
        self.status = OPEN
        self.decision: dict[str, Any] | None = None
        self.article: tuple[UUID, int] | None = None

    @classmethod
    def open(
        cls,
        proposal_id: UUID,
        rule_code: str,
        category: str | None,
        trigger: Trigger,
        evidence: list[FindingRef],
        provenance: Provenance,
        finding_count: int | None = None,
        call_share: float | None = None,
        window: tuple[datetime, datetime] | None = None,
        note: str = "",
    ) -> Proposal:
        return cls._create(
            cls.Opened,
            id=proposal_id,
            rule_code=rule_code,
            category=category,
            trigger=trigger,
            finding_count=len(evidence) if finding_count is None else finding_count,
            call_share=call_share,
            window_start=window[0] if window else None,
            window_end=window[1] if window else None,
            evidence=[ref.model_dump(mode="json") for ref in evidence[:MAX_EVIDENCE]],
            note=note,
            **provenance.event_kwargs(),
        )

    @property
    def findings(self) -> list[FindingRef]:
        return [FindingRef.model_validate(item) for item in self.evidence]

    def audience(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The agents and the teams whose findings are the evidence (whom training targets)."""
        findings = self.findings
        return (
            tuple(sorted({f.agent_id for f in findings})),
            tuple(sorted({f.team_id for f in findings})),
        )

    def add_evidence(self, finding: FindingRef, provenance: Provenance) -> bool:
        """An inspector flagged a finding of this open proposal's group; False if known."""
        self._check_open()
        known = {(f.call_id, f.rule_code) for f in self.findings}
        if (finding.call_id, finding.rule_code) in known or len(self.evidence) >= MAX_EVIDENCE:
            return False
        dumped = finding.model_dump(mode="json")
        self.trigger_event(self.EvidenceAdded, finding=dumped, **provenance.event_kwargs())
        return True

    def approve(self, article_id: UUID, revision: int, reason: str, provenance: Provenance) -> None:
        self._check_open()
        self.trigger_event(
            self.Approved,
            article_id=article_id,
            revision=revision,
            reason=reason,
            **provenance.event_kwargs(),
        )

    def reject(self, reason: str, provenance: Provenance) -> None:
        self._check_open()
        self.trigger_event(self.Rejected, reason=reason, **provenance.event_kwargs())

    def _check_open(self) -> None:
        if self.status != OPEN:
            raise ProposalDecidedError(f"proposal {self.id} was already {self.status}")
