"""The coaching service's clock-driven jobs: monthly selection, repeated failures, reviews.

Each decides from the time it is given and is idempotent: selection opens at most one plan per
agent and month, a repeated failure counts only calls no plan has addressed yet, and a review
happens once per plan (a review that finds no improvement opens the plan's one follow-up plan,
reported among the plans opened).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from runtime.provenance import Provenance
from services.coaching.application import CoachingApplication
from services.coaching.domain.months import previous_month
from services.coaching.domain.opening import PlanRequest
from services.coaching.domain.plan import CoachingPlan
from services.coaching.domain.selection import repeated_failures, select
from services.coaching.readmodel.figures import Figures
from services.coaching.readmodel.queries import PlanQueries


@dataclass
class JobReport:
    opened: list[UUID] = field(default_factory=list)
    reviewed: list[UUID] = field(default_factory=list)


class CoachingJobs:
    def __init__(self, app: CoachingApplication, figures: Figures, plans: PlanQueries) -> None:
        self.app = app
        self.figures = figures
        self.plans = plans

    async def __call__(self, now: datetime) -> JobReport:
        report = JobReport()
        report.opened += await self.monthly_selection(now)
        report.opened += await self.repeated_failures(now)
        reviewed, follow_ups = await self.reviews(now)
        report.reviewed += reviewed
        report.opened += follow_ups
        return report

    async def monthly_selection(self, now: datetime) -> list[UUID]:
        start, end, label = previous_month(now, self.app.config.zone)
        figures = await self.figures.month(start, end)
        requests = [
            PlanRequest(
                agent_id=chosen.figures.agent_id,
                team_id=chosen.figures.team_id,
                reason="monthly_selection",
                key=f"monthly:{label}",
                rule_codes=chosen.figures.rule_codes,
                call_ids=chosen.figures.failed_calls,
                notes=[f"{label}: {note}" for note in chosen.reasons],
            )
            for chosen in select(figures, self.app.config.criteria)
        ]
        return await self._open(requests, f"monthly:{label}")

    async def repeated_failures(self, now: datetime) -> list[UUID]:
        config = self.app.config
        violations = await self.figures.violations(now - config.repeat_window, now)
        found = repeated_failures(violations, now, config.repeat_count, config.repeat_window)
        records = [await asyncio.to_thread(self.app.agent_record, f.agent_id) for f in found]
        seen = {r.agent_id: r.seen_until for r in records if r is not None and r.seen_until}
        found = repeated_failures(violations, now, config.repeat_count, config.repeat_window, seen)
        requests = [
            PlanRequest(
                agent_id=failure.agent_id,
                reason="repeated_failure",
                key=f"repeat:{failure.last_call_at.isoformat()}",
                rule_codes=failure.rule_codes,
                call_ids=failure.call_ids,
                notes=[f"{len(failure.call_ids)} calls violating {', '.join(failure.rule_codes)}"],
                seen_until=failure.last_call_at,
            )
            for failure in found
        ]
        return await self._open(requests, "repeated-failure")

    async def reviews(self, now: datetime) -> tuple[list[UUID], list[UUID]]:
        """The plans reviewed now, and the follow-up plans those reviews opened."""
        reviewed, follow_ups = [], []
        for plan_id in await self.plans.due(now):
            plan = await asyncio.to_thread(self.app.find, plan_id, CoachingPlan)
            if plan is None or not plan.due(now):
                continue
            length = plan.follow_up_until - plan.opened_at
            codes = plan.rule_codes
            before = await self.figures.counts(
                plan.agent_id, codes, plan.opened_at - length, plan.opened_at
            )
            after = await self.figures.counts(
                plan.agent_id, codes, plan.opened_at, plan.follow_up_until
            )
            done = await asyncio.to_thread(self.app.review, plan_id, before, after, now)
            reviewed.append(plan_id)
            if done.follow_up_plan_id is not None:
                follow_ups.append(done.follow_up_plan_id)
        return reviewed, follow_ups

    async def _open(self, requests: list[PlanRequest], correlation: str) -> list[UUID]:
        by = Provenance.system(correlation)
        opened = []
        for request in requests:
            plan = await asyncio.to_thread(self.app.open_plan, request, by)
            if plan is not None:
                opened.append(plan.id)
        return opened
