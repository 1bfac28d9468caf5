"""Deciding proposals, on in-memory persistence and on PostgreSQL: an approval revises or
creates the article that answers it, addressed to the evidence's agents; decisions are final."""

from __future__ import annotations

from dataclasses import replace
from uuid import uuid4

import pytest

from services.knowledge.application import KnowledgeApplication, NotFoundError
from services.knowledge.domain.approval import Approval
from services.knowledge.domain.article import ArticleError
from services.knowledge.domain.content import Content
from services.knowledge.domain.proposal import Proposal, ProposalDecidedError
from tests.unit.knowledge.conftest import EDITOR, NOW, finding

SCRIPT = Approval(
    reason="推诿集中出现",
    kind="answer_script",
    title="路灯损坏的受理口径",
    body="应直接受理并派单。",
    article_key="lamp",
)


def flagged(app: KnowledgeApplication) -> Proposal:
    proposal, _ = app.flag_gap(finding("c1", agent="A2"), "", EDITOR)
    app.flag_gap(finding("c2", agent="A1"), "", EDITOR)
    return proposal


def test_an_approval_creates_the_answering_article(app: KnowledgeApplication) -> None:
    proposal = flagged(app)
    decided, article = app.approve(proposal.id, SCRIPT, EDITOR)
    assert decided.status == "approved"
    assert decided.article == (article.id, 1)
    current = app.article(article.id).current
    assert (current.content.rule_codes, current.content.categories) == (("R1",), ("市政",))
    assert (current.proposal_id, current.audience_agents) == (proposal.id, ("A1", "A2"))
    assert app.counting_from("R1", "市政", NOW) == NOW
    with pytest.raises(ProposalDecidedError):
        app.approve(proposal.id, replace(SCRIPT, article_key=None), EDITOR)
    with pytest.raises(ProposalDecidedError):
        app.reject(proposal.id, "late", EDITOR)


def test_an_approval_revises_an_existing_article(app: KnowledgeApplication) -> None:
    article, _ = app.create_article("faq", Content("路灯", "受理。"), "new", EDITOR)
    proposal = flagged(app)
    revise = Approval(reason="补充", article_id=article.id, body="受理并派单。")
    _, revised = app.approve(proposal.id, revise, EDITOR)
    assert revised.id == article.id
    assert [r.number for r in app.article(article.id).revisions] == [1, 2]
    assert app.article(article.id).current.content == Content(
        "路灯", "受理并派单。", ("R1",), ("市政",)
    )


def test_a_taken_article_key_is_refused(app: KnowledgeApplication) -> None:
    app.create_article("faq", Content("t", "b"), "new", EDITOR, "lamp")
    proposal = flagged(app)
    with pytest.raises(ArticleError, match="taken"):
        app.approve(proposal.id, SCRIPT, EDITOR)
    assert app.proposal(proposal.id).status == "open"


def test_a_rejection_is_final_and_frees_the_group(app: KnowledgeApplication) -> None:
    proposal = flagged(app)
    assert app.reject(proposal.id, "个案", EDITOR).decision == {
        "reason": "个案",
        "editor": EDITOR.model_dump(),
    }
    reopened, opened = app.flag_gap(finding("c3"), "", EDITOR)
    assert opened is True
    assert reopened.id != proposal.id


def test_an_unknown_proposal_is_not_found(app: KnowledgeApplication) -> None:
    with pytest.raises(NotFoundError):
        app.reject(uuid4(), "r", EDITOR)
