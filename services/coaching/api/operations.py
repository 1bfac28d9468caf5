"""Run the coaching jobs now; an agent's monthly performance."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from contracts.api.coaching import MONTH_PATTERN, JobsRunOut, PerformanceOut
from services.coaching.api.deps import ApplicationDep, ClockDep, FiguresDep, JobsDep
from services.coaching.api.views import jobs_run_out, performance_out
from services.coaching.domain.months import month_span
from services.coaching.domain.selection import AgentMonth, shortfalls

router = APIRouter(prefix="/v1/coaching", tags=["coaching"])

Month = Annotated[str, Query(pattern=MONTH_PATTERN, examples=["2026-11"])]


@router.post("/jobs:run")
async def run_jobs(jobs: JobsDep, clock: ClockDep) -> JobsRunOut:
    """Monthly selection, repeated-failure check and due reviews, at the service clock's time
    (they also run on a schedule); for operators and tests."""
    now = clock.now()
    return jobs_run_out(now, await jobs(now))


@router.get("/agents/{agent_id}/performance")
async def agent_performance(
    agent_id: str, month: Month, figures: FiguresDep, application: ApplicationDep
) -> PerformanceOut:
    """The agent's figures for a month (local time) and the selection criteria it misses."""
    start, end = month_span(month, application.config.zone)
    found = await figures.month(start, end, agent_id)
    agent = found[0] if found else AgentMonth(agent_id=agent_id, team_id=None, calls=0)
    return performance_out(agent, month, shortfalls(agent, application.config.criteria))
