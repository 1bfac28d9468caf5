"""Articles, cases, proposals and digests as the API shows them."""

from __future__ import annotations

from contracts.api.knowledge import (
    ArticleOut,
    CaseOut,
    DecisionOut,
    DigestOut,
    ProposalOut,
    RevisionOut,
)
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
    return ArticleOut.model_validate(
        {
            "article_id": article.id,
            "kind": article.kind,
            "article_key": article.article_key,
            "current": revision_out(article.current),
            "revisions": [revision_out(r) for r in article.revisions],
        }
    )


def proposal_out(proposal: Proposal) -> ProposalOut:
    article_id, revision = proposal.article or (None, None)
    decision = DecisionOut.model_validate(proposal.decision) if proposal.decision else None
    return ProposalOut.model_validate(
        {
            "proposal_id": proposal.id,
            "status": proposal.status,
            "trigger": proposal.trigger,
            "rule_code": proposal.rule_code,
            "category": proposal.category,
            "finding_count": proposal.finding_count,
            "call_share": proposal.call_share,
            "window_start": proposal.window_start,
            "window_end": proposal.window_end,
            "note": proposal.note,
            "evidence": proposal.findings,
            "opened_at": proposal.created_on,
            "decision": decision,
            "article_id": article_id,
            "revision": revision,
        }
    )


def case_out(case: Case) -> CaseOut:
    return CaseOut.model_validate(
        {
            "case_id": case.id,
            "kind": case.kind,
            "title": case.title,
            "summary": case.summary,
            "call_id": case.call_id,
            "rule_codes": case.rule_codes,
            "settled_answer": case.settled_answer,
        }
    )


def digest_out(digest: Digest) -> DigestOut:
    return DigestOut(
        digest_id=digest.id,
        week_start=digest.week_start,
        week_end=digest.week_end,
        items=digest.digest_items,
        published_at=digest.created_on,
    )
