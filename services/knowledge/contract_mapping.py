"""Which of the knowledge service's domain events the other services hear of, and how."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import DomainEventProtocol

from contracts.events import IntegrationEvent
from contracts.knowledge import (
    DigestItem,
    FindingRef,
    KnowledgeCaseAdded,
    KnowledgeProposalDecided,
    KnowledgeProposalEvidenceAdded,
    KnowledgeProposalOpened,
    KnowledgeUpdated,
    WeeklyDigestPublished,
)
from services.knowledge.domain.article import RevisionEvent
from services.knowledge.domain.case import Case
from services.knowledge.domain.digest import Digest
from services.knowledge.domain.proposal import Proposal


def to_contract(event: DomainEventProtocol[UUID]) -> IntegrationEvent | None:
    if isinstance(event, RevisionEvent):
        return _updated(event)
    if isinstance(event, Proposal.Opened):
        return KnowledgeProposalOpened(
            proposal_id=event.originator_id,
            rule_code=event.rule_code,
            category=event.category,
            trigger=event.trigger,
            finding_count=event.finding_count,
            call_share=event.call_share,
            window_start=event.window_start,
            window_end=event.window_end,
            evidence=[FindingRef.model_validate(item) for item in event.evidence],
        )
    if isinstance(event, Case.Added):
        return KnowledgeCaseAdded(
            case_id=event.originator_id,
            kind=event.kind,
            title=event.title,
            summary=event.summary,
            call_id=event.call_id,
            rule_codes=event.rule_codes,
            settled_answer=event.settled_answer,
        )
    if isinstance(event, Proposal.EvidenceAdded):
        return KnowledgeProposalEvidenceAdded(
            proposal_id=event.originator_id, finding=FindingRef.model_validate(event.finding)
        )
    if isinstance(event, Proposal.Approved):
        return KnowledgeProposalDecided(
            proposal_id=event.originator_id,
            decision="approved",
            reason=event.reason,
            article_id=event.article_id,
            revision=event.revision,
        )
    if isinstance(event, Proposal.Rejected):
        return KnowledgeProposalDecided(
            proposal_id=event.originator_id, decision="rejected", reason=event.reason
        )
    if isinstance(event, Digest.Published):
        return WeeklyDigestPublished(
            digest_id=event.originator_id,
            week_start=event.week_start,
            week_end=event.week_end,
            items=[DigestItem.model_validate(item) for item in event.items],
        )
    return None


def _updated(event: RevisionEvent) -> KnowledgeUpdated:
    """Every revision, the first included, is published."""
    return KnowledgeUpdated(
        article_id=event.originator_id,
        revision=event.revision,
        kind=event.kind,
        title=event.title,
        body=event.body,
        rule_codes=event.rule_codes,
        categories=event.categories,
        reason=event.reason,
        proposal_id=event.proposal_id,
        audience_agents=event.audience_agents,
        audience_teams=event.audience_teams,
    )
