"""Articles keep every revision; proposals are decided once; one open proposal per group."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from contracts.envelope import Actor
from contracts.knowledge import FindingRef, KnowledgeProposalDecided, KnowledgeUpdated
from runtime.provenance import Provenance
from services.knowledge.contract_mapping import to_contract
from services.knowledge.domain.article import Article, ArticleError, article_id_for
from services.knowledge.domain.case import Case, CaseError
from services.knowledge.domain.content import Answering, Content
from services.knowledge.domain.proposal import MAX_EVIDENCE, Proposal, ProposalDecidedError
from services.knowledge.domain.slot import ProposalSlot, SlotTakenError, proposal_id_for

EDITOR = Provenance(Actor(id="editor-1", role="trainer"), "c")
NOW = datetime(2026, 11, 22, tzinfo=UTC)


def finding(call_id: str, agent: str = "A1", team: str = "T1") -> FindingRef:
    return FindingRef(
        call_id=call_id, rule_code="R1", agent_id=agent, team_id=team, inspected_at=NOW
    )


def test_an_article_keeps_every_revision_with_author_and_reason() -> None:
    article = Article.create(uuid4(), "faq", Content("t", "b", ("R1",)), "new", EDITOR)
    article.revise(article.current.content.changed(body="b2"), "clearer", EDITOR)
    assert [r.number for r in article.revisions] == [1, 2]
    assert article.revisions[0].content.body == "b"
    assert article.current.content == Content("t", "b2", ("R1",))
    assert article.current.reason == "clearer"
    assert article.current.actor == {"id": "editor-1", "role": "trainer"}
    with pytest.raises(ArticleError):
        article.revise(article.current.content, "stale", EDITOR, expected_revision=1)


def test_an_article_key_gives_a_stable_id() -> None:
    assert article_id_for("k") == article_id_for("k") != article_id_for("other")
    assert article_id_for(None) != article_id_for(None)


def test_every_revision_is_published_with_its_audience() -> None:
    pid = uuid4()
    article = Article.create(uuid4(), "answer_script", Content("t", "b"), "new", EDITOR)
    answering = Answering(pid, ("A1", "A2"), ("T1",))
    article.revise(Content("t", "b2").tagged("R1", "市政"), "answers", EDITOR, None, answering)
    updates = [to_contract(e) for e in article.collect_events()]
    assert all(isinstance(u, KnowledgeUpdated) for u in updates)
    _, second = updates
    assert isinstance(second, KnowledgeUpdated)
    assert (second.revision, second.proposal_id, second.audience_agents) == (2, pid, ["A1", "A2"])
    assert (second.rule_codes, second.categories, second.kind) == (
        ["R1"],
        ["市政"],
        "answer_script",
    )


def test_a_proposal_is_decided_once() -> None:
    refs = [finding("c1", "A2", "T2"), finding("c2", "A1", "T1"), finding("c3", "A1", "T1")]
    proposal = Proposal.open(uuid4(), "R1", None, "threshold", refs, EDITOR)
    assert proposal.audience() == (("A1", "A2"), ("T1", "T2"))
    proposal.reject("not a gap", EDITOR)
    with pytest.raises(ProposalDecidedError):
        proposal.approve(uuid4(), 1, "late", EDITOR)
    with pytest.raises(ProposalDecidedError):
        proposal.reject("again", EDITOR)
    decided = to_contract(proposal.collect_events()[-1])
    assert isinstance(decided, KnowledgeProposalDecided)
    assert (decided.decision, decided.reason) == ("rejected", "not a gap")


def test_evidence_is_capped_and_not_repeated() -> None:
    refs = [finding(f"c{i}") for i in range(30)]
    proposal = Proposal.open(uuid4(), "R1", None, "threshold", refs, EDITOR, finding_count=30)
    assert len(proposal.evidence) == MAX_EVIDENCE
    assert proposal.finding_count == 30
    flagged = Proposal.open(uuid4(), "R1", None, "flagged", [finding("c1")], EDITOR)
    assert flagged.add_evidence(finding("c1"), EDITOR) is False
    assert flagged.add_evidence(finding("c2"), EDITOR) is True
    assert [f.call_id for f in flagged.findings] == ["c1", "c2"]


def test_a_slot_holds_one_open_proposal_and_numbers_them() -> None:
    slot = ProposalSlot.start("R1", "市政", EDITOR)
    first = slot.take(EDITOR)
    assert first == proposal_id_for("R1", "市政", 1)
    with pytest.raises(SlotTakenError):
        slot.take(EDITOR)
    slot.free(first, NOW, EDITOR)
    assert slot.answered_until == NOW
    assert slot.take(EDITOR) == proposal_id_for("R1", "市政", 2) != first


def test_a_disputed_case_needs_its_settled_answer() -> None:
    with pytest.raises(CaseError):
        Case.add("disputed", "t", "s", "call-1", [], None, EDITOR)
    case = Case.add("disputed", "t", "s", "call-1", ["R1"], "answer", EDITOR)
    assert case.settled_answer == "answer"
