"""Coaching commands: open a plan (one open plan per agent), record sessions, review (and open
the follow-up plan when the agent did not improve)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import cast
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError

from contracts.comparison import Counts
from contracts.envelope import Envelope
from contracts.inspection import VerificationCompleted
from runtime.eventstore import ServiceApplication
from runtime.provenance import Provenance
from services.coaching.config import CoachingConfig
from services.coaching.domain.agent import AgentCoaching, agent_record_id
from services.coaching.domain.plan import (
    CoachingPlan,
    Reason,
    Session,
    follow_up_key,
    plan_id_for,
)


class PlanAlreadyOpenError(RuntimeError):
    def __init__(self, agent_id: str, plan_id: UUID) -> None:
        super().__init__(f"agent {agent_id} already has open coaching plan {plan_id}")
        self.plan_id = plan_id


@dataclass(frozen=True)
class PlanRequest:
    """What opens a plan; `key` names the trigger (a month, a verification, ...)."""

    agent_id: str
    reason: Reason
    key: str
    team_id: str | None = None
    rule_codes: list[str] = field(default_factory=list)
    call_ids: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seen_until: datetime | None = None


class CoachingApplication(ServiceApplication):
    name = "Coaching"

    def __init__(self, env: dict[str, str] | None = None) -> None:
        super().__init__(env)
        self.config = CoachingConfig.from_env(self.env)

    def open_plan(self, request: PlanRequest, by: Provenance) -> CoachingPlan | None:
        """Open and save a plan; None when the trigger was handled or a plan is open
        (`PlanAlreadyOpenError` instead for a manual plan). Retried once on a race."""
        changed = self.plan_changes(request, by)
        if not changed:
            return None
        try:
            self.save(*changed)
        except IntegrityError:
            changed = self.plan_changes(request, by)
            self.save(*changed)
        plans = [a for a in changed if isinstance(a, CoachingPlan)]
        return plans[0] if plans else None

    def plan_changes(self, request: PlanRequest, by: Provenance) -> list[Aggregate]:
        """The aggregates to save for `request` (none when nothing is to be done)."""
        record = self.agent_record(request.agent_id) or AgentCoaching.start(request.agent_id, by)
        if record.handled(request.key):
            return []
        if record.open_plan is not None:
            if request.reason == "manual":
                raise PlanAlreadyOpenError(request.agent_id, record.open_plan)
            record.skip(request.key, request.seen_until, by)
            return [record]
        now = self.clock.now()
        plan = CoachingPlan._create(
            CoachingPlan.Opened,
            id=plan_id_for(request.agent_id, request.key),
            agent_id=request.agent_id,
            team_id=request.team_id,
            reason=request.reason,
            rule_codes=sorted(set(request.rule_codes)),
            call_ids=list(dict.fromkeys(request.call_ids)),
            opened_at=now,
            follow_up_until=now + self.config.follow_up,
            notes=request.notes,
            **by.event_kwargs(),
        )
        record.plan_opened(plan.id, request.key, request.seen_until, by)
        return [plan, record]

    def open_from_verification(self, envelope: Envelope) -> list[Aggregate]:
        """Policy for VerificationCompleted: an ineffective training opens a plan."""
        verified = VerificationCompleted.model_validate(envelope.payload)
        if verified.outcome != "ineffective":
            return []
        request = PlanRequest(
            agent_id=verified.agent_id,
            reason="ineffective_training",
            key=f"verification:{verified.verification_id}",
            rule_codes=verified.rule_codes,
            notes=[f"training {verified.programme_id} ineffective"],
        )
        by = Provenance(envelope.actor, envelope.correlation_id, str(envelope.event_id))
        return self.plan_changes(request, by)

    def record_session(self, plan_id: UUID, session: Session, by: Provenance) -> CoachingPlan:
        plan = self.plan(plan_id)
        if plan is None:
            raise KeyError(plan_id)
        plan.record_session(session, by)
        self.save(plan)
        return plan

    def review(self, plan_id: UUID, before: Counts, after: Counts, now: datetime) -> CoachingPlan:
        """Review and close the plan; not improved also opens the follow-up plan, in the same
        save as the closing (so the agent keeps one open plan). A no-op once closed; retried
        once on a race."""
        try:
            return self._review(plan_id, before, after, now)
        except IntegrityError:
            return self._review(plan_id, before, after, now)

    def _review(self, plan_id: UUID, before: Counts, after: Counts, now: datetime) -> CoachingPlan:
        plan = cast(CoachingPlan, self.repository.get(plan_id))
        if plan.closed_at is not None:
            return plan
        by = Provenance.system(str(plan.id))
        follow_up = plan.review(before, after, now, self.config.follow_up, by)
        record = self.agent_record(plan.agent_id) or AgentCoaching.start(plan.agent_id, by)
        record.plan_closed(plan.id, by)
        changed: list[Aggregate] = [plan, record]
        if follow_up is not None:
            record.plan_opened(follow_up.id, follow_up_key(plan.id), None, by)
            changed.append(follow_up)
        self.save(*changed)
        return plan

    def plan(self, plan_id: UUID) -> CoachingPlan | None:
        return self.find(plan_id, CoachingPlan)

    def agent_record(self, agent_id: str) -> AgentCoaching | None:
        return self.find(agent_record_id(agent_id), AgentCoaching)
