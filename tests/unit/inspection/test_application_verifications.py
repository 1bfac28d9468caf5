"""Verifying training, on in-memory persistence and on PostgreSQL: a request is queued once; the
job completes it, once, with the counts it read before and after training."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import pytest

from contracts.comparison import Counts
from contracts.training import VerificationRequested
from runtime.clock import ManualClock
from services.inspection.application import InspectionApplication, VerificationNotFoundError
from services.inspection.domain.verification import Verification
from tests.conftest import OpenApplication
from tests.unit.inspection.builders import envelope

TRAINED_AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
WINDOW = timedelta(days=14)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(TRAINED_AT + timedelta(days=1))


@pytest.fixture
def app(open_app: OpenApplication, clock: ManualClock) -> InspectionApplication:
    application: InspectionApplication = open_app(InspectionApplication, "inspection")
    application.clock = clock
    return application


def request(app: InspectionApplication, min_calls: int | None = None) -> UUID:
    event = VerificationRequested(
        verification_id=uuid4(),
        programme_id=uuid4(),
        agent_id="A1",
        rule_codes=["SVC-BANNED"],
        trained_at=TRAINED_AT,
        window_days=WINDOW.days,
        min_calls=min_calls,
    )
    delivered = envelope(event, "case-7")
    app.save(*app.request_verification(delivered))
    assert app.request_verification(delivered) == [], "a redelivered request changes nothing"
    return event.verification_id


def test_a_request_is_queued_once(app: InspectionApplication) -> None:
    verification_id = request(app)
    verification = app.verification(verification_id)
    assert (verification.agent_id, verification.case_id) == ("A1", "case-7")
    assert verification.outcome is None
    assert [v.id for v in app.pending_verifications()] == [verification_id]
    with pytest.raises(VerificationNotFoundError):
        app.verification(uuid4())


@pytest.mark.parametrize(
    ("before", "after", "outcome"),
    [
        (Counts(4, 3), Counts(4, 0), "verified"),
        (Counts(4, 2), Counts(4, 3), "ineffective"),
        (Counts(4, 2), Counts(0, 0), "insufficient_data"),
    ],
)
def test_completed_once_the_window_has_passed(
    app: InspectionApplication, clock: ManualClock, before: Counts, after: Counts, outcome: str
) -> None:
    verification_id = request(app)
    assert not app.verification(verification_id).due(clock.now(), after.calls)

    clock.advance(WINDOW)
    assert app.verification(verification_id).due(clock.now(), after.calls)
    completed = app.complete_verification(verification_id, before, after, clock.now())

    assert completed.outcome == outcome
    assert app.pending_verifications() == []
    event = app.latest_event(verification_id)
    assert isinstance(event, Verification.Completed)
    assert (event.window_start, event.window_end) == (TRAINED_AT - WINDOW, TRAINED_AT + WINDOW)
    assert (event.calls_before, event.violating_after) == (before.calls, after.violating)

    again = app.complete_verification(verification_id, after, before, clock.advance(WINDOW))
    assert (again.outcome, again.version) == (outcome, completed.version)


def test_enough_calls_decide_before_the_window_ends(
    app: InspectionApplication, clock: ManualClock
) -> None:
    verification_id = request(app, min_calls=3)
    now = clock.advance(timedelta(days=2))
    assert not app.verification(verification_id).due(now, calls_after=2)
    assert app.verification(verification_id).due(now, calls_after=3)

    app.complete_verification(verification_id, Counts(3, 3), Counts(3, 1), now)

    event = app.latest_event(verification_id)
    assert isinstance(event, Verification.Completed)
    assert (event.outcome, event.window_end) == ("verified", now)
