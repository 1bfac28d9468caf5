"""Verifying a training: the agent's violation rate of the targeted rules on calls after
training, against the same length of time before it.

Verified when calls followed training and the rate fell (or no violation is left);
ineffective when it did not fall; insufficient data when no call followed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from contracts.comparison import Change, Counts, compare
from contracts.training import VerificationRequested
from runtime.provenance import AuditedEvent, Provenance

Outcome = Literal["verified", "ineffective", "insufficient_data"]
QUEUE_ID = uuid5(NAMESPACE_URL, "hotline-qa:inspection:verification-queue")


_OUTCOMES: dict[Change, Outcome] = {
    "improved": "verified",
    "not_improved": "ineffective",
    "no_calls_after": "insufficient_data",
}


def judge(before: Counts, after: Counts) -> Outcome:
    return _OUTCOMES[compare(before, after)]


class Verification(Aggregate):
    class Requested(Aggregate.Created, AuditedEvent):
        case_id: str
        programme_id: str
        agent_id: str
        rule_codes: list[str]
        trained_at: datetime
        window_days: int
        min_calls: int | None

    class Completed(AuditedEvent):
        programme_id: str
        agent_id: str
        rule_codes: list[str]
        outcome: Outcome
        calls_before: int
        violating_before: int
        calls_after: int
        violating_after: int
        window_start: datetime
        window_end: datetime

        def apply(self, aggregate: Verification) -> None:
            aggregate.outcome = self.outcome

    def __init__(
        self,
        case_id: str,
        programme_id: str,
        agent_id: str,
        rule_codes: list[str],
        trained_at: datetime,
        window_days: int,
        min_calls: int | None,
    ) -> None:
        self.case_id = case_id
        """The correlation id of the request (the loop's case), carried by the outcome."""
        self.programme_id = programme_id
        self.agent_id = agent_id
        self.rule_codes = rule_codes
        self.trained_at = trained_at
        self.window_days = window_days
        self.min_calls = min_calls
        self.outcome: Outcome | None = None

    @classmethod
    def request(cls, request: VerificationRequested, case_id: str, by: Provenance) -> Verification:
        return cls._create(
            cls.Requested,
            id=request.verification_id,
            case_id=case_id,
            programme_id=str(request.programme_id),
            agent_id=request.agent_id,
            rule_codes=request.rule_codes,
            trained_at=request.trained_at,
            window_days=request.window_days,
            min_calls=request.min_calls,
            **by.event_kwargs(),
        )

    @property
    def window(self) -> timedelta:
        return timedelta(days=self.window_days)

    def after_window_end(self, now: datetime) -> datetime:
        return min(now, self.trained_at + self.window)

    def due(self, now: datetime, calls_after: int) -> bool:
        """The window has passed, or enough calls followed training to decide early."""
        if self.outcome is not None:
            return False
        enough = self.min_calls is not None and calls_after >= self.min_calls
        return enough or now >= self.trained_at + self.window

    def complete(self, before: Counts, after: Counts, now: datetime, by: Provenance) -> None:
        self.trigger_event(
            self.Completed,
            programme_id=self.programme_id,
            agent_id=self.agent_id,
            rule_codes=self.rule_codes,
            outcome=judge(before, after),
            calls_before=before.calls,
            violating_before=before.violating,
            calls_after=after.calls,
            violating_after=after.violating,
            window_start=self.trained_at - self.window,
            window_end=self.after_window_end(now),
            **by.event_kwargs(),
        )


class VerificationQueue(Aggregate):
    """The verifications still waiting for their window, in one place for the periodic job."""

    class Started(Aggregate.Created, AuditedEvent):
        pass

    class Queued(AuditedEvent):
        verification_id: UUID

        def apply(self, aggregate: VerificationQueue) -> None:
            aggregate.pending.append(self.verification_id)

    class Done(AuditedEvent):
        verification_id: UUID

        def apply(self, aggregate: VerificationQueue) -> None:
            aggregate.pending.remove(self.verification_id)

    def __init__(self) -> None:
        self.pending: list[UUID] = []

    @classmethod
    def start(cls, by: Provenance) -> VerificationQueue:
        return cls._create(cls.Started, id=QUEUE_ID, **by.event_kwargs())

    def queue(self, verification_id: UUID, by: Provenance) -> None:
        self.trigger_event(self.Queued, verification_id=verification_id, **by.event_kwargs())

    def done(self, verification_id: UUID, by: Provenance) -> None:
        if verification_id in self.pending:
            self.trigger_event(self.Done, verification_id=verification_id, **by.event_kwargs())
