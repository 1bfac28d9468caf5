"""Which of the knowledge service's domain events the other services hear of, and how."""

from __future__ import annotations

from contracts.knowledge import (
    KnowledgeCaseAdded,
    KnowledgeProposalDecided,
    KnowledgeProposalEvidenceAdded,
    KnowledgeProposalOpened,
    KnowledgeUpdated,
    WeeklyDigestPublished,
)
from runtime.mapping import ContractMapping, carry
from services.knowledge.domain.article import RevisionEvent
from services.knowledge.domain.case import Case
from services.knowledge.domain.digest import Digest
from services.knowledge.domain.proposal import Proposal

to_contract = ContractMapping(
    {
        # Every revision, the first included, is published.
        RevisionEvent: lambda e: carry(KnowledgeUpdated, e, article_id=e.originator_id),
        Proposal.Opened: lambda e: carry(KnowledgeProposalOpened, e, proposal_id=e.originator_id),
        Case.Added: lambda e: carry(KnowledgeCaseAdded, e, case_id=e.originator_id),
        Proposal.EvidenceAdded: lambda e: carry(
            KnowledgeProposalEvidenceAdded, e, proposal_id=e.originator_id
        ),
        Proposal.Approved: lambda e: carry(
            KnowledgeProposalDecided, e, proposal_id=e.originator_id, decision="approved"
        ),
        Proposal.Rejected: lambda e: carry(
            KnowledgeProposalDecided, e, proposal_id=e.originator_id, decision="rejected"
        ),
        Digest.Published: lambda e: carry(WeeklyDigestPublished, e, digest_id=e.originator_id),
    }
)
