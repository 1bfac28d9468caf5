"""The coaching plan and the agent's coaching record: pure aggregates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from contracts.comparison import Counts
from runtime.provenance import Provenance
from services.coaching.domain.agent import AgentCoaching, agent_record_id
from services.coaching.domain.opening import PlanRequest, follow_up_key, plan_id_for
from services.coaching.domain.plan import CoachingPlan, PlanClosedError, ReviewNotDueError
from services.coaching.domain.review import judge
from services.coaching.domain.session import Session

OPENED = datetime(2026, 12, 1, tzinfo=UTC)
SIX_WEEKS = timedelta(weeks=6)
BY = Provenance.system("test")


def plan() -> CoachingPlan:
    request = PlanRequest("A1", "monthly_selection", "monthly:2026-11", "T01", ["R1"], ["c1"])
    return CoachingPlan.open(request, OPENED, SIX_WEEKS, BY)


def test_opening_dedups_rules_and_calls() -> None:
    request = PlanRequest("A1", "manual", "manual:1", None, ["R2", "R1", "R2"], ["c2", "c1", "c2"])
    opened = CoachingPlan.open(request, OPENED, SIX_WEEKS, BY)
    assert opened.id == plan_id_for("A1", "manual:1")
    assert (opened.rule_codes, opened.call_ids) == (["R1", "R2"], ["c2", "c1"])
    assert (opened.opened_at, opened.follow_up_until) == (OPENED, OPENED + SIX_WEEKS)
    assert (opened.status, opened.previous_plan_id) == ("open", None)


def test_judge() -> None:
    assert judge(Counts(10, 5), Counts(10, 2)) == "improved"
    assert judge(Counts(0, 0), Counts(10, 0)) == "improved"
    assert judge(Counts(10, 2), Counts(10, 2)) == "not_improved"
    assert judge(Counts(10, 5), Counts(0, 0)) == "not_improved"
    assert judge(Counts(0, 0), Counts(10, 1)) == "not_improved"


def test_sessions_then_review_closes_and_escalates_when_not_improved() -> None:
    coaching = plan()
    coaching.record_session(Session(OPENED, "Q1", ["c1"], ["推诿"], ["首问负责"]), BY)
    assert coaching.status == "open"
    assert len(coaching.sessions) == 1
    with pytest.raises(ReviewNotDueError):
        coaching.review(Counts(10, 5), Counts(10, 6), OPENED + timedelta(weeks=5), SIX_WEEKS, BY)
    coaching.review(Counts(10, 5), Counts(10, 6), OPENED + SIX_WEEKS, SIX_WEEKS, BY)
    assert (coaching.status, coaching.outcome, coaching.escalated) == (
        "closed",
        "not_improved",
        True,
    )
    with pytest.raises(PlanClosedError):
        coaching.record_session(Session(OPENED, "Q1"), BY)
    events = coaching.collect_events()
    assert [type(e).__name__ for e in events][-2:] == ["Reviewed", "Closed"]


def test_not_improved_opens_a_follow_up_plan() -> None:
    coaching = plan()
    reviewed_at = OPENED + SIX_WEEKS + timedelta(hours=3)
    follow_up = coaching.review(Counts(10, 5), Counts(10, 6), reviewed_at, SIX_WEEKS, BY)
    assert follow_up is not None
    assert follow_up.id == plan_id_for("A1", follow_up_key(coaching.id))
    assert coaching.follow_up_plan_id == follow_up.id
    assert (follow_up.agent_id, follow_up.team_id, follow_up.reason) == ("A1", "T01", "follow_up")
    assert follow_up.rule_codes == coaching.rule_codes == ["R1"]
    assert follow_up.previous_plan_id == coaching.id
    assert (follow_up.opened_at, follow_up.follow_up_until) == (
        reviewed_at,
        reviewed_at + SIX_WEEKS,
    )
    assert (follow_up.status, follow_up.sessions, follow_up.outcome) == ("open", [], None)
    assert follow_up.notes == [
        f"follow-up of plan {coaching.id}: not improved "
        "(rate 0.50 on 10 calls before, 0.60 on 10 after)"
    ]
    reviewed = coaching.collect_events()[-2]
    assert isinstance(reviewed, CoachingPlan.Reviewed)
    assert (reviewed.escalated, reviewed.follow_up_plan_id) == (True, follow_up.id)
    opened = follow_up.collect_events()
    assert len(opened) == 1
    assert isinstance(opened[0], CoachingPlan.Opened)
    assert opened[0].previous_plan_id == coaching.id

    # The same review, elsewhere, would open the same plan: the save conflicts, not duplicates.
    again = plan().review(Counts(10, 5), Counts(10, 6), reviewed_at, SIX_WEEKS, BY)
    assert again is not None
    assert again.id == follow_up.id


def test_improved_opens_no_follow_up_plan() -> None:
    coaching = plan()
    follow_up = coaching.review(Counts(10, 5), Counts(10, 1), OPENED + SIX_WEEKS, SIX_WEEKS, BY)
    assert follow_up is None
    assert (coaching.status, coaching.outcome, coaching.escalated) == ("closed", "improved", False)
    assert coaching.follow_up_plan_id is None
    assert coaching.previous_plan_id is None
    reviewed = coaching.collect_events()[-2]
    assert isinstance(reviewed, CoachingPlan.Reviewed)
    assert reviewed.follow_up_plan_id is None


def test_plan_ids_are_per_agent_and_trigger() -> None:
    assert plan_id_for("A1", "k") == plan_id_for("A1", "k")
    assert plan_id_for("A1", "k") != plan_id_for("A2", "k")


def test_one_open_plan_per_agent() -> None:
    record = AgentCoaching.start("A1", BY)
    assert record.id == agent_record_id("A1")
    first = uuid4()
    record.plan_opened(first, "monthly:2026-11", None, BY)
    assert record.open_plan == first
    assert record.handled("monthly:2026-11")
    with pytest.raises(ValueError, match="already has open plan"):
        record.plan_opened(uuid4(), "verification:x", None, BY)
    seen = OPENED
    record.skip("repeat:x", seen, BY)
    assert record.handled("repeat:x")
    assert record.seen_until == seen
    record.plan_closed(first, BY)
    assert record.open_plan is None
