"""Which of the coaching domain events the other services hear of, and in what form."""

from __future__ import annotations

from contracts.coaching import CoachingPlanOpened, CoachingReviewed, CoachingSessionRecorded
from contracts.comparison import Counts
from runtime.mapping import ContractMapping, carry
from services.coaching.domain.plan import CoachingPlan


def _reviewed(event: CoachingPlan.Reviewed) -> CoachingReviewed:
    return carry(
        CoachingReviewed,
        event,
        plan_id=event.originator_id,
        outcome="improved" if event.outcome == "improved" else "not_improved",
        rate_before=Counts(event.calls_before, event.violating_before).rate,
        rate_after=Counts(event.calls_after, event.violating_after).rate,
    )


to_contract = ContractMapping(
    {
        CoachingPlan.Opened: lambda e: carry(CoachingPlanOpened, e, plan_id=e.originator_id),
        CoachingPlan.SessionRecorded: lambda e: carry(
            CoachingSessionRecorded, e, plan_id=e.originator_id
        ),
        CoachingPlan.Reviewed: _reviewed,
    }
)
