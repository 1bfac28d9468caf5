"""Commands of update proposals: open one from the facts detection counted (a threshold) or
from an inspector's flag, then decide it once (approve with an article revision, or reject).

At most one proposal per (rule code, category) is open at a time: see `domain/slot.py`. A group
whose last proposal was decided counts only calls that started after that decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts.envelope import Actor
from contracts.knowledge import FindingRef
from runtime.eventstore import retry_on_conflict
from runtime.provenance import Provenance
from services.knowledge.application.articles import ArticleCommands
from services.knowledge.domain.approval import Approval
from services.knowledge.domain.article import Article, ArticleError, article_id_for
from services.knowledge.domain.detection import Crossing, GroupFindings
from services.knowledge.domain.proposal import Proposal
from services.knowledge.domain.slot import ProposalSlot, slot_id


class ProposalCommands(ArticleCommands):
    def proposal(self, proposal_id: UUID) -> Proposal:
        return self.get(proposal_id, Proposal)

    def slot(self, rule_code: str, category: str | None) -> ProposalSlot | None:
        return self.find(slot_id(rule_code, category), ProposalSlot)

    def counting_from(
        self, rule_code: str, category: str | None, start: datetime
    ) -> datetime | None:
        """Where the group's findings start counting towards a proposal of a window starting at
        `start`; None while the group has an open proposal."""
        slot = self.slot(rule_code, category)
        return slot.counting_from(start) if slot is not None else start

    @retry_on_conflict
    def open_threshold_proposals(self, groups: Sequence[GroupFindings]) -> list[Proposal]:
        """A proposal for each group (one entry per group) that crosses the thresholds, unless
        the group has an open one or was decided since its window started (then the facts are
        stale; the next run counts again). A run racing another one sees its proposals."""
        changed: list[Aggregate] = []
        for group in groups:
            crossing = group.crossing(self.config.thresholds)
            slot = self.slot(group.count.rule_code, group.count.category)
            if crossing is None or (slot and slot.counting_from(group.start) != group.start):
                continue
            key = str(slot_id(crossing.rule_code, crossing.category))
            slot = slot or ProposalSlot.start(
                crossing.rule_code, crossing.category, Provenance.system(key)
            )
            changed += [slot, self._open_threshold(slot, crossing, group)]
        if changed:
            self.save(*changed)
        return [aggregate for aggregate in changed if isinstance(aggregate, Proposal)]

    def _open_threshold(
        self, slot: ProposalSlot, crossing: Crossing, group: GroupFindings
    ) -> Proposal:
        proposal_id = slot.take(Provenance.system(str(slot.id)))
        return Proposal.open(
            proposal_id,
            crossing.rule_code,
            crossing.category,
            "threshold",
            list(group.evidence),
            Provenance.system(str(proposal_id)),
            finding_count=crossing.calls,
            call_share=crossing.share,
            window=(group.start, group.end),
        )

    @retry_on_conflict
    def flag_gap(self, finding: FindingRef, note: str, actor: Actor) -> tuple[Proposal, bool]:
        """A flagged finding opens a proposal (True), or joins its group's open one (False)."""
        rule_code, category, call_id = finding.rule_code, finding.category, finding.call_id
        slot = self.slot(rule_code, category)
        if slot is not None and slot.open_proposal is not None:
            proposal = self.proposal(slot.open_proposal)
            if proposal.add_evidence(finding, Provenance(actor, str(proposal.id))):
                self.save(proposal)
            return proposal, False
        slot = slot or ProposalSlot.start(rule_code, category, Provenance(actor, call_id))
        proposal_id = slot.take(Provenance(actor, call_id))
        provenance = Provenance(actor, str(proposal_id))
        proposal = Proposal.open(
            proposal_id, rule_code, category, "flagged", [finding], provenance, note=note
        )
        self.save(slot, proposal)
        return proposal, True

    @retry_on_conflict
    def approve(
        self, proposal_id: UUID, approval: Approval, actor: Actor
    ) -> tuple[Proposal, Article]:
        """Revise or create the article and record the decision, in one save."""
        proposal = self.proposal(proposal_id)
        provenance = Provenance(actor, str(proposal_id))
        if approval.article_id is not None:
            article = self.article(approval.article_id)
            approval.revise(article, proposal, provenance)
        elif self._key_taken(approval.article_key):
            raise ArticleError(f"article_key {approval.article_key} is taken")
        else:
            article = approval.create(proposal, provenance)
        proposal.approve(article.id, article.current.number, approval.reason, provenance)
        self.save(article, proposal, *self._freed_slot(proposal, provenance))
        return proposal, article

    @retry_on_conflict
    def reject(self, proposal_id: UUID, reason: str, actor: Actor) -> Proposal:
        proposal = self.proposal(proposal_id)
        provenance = Provenance(actor, str(proposal_id))
        proposal.reject(reason, provenance)
        self.save(proposal, *self._freed_slot(proposal, provenance))
        return proposal

    def _freed_slot(self, proposal: Proposal, provenance: Provenance) -> list[ProposalSlot]:
        """The group's slot, freed: findings of calls before now count as answered."""
        slot = self.slot(proposal.rule_code, proposal.category)
        if slot is None:
            return []
        slot.free(proposal.id, self.clock.now(), provenance)
        return [slot]

    def _key_taken(self, article_key: str | None) -> bool:
        return (
            article_key is not None and self.find(article_id_for(article_key), Article) is not None
        )
