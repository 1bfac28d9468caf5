"""Coaching plans, pages of plans, job runs and agents' figures as the API shows them."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

import asyncpg
import orjson

from contracts.api.coaching import (
    JobsRunOut,
    PerformanceOut,
    PlanOut,
    PlanPageOut,
    PlanSummaryOut,
    ReviewOut,
    SessionOut,
)
from runtime.mapping import carry
from services.coaching.domain.plan import CoachingPlan
from services.coaching.domain.selection import AgentMonth
from services.coaching.jobs import JobReport
from services.coaching.readmodel.queries import PlanPage


def review_out(plan: CoachingPlan) -> ReviewOut | None:
    if plan.outcome is None or plan.before is None or plan.after is None:
        return None
    return ReviewOut.model_validate(
        {
            "outcome": plan.outcome,
            "escalated": plan.escalated,
            "follow_up_plan_id": plan.follow_up_plan_id,
            "calls_before": plan.before.calls,
            "rate_before": plan.before.rate,
            "calls_after": plan.after.calls,
            "rate_after": plan.after.rate,
        }
    )


def plan_out(plan: CoachingPlan) -> PlanOut:
    return carry(
        PlanOut,
        plan,
        plan_id=plan.id,
        status=plan.status,
        sessions=[SessionOut.model_validate(asdict(s)) for s in plan.sessions],
        review=review_out(plan),
    )


def summary_out(row: asyncpg.Record) -> PlanSummaryOut:
    return PlanSummaryOut.model_validate(dict(row) | {"sessions": orjson.loads(row["sessions"])})


def page_out(page: PlanPage) -> PlanPageOut:
    return PlanPageOut(items=[summary_out(r) for r in page.rows], next_cursor=page.next_cursor)


def jobs_run_out(ran_at: datetime, report: JobReport) -> JobsRunOut:
    return JobsRunOut(ran_at=ran_at, opened=report.opened, reviewed=report.reviewed)


def performance_out(agent: AgentMonth, month: str, shortfalls: list[str]) -> PerformanceOut:
    return PerformanceOut.model_validate(asdict(agent) | {"month": month, "shortfalls": shortfalls})
