"""Run the coaching jobs now; an agent's monthly performance."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query

from services.coaching.api.deps import ApplicationDep, ClockDep, FiguresDep, JobsDep
from services.coaching.domain.selection import AgentMonth, shortfalls
from services.coaching.jobs import previous_month

router = APIRouter(prefix="/v1/coaching", tags=["coaching"])

Month = Annotated[str, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", examples=["2026-11"])]


@router.post("/jobs:run")
async def run_jobs(jobs: JobsDep, clock: ClockDep) -> dict[str, Any]:
    """Monthly selection, repeated-failure check and due reviews, at the service clock's time
    (they also run on a schedule); for operators and tests."""
    now = clock.now()
    report = await jobs(now)
    return {
        "ran_at": now.isoformat(),
        "opened": [str(p) for p in report.opened],
        "reviewed": [str(p) for p in report.reviewed],
    }


@router.get("/agents/{agent_id}/performance")
async def agent_performance(
    agent_id: str, month: Month, figures: FiguresDep, application: ApplicationDep
) -> dict[str, Any]:
    """The agent's figures for a month (local time) and the selection criteria it misses."""
    zone = application.config.zone
    first = datetime.strptime(month, "%Y-%m").replace(tzinfo=zone)
    start, end, _ = previous_month(first + timedelta(days=32), zone)
    found = await figures.month(start, end, agent_id)
    agent = found[0] if found else AgentMonth(agent_id=agent_id, team_id=None, calls=0)
    return asdict(agent) | {
        "month": month,
        "shortfalls": shortfalls(agent, application.config.criteria),
    }
