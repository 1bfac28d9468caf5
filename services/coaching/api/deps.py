"""Dependencies of the coaching API, as `Annotated` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from runtime.http import ActorDep, ClockDep, component
from services.coaching.application import CoachingApplication
from services.coaching.jobs import CoachingJobs
from services.coaching.readmodel.figures import Figures
from services.coaching.readmodel.queries import PlanQueries

ApplicationDep = Annotated[CoachingApplication, Depends(component(CoachingApplication))]
QueriesDep = Annotated[PlanQueries, Depends(component(PlanQueries))]
FiguresDep = Annotated[Figures, Depends(component(Figures))]
JobsDep = Annotated[CoachingJobs, Depends(component(CoachingJobs))]

__all__ = ["ActorDep", "ApplicationDep", "ClockDep", "FiguresDep", "JobsDep", "QueriesDep"]
