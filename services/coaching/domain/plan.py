"""A one-to-one coaching plan: opened for an agent, sessions recorded, reviewed (复盘) after
the follow-up, then closed. Not improved escalates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from runtime.provenance import AuditedEvent, Provenance
from services.coaching.domain.review import Counts, judge

Reason = Literal["monthly_selection", "ineffective_training", "repeated_failure", "manual"]


class PlanClosedError(ValueError):
    """The plan was reviewed and closed: nothing more can be recorded on it."""


class ReviewNotDueError(ValueError):
    """The follow-up has not ended yet."""


def plan_id_for(agent_id: str, key: str) -> UUID:
    """One plan per agent and trigger (a month, a verification, ...): a repeat is a no-op."""
    return uuid5(NAMESPACE_URL, f"hotline-qa:coaching:plan:{agent_id}:{key}")


@dataclass(frozen=True)
class Session:
    held_at: datetime
    coach_id: str
    calls_reviewed: list[str] = field(default_factory=list)
    deviations: list[str] = field(default_factory=list)
    agreed_actions: list[str] = field(default_factory=list)


class CoachingPlan(Aggregate):
    class Opened(Aggregate.Created, AuditedEvent):
        agent_id: str
        team_id: str | None
        reason: str
        rule_codes: list[str]
        call_ids: list[str]
        opened_at: datetime
        follow_up_until: datetime
        notes: list[str]

    # Sessions and reviews carry the agent: the relay maps one event at a time.
    class SessionRecorded(AuditedEvent):
        agent_id: str
        held_at: datetime
        coach_id: str
        calls_reviewed: list[str]
        deviations: list[str]
        agreed_actions: list[str]

        def apply(self, aggregate: CoachingPlan) -> None:
            aggregate.sessions.append(
                Session(
                    self.held_at,
                    self.coach_id,
                    self.calls_reviewed,
                    self.deviations,
                    self.agreed_actions,
                )
            )

    class Reviewed(AuditedEvent):
        agent_id: str
        outcome: str
        calls_before: int
        violating_before: int
        calls_after: int
        violating_after: int
        escalated: bool
        reviewed_at: datetime

        def apply(self, aggregate: CoachingPlan) -> None:
            aggregate.outcome = self.outcome
            aggregate.escalated = self.escalated
            aggregate.before = Counts(self.calls_before, self.violating_before)
            aggregate.after = Counts(self.calls_after, self.violating_after)

    class Closed(AuditedEvent):
        closed_at: datetime

        def apply(self, aggregate: CoachingPlan) -> None:
            aggregate.closed_at = self.closed_at

    def __init__(
        self,
        agent_id: str,
        team_id: str | None,
        reason: str,
        rule_codes: list[str],
        call_ids: list[str],
        opened_at: datetime,
        follow_up_until: datetime,
        notes: list[str],
    ) -> None:
        self.agent_id = agent_id
        self.team_id = team_id
        self.reason = reason
        self.rule_codes = rule_codes
        self.call_ids = call_ids
        self.opened_at = opened_at
        self.follow_up_until = follow_up_until
        self.notes = notes
        self.sessions: list[Session] = []
        self.outcome: str | None = None
        self.escalated = False
        self.before: Counts | None = None
        self.after: Counts | None = None
        self.closed_at: datetime | None = None

    @property
    def status(self) -> str:
        return "open" if self.closed_at is None else "closed"

    def due(self, now: datetime) -> bool:
        return self.closed_at is None and now >= self.follow_up_until

    def record_session(self, session: Session, by: Provenance) -> None:
        if self.closed_at is not None:
            raise PlanClosedError(f"coaching plan {self.id} is closed")
        self.trigger_event(
            self.SessionRecorded,
            agent_id=self.agent_id,
            held_at=session.held_at,
            coach_id=session.coach_id,
            calls_reviewed=list(session.calls_reviewed),
            deviations=list(session.deviations),
            agreed_actions=list(session.agreed_actions),
            **by.event_kwargs(),
        )

    def review(self, before: Counts, after: Counts, now: datetime, by: Provenance) -> None:
        """Compare before with after, record the outcome and close the plan."""
        if self.closed_at is not None:
            raise PlanClosedError(f"coaching plan {self.id} is closed")
        if not self.due(now):
            raise ReviewNotDueError(f"follow-up runs until {self.follow_up_until.isoformat()}")
        outcome = judge(before, after)
        self.trigger_event(
            self.Reviewed,
            agent_id=self.agent_id,
            outcome=outcome,
            calls_before=before.calls,
            violating_before=before.violating,
            calls_after=after.calls,
            violating_after=after.violating,
            escalated=outcome == "not_improved",
            reviewed_at=now,
            **by.event_kwargs(),
        )
        self.trigger_event(self.Closed, closed_at=now, **by.event_kwargs())
