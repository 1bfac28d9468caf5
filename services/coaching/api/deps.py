"""Dependencies of the coaching API, as `Annotated` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from runtime.clock import Clock
from runtime.http import ActorDep, from_state
from runtime.relay import OutboxRelay
from services.coaching.application import CoachingApplication
from services.coaching.jobs import CoachingJobs
from services.coaching.readmodel.figures import Figures
from services.coaching.readmodel.queries import PlanQueries

ApplicationDep = Annotated[CoachingApplication, Depends(from_state("application"))]
QueriesDep = Annotated[PlanQueries, Depends(from_state("queries"))]
FiguresDep = Annotated[Figures, Depends(from_state("figures"))]
RelayDep = Annotated[OutboxRelay, Depends(from_state("relay"))]
JobsDep = Annotated[CoachingJobs, Depends(from_state("jobs"))]
ClockDep = Annotated[Clock, Depends(from_state("clock"))]

__all__ = [
    "ActorDep",
    "ApplicationDep",
    "ClockDep",
    "FiguresDep",
    "JobsDep",
    "QueriesDep",
    "RelayDep",
]
