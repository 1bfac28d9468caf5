"""A one-to-one coaching plan: opened for an agent, sessions recorded, reviewed (复盘) after
the follow-up, then closed. Not improved escalates: the review opens a follow-up plan for the
same agent and rules, linked to the plan it follows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from contracts.comparison import Counts
from runtime.provenance import AuditedEvent, Provenance
from services.coaching.domain.review import judge

Reason = Literal[
    "monthly_selection", "ineffective_training", "repeated_failure", "manual", "follow_up"
]


class PlanClosedError(ValueError):
    """The plan was reviewed and closed: nothing more can be recorded on it."""


class ReviewNotDueError(ValueError):
    """The follow-up has not ended yet."""


def plan_id_for(agent_id: str, key: str) -> UUID:
    """One plan per agent and trigger (a month, a verification, ...): a repeat is a no-op."""
    return uuid5(NAMESPACE_URL, f"hotline-qa:coaching:plan:{agent_id}:{key}")


def follow_up_key(plan_id: UUID) -> str:
    """The trigger of the follow-up plan a review of `plan_id` opens: one per reviewed plan."""
    return f"follow-up:{plan_id}"


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
        # The plan this one follows up (reason "follow_up"); absent from earlier events.
        previous_plan_id: UUID | None = None

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
        # The follow-up plan opened when not improved; absent from earlier events.
        follow_up_plan_id: UUID | None = None

        def apply(self, aggregate: CoachingPlan) -> None:
            aggregate.outcome = self.outcome
            aggregate.escalated = self.escalated
            aggregate.follow_up_plan_id = self.follow_up_plan_id
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
        previous_plan_id: UUID | None = None,
    ) -> None:
        self.agent_id = agent_id
        self.team_id = team_id
        self.reason = reason
        self.rule_codes = rule_codes
        self.call_ids = call_ids
        self.opened_at = opened_at
        self.follow_up_until = follow_up_until
        self.notes = notes
        self.previous_plan_id = previous_plan_id
        self.sessions: list[Session] = []
        self.outcome: str | None = None
        self.escalated = False
        self.follow_up_plan_id: UUID | None = None
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

    def review(
        self, before: Counts, after: Counts, now: datetime, follow_up: timedelta, by: Provenance
    ) -> CoachingPlan | None:
        """Compare before with after, record the outcome and close the plan.

        Not improved escalates: returns the follow-up plan (reason "follow_up", the same rules,
        `follow_up` long from `now`), to be saved with this one; None when improved. Its id
        comes from this plan's, so a review repeated elsewhere opens the same plan.
        """
        if self.closed_at is not None:
            raise PlanClosedError(f"coaching plan {self.id} is closed")
        if not self.due(now):
            raise ReviewNotDueError(f"follow-up runs until {self.follow_up_until.isoformat()}")
        outcome = judge(before, after)
        escalated = outcome == "not_improved"
        follow_up_id = plan_id_for(self.agent_id, follow_up_key(self.id)) if escalated else None
        self.trigger_event(
            self.Reviewed,
            agent_id=self.agent_id,
            outcome=outcome,
            calls_before=before.calls,
            violating_before=before.violating,
            calls_after=after.calls,
            violating_after=after.violating,
            escalated=escalated,
            reviewed_at=now,
            follow_up_plan_id=follow_up_id,
            **by.event_kwargs(),
        )
        self.trigger_event(self.Closed, closed_at=now, **by.event_kwargs())
        if follow_up_id is None:
            return None
        return CoachingPlan._create(
            CoachingPlan.Opened,
            id=follow_up_id,
            agent_id=self.agent_id,
            team_id=self.team_id,
            reason="follow_up",
            rule_codes=list(self.rule_codes),
            call_ids=[],
            opened_at=now,
            follow_up_until=now + follow_up,
            notes=[f"follow-up of plan {self.id}: {_rates(before, after)}"],
            previous_plan_id=self.id,
            **by.event_kwargs(),
        )


def _rates(before: Counts, after: Counts) -> str:
    def rate(counts: Counts) -> str:
        return "n/a" if counts.rate is None else f"{counts.rate:.2f}"

    return (
        f"not improved (rate {rate(before)} on {before.calls} calls before, "
        f"{rate(after)} on {after.calls} after)"
    )
