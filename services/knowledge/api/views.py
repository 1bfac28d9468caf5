"""JSON views of the aggregates, and the mapping of command errors to HTTP errors."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from services.knowledge.domain.article import Article
from services.knowledge.domain.case import Case
from services.knowledge.domain.content import Revision
from services.knowledge.domain.proposal import Proposal


def revision_view(revision: Revision) -> dict[str, Any]:
    content = asdict(revision.content)
    return {
        "revision": revision.number,
        **{k: list(v) if isinstance(v, tuple) else v for k, v in content.items()},
        "reason": revision.reason,
        "author": revision.actor,
        "at": revision.at,
        "proposal_id": revision.proposal_id,
        "audience_agents": list(revision.audience_agents),
        "audience_teams": list(revision.audience_teams),
    }


def article_view(article: Article) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "kind": article.kind,
        "article_key": article.article_key,
        "current": revision_view(article.current),
        "revisions": [revision_view(r) for r in article.revisions],
    }


def proposal_view(proposal: Proposal) -> dict[str, Any]:
    article = proposal.article
    return {
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
        "evidence": proposal.evidence,
        "opened_at": proposal.created_on,
        "decision": proposal.decision,
        "article_id": article[0] if article else None,
        "revision": article[1] if article else None,
    }


def case_view(case: Case) -> dict[str, Any]:
    return {
        "case_id": case.id,
        "kind": case.kind,
        "title": case.title,
        "summary": case.summary,
        "call_id": case.call_id,
        "rule_codes": case.rule_codes,
        "settled_answer": case.settled_answer,
    }
