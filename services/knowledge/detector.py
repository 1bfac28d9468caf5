"""Opening proposals: from findings that cross the threshold, or from an inspector's flag.

At most one open proposal per (rule code, category): see `domain/slot.py`. A group whose
last proposal was decided counts only calls that started after that decision.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError

from contracts.envelope import Actor
from runtime.provenance import Provenance
from services.knowledge.domain.detection import Crossing, Thresholds, crossing_groups
from services.knowledge.domain.proposal import Proposal
from services.knowledge.domain.slot import ProposalSlot, slot_id
from services.knowledge.errors import NotFoundError
from services.knowledge.findings import FindingStats

if TYPE_CHECKING:
    from services.knowledge.application import KnowledgeApplication


class Detector:
    def __init__(
        self, app: KnowledgeApplication, stats: FindingStats, thresholds: Thresholds
    ) -> None:
        self.app = app
        self.stats = stats
        self.thresholds = thresholds

    def detect(self, now: datetime) -> list[Proposal]:
        """Proposals opened for groups crossing in [now - window, now); a run that races
        another one for the same group retries once and then sees the other's proposal."""
        try:
            return self._detect(now)
        except IntegrityError:
            return self._detect(now)

    def _detect(self, now: datetime) -> list[Proposal]:
        start, end = self.thresholds.window_ending(now)
        inspected = self.stats.inspected(start, end)
        changed: list[Aggregate] = []
        opened: list[Proposal] = []
        for crossing in crossing_groups(
            self.stats.group_counts(start, end), inspected, self.thresholds
        ):
            slot = self.app.slot(crossing.rule_code, crossing.category)
            if slot is not None and slot.open_proposal is not None:
                continue
            since = start
            if slot is not None and slot.answered_until is not None and slot.answered_until > start:
                since = slot.answered_until
                recounted = self._recount(crossing, since, end)
                if recounted is None:
                    continue
                crossing = recounted
            key = str(slot_id(crossing.rule_code, crossing.category))
            slot = slot or ProposalSlot.start(
                crossing.rule_code, crossing.category, Provenance.system(key)
            )
            proposal = self._open_threshold(slot, crossing, since, end)
            changed += [slot, proposal]
            opened.append(proposal)
        if changed:
            self.app.save(*changed)
        return opened

    def _recount(self, crossing: Crossing, since: datetime, end: datetime) -> Crossing | None:
        """The group counted again from `since` (after its last decision), if it still crosses."""
        group = (crossing.rule_code, crossing.category)
        counts = self.stats.group_counts(since, end, group)
        crossings = crossing_groups(counts, self.stats.inspected(since, end), self.thresholds)
        return crossings[0] if crossings else None

    def _open_threshold(
        self, slot: ProposalSlot, crossing: Crossing, since: datetime, end: datetime
    ) -> Proposal:
        evidence = self.stats.evidence(crossing.rule_code, crossing.category, since, end)
        proposal_id = slot.take(Provenance.system(str(slot.id)))
        return Proposal.open(
            proposal_id,
            crossing.rule_code,
            crossing.category,
            "threshold",
            evidence,
            Provenance.system(str(proposal_id)),
            finding_count=crossing.calls,
            call_share=crossing.share,
            window=(since, end),
        )

    def flag(self, call_id: str, rule_code: str, note: str, actor: Actor) -> tuple[Proposal, bool]:
        """A flagged finding opens a proposal, or joins its group's open one (False)."""
        finding = self.stats.finding(call_id, rule_code)
        if finding is None:
            raise NotFoundError(f"no finding of rule {rule_code} on call {call_id} (yet)")
        slot = self.app.slot(rule_code, finding.category)
        if slot is not None and slot.open_proposal is not None:
            proposal = self.app.proposal(slot.open_proposal)
            if proposal.add_evidence(finding, Provenance(actor, str(proposal.id))):
                self.app.save(proposal)
            return proposal, False
        slot = slot or ProposalSlot.start(rule_code, finding.category, Provenance(actor, call_id))
        proposal_id = slot.take(Provenance(actor, call_id))
        provenance = Provenance(actor, str(proposal_id))
        proposal = Proposal.open(
            proposal_id, rule_code, finding.category, "flagged", [finding], provenance, note=note
        )
        self.app.save(slot, proposal)
        return proposal, True
