"""Coaching commands: open a plan (one open plan per agent), record sessions, review (and open
the follow-up plan when the agent did not improve)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts.comparison import Counts
from contracts.envelope import Envelope
from contracts.inspection import VerificationCompleted
from runtime.eventstore import ServiceApplication, retry_on_conflict
from runtime.provenance import Provenance
from services.coaching.config import CoachingConfig
from services.coaching.domain.agent import AgentCoaching, agent_record_id
from services.coaching.domain.opening import PlanRequest, follow_up_key
from services.coaching.domain.plan import CoachingPlan
from services.coaching.domain.session import Session


class UnknownPlanError(LookupError):
    code = "not_found"


class PlanAlreadyOpenError(RuntimeError):
    """A plan opened by hand while the agent has one open (triggers are noted instead)."""

    code = "conflict"

    def __init__(self, agent_id: str, plan_id: UUID) -> None:
        super().__init__(f"agent {agent_id} already has open coaching plan {plan_id}")
        self.plan_id = plan_id
        self.details = {"open_plan_id": str(plan_id)}


class CoachingApplication(ServiceApplication):
    name = "Coaching"

    def __init__(self, env: dict[str, str] | None = None) -> None:
        super().__init__(env)
        self.config = CoachingConfig.from_env(self.env)

    @retry_on_conflict
    def open_plan(self, request: PlanRequest, by: Provenance) -> CoachingPlan | None:
        """Open and save a plan; None when the trigger was handled or a plan is open
        (`PlanAlreadyOpenError` instead for a manual plan)."""
        changed = self.plan_changes(request, by)
        if changed:
            self.save(*changed)
        return next((a for a in changed if isinstance(a, CoachingPlan)), None)

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
        plan = CoachingPlan.open(request, self.clock.now(), self.config.follow_up, by)
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
        plan.record_session(session, by)
        self.save(plan)
        return plan

    @retry_on_conflict
    def review(self, plan_id: UUID, before: Counts, after: Counts, now: datetime) -> CoachingPlan:
        """Review and close the plan; not improved also opens the follow-up plan, in the same
        save as the closing (so the agent keeps one open plan). A no-op once closed."""
        plan = self.plan(plan_id)
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

    def plan(self, plan_id: UUID) -> CoachingPlan:
        plan = self.find(plan_id, CoachingPlan)
        if plan is None:
            raise UnknownPlanError(f"no coaching plan {plan_id}")
        return plan

    def agent_record(self, agent_id: str) -> AgentCoaching | None:
        return self.find(agent_record_id(agent_id), AgentCoaching)
