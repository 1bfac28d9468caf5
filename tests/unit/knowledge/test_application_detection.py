"""Opening proposals, on in-memory persistence and on PostgreSQL: from the facts detection
counted (at most one open proposal per group), or from an inspector's flag."""

from __future__ import annotations

from datetime import datetime, timedelta

from runtime.clock import ManualClock
from services.knowledge.application import KnowledgeApplication
from services.knowledge.domain.detection import GroupCount, GroupFindings
from services.knowledge.domain.proposal import Proposal
from tests.unit.knowledge.conftest import EDITOR, NOW, finding

WEEK_AGO = NOW - timedelta(days=7)


def facts(
    calls: int, inspected: int = 10, start: datetime = WEEK_AGO, category: str | None = "市政"
) -> GroupFindings:
    evidence = tuple(finding(f"c{i}", category=category, agent=f"A{i % 2}") for i in range(calls))
    return GroupFindings(GroupCount("R1", category, calls), inspected, start, NOW, evidence)


def test_a_crossing_group_opens_one_proposal_with_its_facts(app: KnowledgeApplication) -> None:
    [proposal] = app.open_threshold_proposals([facts(4), facts(2, category="教育")])
    assert (proposal.trigger, proposal.rule_code, proposal.category) == ("threshold", "R1", "市政")
    assert (proposal.finding_count, proposal.call_share) == (4, 0.4)
    assert (proposal.window_start, proposal.window_end) == (WEEK_AGO, NOW)
    assert [f.call_id for f in proposal.findings] == ["c0", "c1", "c2", "c3"]
    assert app.proposal(proposal.id).status == "open"
    assert app.open_threshold_proposals([facts(5)]) == []
    assert app.counting_from("R1", "市政", WEEK_AGO) is None


def test_a_small_share_opens_nothing(app: KnowledgeApplication) -> None:
    assert app.open_threshold_proposals([facts(4, inspected=100)]) == []
    assert app.counting_from("R1", "市政", WEEK_AGO) == WEEK_AGO


def test_after_a_decision_only_later_calls_count(app: KnowledgeApplication) -> None:
    [first] = app.open_threshold_proposals([facts(4)])
    app.reject(first.id, "个案", EDITOR)
    assert app.counting_from("R1", "市政", WEEK_AGO) == NOW
    assert app.open_threshold_proposals([facts(4)]) == [], "counted before the decision"
    later = NOW + timedelta(days=1)
    assert isinstance(app.clock, ManualClock)
    app.clock.advance(timedelta(days=1))
    [second] = app.open_threshold_proposals([facts(3, start=NOW)])
    assert second.id != first.id
    assert (second.window_start, second.finding_count) == (NOW, 3)
    assert app.counting_from("R1", "市政", later - timedelta(days=7)) is None


def test_a_flag_opens_a_proposal_that_later_flags_join(app: KnowledgeApplication) -> None:
    proposal, opened = app.flag_gap(finding("c1"), "无口径", EDITOR)
    assert opened is True
    assert (proposal.trigger, proposal.note, proposal.finding_count) == ("flagged", "无口径", 1)
    joined, opened_again = app.flag_gap(finding("c2"), "", EDITOR)
    assert (joined.id, opened_again) == (proposal.id, False)
    repeated, _ = app.flag_gap(finding("c2"), "", EDITOR)
    stored: Proposal = app.proposal(proposal.id)
    assert (
        [f.call_id for f in stored.findings]
        == ["c1", "c2"]
        == [f.call_id for f in repeated.findings]
    )
    assert app.open_threshold_proposals([facts(5)]) == [], "the group has an open proposal"


def test_groups_are_apart_by_category(app: KnowledgeApplication) -> None:
    flagged, _ = app.flag_gap(finding("c1", category=None), "", EDITOR)
    [detected] = app.open_threshold_proposals([facts(4)])
    assert flagged.category is None
    assert detected.category == "市政"
