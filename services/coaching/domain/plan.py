"""A one-to-one coaching plan: opened for an agent, sessions recorded, reviewed (复盘) after
the follow-up, then closed. Not improved escalates: the review opens a follow-up plan for the
same agent and rules, linked to the plan it follows.

The aggregate and its nested events stay in this module: stored events name them by topic
(`services.coaching.domain.plan:CoachingPlan.Opened`, ...)."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts.comparison import Counts
from runtime.provenance import AuditedEvent, Provenance
from services.coaching.domain.opening import PlanRequest, follow_up_key
from services.coaching.domain.review import judge, not_improved_note
from services.coaching.domain.session import Session


class PlanClosedError(ValueError):
    """The plan was reviewed and closed: nothing more can be recorded on it."""


class ReviewNotDueError(ValueError):
    """The follow-up has not ended yet."""


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

    @classmethod
    def open(
        cls, request: PlanRequest, now: datetime, follow_up: timedelta, by: Provenance
    ) -> CoachingPlan:
        """A plan for `request`, followed up for `follow_up` from `now`."""
        return cls._create(
            cls.Opened,
            id=request.plan_id,
            agent_id=request.agent_id,
            team_id=request.team_id,
            reason=request.reason,
            rule_codes=sorted(set(request.rule_codes)),
            call_ids=list(dict.fromkeys(request.call_ids)),
            opened_at=now,
            follow_up_until=now + follow_up,
            notes=list(request.notes),
            previous_plan_id=request.previous_plan_id,
            **by.event_kwargs(),
        )

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
        next_plan = self._follow_up(before, after) if outcome == "not_improved" else None
        self.trigger_event(
            self.Reviewed,
            agent_id=self.agent_id,
            outcome=outcome,
            calls_before=before.calls,
            violating_before=before.violating,
            calls_after=after.calls,
            violating_after=after.violating,
            escalated=next_plan is not None,
            reviewed_at=now,
            follow_up_plan_id=next_plan.plan_id if next_plan else None,
            **by.event_kwargs(),
        )
        self.trigger_event(self.Closed, closed_at=now, **by.event_kwargs())
        return CoachingPlan.open(next_plan, now, follow_up, by) if next_plan else None

    def _follow_up(self, before: Counts, after: Counts) -> PlanRequest:
        return PlanRequest(
            agent_id=self.agent_id,
            reason="follow_up",
            key=follow_up_key(self.id),
            team_id=self.team_id,
            rule_codes=list(self.rule_codes),
            notes=[f"follow-up of plan {self.id}: {not_improved_note(before, after)}"],
            previous_plan_id=self.id,
        )
