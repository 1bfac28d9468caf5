"""Coaching commands, on in-memory persistence and on PostgreSQL: one open plan per agent,
idempotent triggers, the review and its follow-up plan."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from contracts.comparison import Counts
from contracts.envelope import GENESIS_HASH, SYSTEM_ACTOR, Envelope
from contracts.inspection import VerificationCompleted
from runtime.clock import ManualClock
from runtime.provenance import Provenance
from services.coaching.application import (
    CoachingApplication,
    PlanAlreadyOpenError,
    UnknownPlanError,
)
from services.coaching.domain.opening import PlanRequest
from services.coaching.domain.plan import PlanClosedError
from services.coaching.domain.session import Session
from tests.conftest import OpenApplication

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
BY = Provenance.system("test")


@pytest.fixture
def app(open_app: OpenApplication) -> CoachingApplication:
    application: CoachingApplication = open_app(
        CoachingApplication, "coaching", QA_COACHING_FOLLOW_UP_WEEKS=6
    )
    application.clock = ManualClock(NOW)
    return application


def verification(agent: str, outcome: str = "ineffective") -> Envelope:
    event = VerificationCompleted.model_validate(
        {
            "verification_id": str(uuid4()),
            "programme_id": str(uuid4()),
            "agent_id": agent,
            "rule_codes": ["R1"],
            "outcome": outcome,
            "calls_before": 4,
            "calls_after": 4,
            "window_start": NOW - timedelta(days=14),
            "window_end": NOW,
        }
    )
    return Envelope(
        event_id=uuid4(),
        event_type=event.event_type(),
        schema_version=event.schema_version,
        producer="inspection",
        notification_id=1,
        occurred_at=NOW,
        actor=SYSTEM_ACTOR,
        correlation_id="programme",
        prev_hash=GENESIS_HASH,
        payload=event.model_dump(mode="json"),
    ).sealed()


def test_monthly_selection_is_idempotent_per_agent_and_month(app: CoachingApplication) -> None:
    request = PlanRequest("A1", "monthly_selection", "monthly:2026-11", rule_codes=["R1", "R1"])
    plan = app.open_plan(request, BY)
    assert plan is not None
    assert plan.rule_codes == ["R1"]
    assert plan.follow_up_until == NOW + timedelta(weeks=6)
    assert app.open_plan(request, BY) is None


def test_one_open_plan_per_agent(app: CoachingApplication) -> None:
    first = app.open_plan(PlanRequest("A1", "monthly_selection", "monthly:2026-11"), BY)
    assert first is not None
    assert app.open_plan(PlanRequest("A1", "repeated_failure", "repeat:x"), BY) is None
    with pytest.raises(PlanAlreadyOpenError):
        app.open_plan(PlanRequest("A1", "manual", "manual:1"), BY)
    record = app.agent_record("A1")
    assert record is not None
    assert record.open_plan == first.id
    assert record.handled("repeat:x")


def test_review_closes_and_frees_the_agent(app: CoachingApplication) -> None:
    plan = app.open_plan(PlanRequest("A1", "manual", "manual:1"), BY)
    assert plan is not None
    later = NOW + timedelta(weeks=6)
    reviewed = app.review(plan.id, Counts(10, 5), Counts(10, 1), later)
    assert (reviewed.status, reviewed.outcome, reviewed.escalated) == ("closed", "improved", False)
    assert reviewed.follow_up_plan_id is None
    record = app.agent_record("A1")
    assert record is not None
    assert record.open_plan is None
    assert app.open_plan(PlanRequest("A1", "manual", "manual:2"), BY) is not None


def test_not_improved_review_opens_the_follow_up_plan(app: CoachingApplication) -> None:
    request = PlanRequest("A1", "monthly_selection", "monthly:2026-11", "T01", ["R1", "R2"])
    plan = app.open_plan(request, BY)
    assert plan is not None
    later = NOW + timedelta(weeks=6, days=1)
    reviewed = app.review(plan.id, Counts(10, 5), Counts(10, 6), later)
    assert (reviewed.status, reviewed.outcome, reviewed.escalated) == (
        "closed",
        "not_improved",
        True,
    )
    assert reviewed.follow_up_plan_id is not None
    follow_up = app.plan(reviewed.follow_up_plan_id)
    assert (follow_up.reason, follow_up.status, follow_up.previous_plan_id) == (
        "follow_up",
        "open",
        plan.id,
    )
    assert (follow_up.team_id, follow_up.rule_codes) == ("T01", ["R1", "R2"])
    assert follow_up.follow_up_until == later + timedelta(weeks=6)
    record = app.agent_record("A1")
    assert record is not None
    assert record.open_plan == follow_up.id

    # Reviewing again changes nothing; the follow-up is the agent's one open plan.
    again = app.review(plan.id, Counts(10, 5), Counts(10, 6), later + timedelta(days=1))
    assert again.follow_up_plan_id == follow_up.id
    assert app.agent_record("A1") is not None
    assert app.open_plan(PlanRequest("A1", "repeated_failure", "repeat:x"), BY) is None
    with pytest.raises(PlanAlreadyOpenError) as raised:
        app.open_plan(PlanRequest("A1", "manual", "manual:2"), BY)
    assert raised.value.plan_id == follow_up.id


def test_only_an_ineffective_training_opens_a_plan(app: CoachingApplication) -> None:
    assert app.open_from_verification(verification("A2", "verified")) == []
    envelope = verification("A2")
    changed = app.open_from_verification(envelope)
    app.save(*changed)
    assert app.open_from_verification(envelope) == []
    record = app.agent_record("A2")
    assert record is not None
    assert record.open_plan is not None
    plan = app.plan(record.open_plan)
    assert (plan.reason, plan.rule_codes) == ("ineffective_training", ["R1"])


def test_sessions_are_recorded_until_the_review(app: CoachingApplication) -> None:
    plan = app.open_plan(PlanRequest("A3", "manual", "manual:1"), BY)
    assert plan is not None
    session = Session(NOW + timedelta(days=2), "Q007", ["c1"], ["推诿"], ["首问负责"])
    assert app.record_session(plan.id, session, BY).sessions == [session]
    app.review(plan.id, Counts(10, 5), Counts(10, 1), NOW + timedelta(weeks=6))
    with pytest.raises(PlanClosedError):
        app.record_session(plan.id, session, BY)
    assert app.plan(plan.id).sessions == [session]


def test_an_unknown_plan_is_not_found(app: CoachingApplication) -> None:
    with pytest.raises(UnknownPlanError):
        app.plan(uuid4())
    with pytest.raises(UnknownPlanError):
        app.record_session(uuid4(), Session(NOW, "Q007"), BY)
