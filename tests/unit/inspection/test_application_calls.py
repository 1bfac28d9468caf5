"""Receiving calls, on in-memory persistence and on PostgreSQL: each call is inspected once with
the rule set in force; the same call again is a duplicate, another body under its id a conflict."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from runtime.clock import ManualClock
from services.inspection.application import (
    CallConflictError,
    CallNotFoundError,
    InspectionApplication,
    NoActiveRuleSetError,
)
from tests.conftest import OpenApplication
from tests.unit.inspection.builders import BANNED, PLATFORM, call_of, published

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


@pytest.fixture
def app(open_app: OpenApplication) -> InspectionApplication:
    application: InspectionApplication = open_app(InspectionApplication, "inspection")
    application.clock = ManualClock(NOW)
    return application


@pytest.fixture
def in_force(app: InspectionApplication) -> InspectionApplication:
    app.save(*app.activate(published(1)))
    return app


def test_no_call_is_received_until_a_rule_set_is_in_force(app: InspectionApplication) -> None:
    assert app.unready_reason() == "no rule set is in force yet"
    with pytest.raises(NoActiveRuleSetError):
        app.receive_calls([call_of("C-1")], PLATFORM)
    with pytest.raises(CallNotFoundError):
        app.call("C-1")

    app.save(*app.activate(published(1)))

    assert app.unready_reason() is None
    assert [r.status for r in app.receive_calls([call_of("C-1")], PLATFORM)] == ["accepted"]


def test_a_new_call_is_inspected_and_stored(in_force: InspectionApplication) -> None:
    (receipt,) = in_force.receive_calls([call_of("C-1", f"这个我{BANNED}")], PLATFORM)
    assert receipt.status == "accepted"
    result = receipt.result
    assert result is not None
    assert [f.rule_code for f in result.findings] == ["SVC-BANNED"]
    assert result.findings[0].evidence[0].matched_text == BANNED
    assert (result.ruleset_version, result.score, result.inspected_at) == (1, 90.0, NOW)
    assert in_force.call("C-1").result == result.model_dump(mode="json")


def test_repeats_within_one_batch(in_force: InspectionApplication) -> None:
    first, other = call_of("C-1"), call_of("C-1", agent_id="A2")
    receipts = in_force.receive_calls([first, first, other], PLATFORM)
    assert [r.status for r in receipts] == ["accepted", "duplicate", "conflict"]
    assert receipts[1].result == receipts[0].result
    assert receipts[2].result is None
    assert in_force.call("C-1").call["agent_id"] == "A1"


def test_repeats_across_batches(in_force: InspectionApplication) -> None:
    first, other = call_of("C-1", BANNED), call_of("C-1", agent_id="A2")
    (accepted,) = in_force.receive_calls([first], PLATFORM)
    receipts = in_force.receive_calls([first, other, call_of("C-2")], PLATFORM)
    assert [r.status for r in receipts] == ["duplicate", "conflict", "accepted"]
    assert receipts[0].result == accepted.result

    assert in_force.receive_call(first, PLATFORM).status == "duplicate"
    with pytest.raises(CallConflictError):
        in_force.receive_call(other, PLATFORM)


def test_a_newer_rule_set_replaces_an_older_one_never_the_reverse(
    in_force: InspectionApplication,
) -> None:
    in_force.save(*in_force.activate(published(3, deduction=30)))
    in_force.save(*in_force.activate(published(2, deduction=20)))
    (receipt,) = in_force.receive_calls([call_of("C-1", BANNED)], PLATFORM)
    assert receipt.result is not None
    assert (receipt.result.ruleset_version, receipt.result.score) == (3, 70.0)
