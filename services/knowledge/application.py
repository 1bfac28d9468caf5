"""Knowledge commands: articles, cases, proposals (detected, flagged, decided); digests.py."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts.envelope import Actor
from runtime.provenance import Provenance
from services.knowledge.approval import Approval
from services.knowledge.detector import Detector
from services.knowledge.digests import DigestCommands
from services.knowledge.domain.article import Article, ArticleError, article_id_for
from services.knowledge.domain.case import Case
from services.knowledge.domain.content import Content
from services.knowledge.domain.proposal import Proposal
from services.knowledge.domain.slot import ProposalSlot, slot_id
from services.knowledge.errors import NotFoundError

T = TypeVar("T", bound=Aggregate)


class KnowledgeApplication(DigestCommands):
    name = "Knowledge"

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        super().__init__(env)
        self.detector = Detector(self, self.facts, self.config.thresholds)

    # Articles and cases.

    def create_article(
        self,
        kind: str,
        content: Content,
        reason: str,
        actor: Actor,
        article_key: str | None = None,
    ) -> tuple[Article, bool]:
        """The new article, True; or, for a known `article_key`, the stored one, False
        (ArticleError if that key was created with other content)."""
        article_id = article_id_for(article_key)
        stored = self.find(article_id, Article) if article_key is not None else None
        if stored is not None:
            if not stored.same_creation(kind, content):
                raise ArticleError(f"article_key {article_key} was created with other content")
            return stored, False
        provenance = Provenance(actor, str(article_id))
        article = Article.create(article_id, kind, content, reason, provenance, article_key)
        self.save(article)
        return article, True

    def revise_article(
        self,
        article_id: UUID,
        changes: Mapping[str, object],
        reason: str,
        actor: Actor,
        expected_revision: int | None = None,
    ) -> Article:
        article = self.article(article_id)
        content = article.current.content.changed(**changes)  # type: ignore[arg-type]
        article.revise(content, reason, Provenance(actor, str(article_id)), expected_revision)
        self.save(article)
        return article

    def article(self, article_id: UUID) -> Article:
        return self._get(article_id, Article)

    def create_case(self, case: dict[str, object], actor: Actor) -> Case:
        provenance = Provenance(actor, str(case["call_id"]))
        created = Case.add(provenance=provenance, **case)  # type: ignore[arg-type]
        self.save(created)
        return created

    # Proposals.

    def proposal(self, proposal_id: UUID) -> Proposal:
        return self._get(proposal_id, Proposal)

    def detect(self, now: datetime) -> list[Proposal]:
        """Open a proposal for every group crossing the threshold; idempotent."""
        return self.detector.detect(now)

    def flag_gap(
        self, call_id: str, rule_code: str, note: str, actor: Actor
    ) -> tuple[Proposal, bool]:
        return self.detector.flag(call_id, rule_code, note, actor)

    def approve(
        self, proposal_id: UUID, approval: Approval, actor: Actor, now: datetime
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
        self.save(article, proposal, *self._freed_slot(proposal, now, provenance))
        return proposal, article

    def reject(self, proposal_id: UUID, reason: str, actor: Actor, now: datetime) -> Proposal:
        proposal = self.proposal(proposal_id)
        provenance = Provenance(actor, str(proposal_id))
        proposal.reject(reason, provenance)
        self.save(proposal, *self._freed_slot(proposal, now, provenance))
        return proposal

    def _freed_slot(
        self, proposal: Proposal, now: datetime, provenance: Provenance
    ) -> list[ProposalSlot]:
        """The group's slot, freed: findings of calls before `now` count as answered."""
        slot = self.slot(proposal.rule_code, proposal.category)
        if slot is None:
            return []
        slot.free(proposal.id, now, provenance)
        return [slot]

    def slot(self, rule_code: str, category: str | None) -> ProposalSlot | None:
        identity = slot_id(rule_code, category)
        return self.find(identity, ProposalSlot)

    def _key_taken(self, article_key: str | None) -> bool:
        return (
            article_key is not None and self.find(article_id_for(article_key), Article) is not None
        )

    def _get(self, aggregate_id: UUID, kind: type[T]) -> T:
        aggregate = self.find(aggregate_id, kind)
        if aggregate is None:
            raise NotFoundError(f"no {kind.__name__.lower()} {aggregate_id}")
        return aggregate
