"""Articles, cases, proposals and digests as the API shows them."""

from __future__ import annotations

from contracts.api.knowledge import (
    ArticleOut,
    CaseOut,
    DigestOut,
    ProposalOut,
    RevisionOut,
)
from runtime.mapping import carry
from services.knowledge.domain.article import Article
from services.knowledge.domain.case import Case
from services.knowledge.domain.content import Revision
from services.knowledge.domain.digest import Digest
from services.knowledge.domain.proposal import Proposal


def revision_out(revision: Revision) -> RevisionOut:
    content = revision.content
    return RevisionOut(
        revision=revision.number,
        title=content.title,
        body=content.body,
        rule_codes=list(content.rule_codes),
        categories=list(content.categories),
        reason=revision.reason,
        author=revision.actor,
        at=revision.at,
        proposal_id=revision.proposal_id,
        audience_agents=list(revision.audience_agents),
        audience_teams=list(revision.audience_teams),
    )


def article_out(article: Article) -> ArticleOut:
    return carry(
        ArticleOut,
        article,
        article_id=article.id,
        current=revision_out(article.current),
        revisions=[revision_out(r) for r in article.revisions],
    )


def proposal_out(proposal: Proposal) -> ProposalOut:
    article_id, revision = proposal.article or (None, None)
    return carry(
        ProposalOut,
        proposal,
        proposal_id=proposal.id,
        opened_at=proposal.created_on,
        article_id=article_id,
        revision=revision,
    )


def case_out(case: Case) -> CaseOut:
    return carry(CaseOut, case, case_id=case.id)


def digest_out(digest: Digest) -> DigestOut:
    return carry(DigestOut, digest, digest_id=digest.id, published_at=digest.created_on)
