"""Which of the coaching domain events the other services hear of, and in what form."""

from __future__ import annotations

from typing import cast
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol

from contracts.api.coaching import Reason
from contracts.coaching import CoachingPlanOpened, CoachingReviewed, CoachingSessionRecorded
from contracts.comparison import Counts
from contracts.events import IntegrationEvent
from services.coaching.domain.plan import CoachingPlan


def to_contract(event: DomainEventProtocol[UUID]) -> IntegrationEvent | None:
    if isinstance(event, CoachingPlan.Opened):
        return CoachingPlanOpened(
            plan_id=event.originator_id,
            agent_id=event.agent_id,
            team_id=event.team_id,
            reason=cast(Reason, event.reason),
            rule_codes=event.rule_codes,
            call_ids=event.call_ids,
            follow_up_until=event.follow_up_until,
            previous_plan_id=event.previous_plan_id,
        )
    if isinstance(event, CoachingPlan.SessionRecorded):
        return CoachingSessionRecorded(
            plan_id=event.originator_id,
            agent_id=event.agent_id,
            coach_id=event.coach_id,
            held_at=event.held_at,
            calls_reviewed=event.calls_reviewed,
            deviations=event.deviations,
            agreed_actions=event.agreed_actions,
        )
    if isinstance(event, CoachingPlan.Reviewed):
        return CoachingReviewed(
            plan_id=event.originator_id,
            agent_id=event.agent_id,
            outcome="improved" if event.outcome == "improved" else "not_improved",
            rate_before=Counts(event.calls_before, event.violating_before).rate,
            rate_after=Counts(event.calls_after, event.violating_after).rate,
            escalated=event.escalated,
            follow_up_plan_id=event.follow_up_plan_id,
        )
    return None
