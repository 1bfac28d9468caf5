"""Dependencies of the inspection API, as `Annotated` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from runtime.http import ActorDep, ClockDep, component
from services.inspection.application import InspectionApplication
from services.inspection.jobs import VerificationJob
from services.inspection.readmodel.queries import InspectionQueries

ApplicationDep = Annotated[InspectionApplication, Depends(component(InspectionApplication))]
QueriesDep = Annotated[InspectionQueries, Depends(component(InspectionQueries))]
VerificationJobDep = Annotated[VerificationJob, Depends(component(VerificationJob))]

__all__ = ["ActorDep", "ApplicationDep", "ClockDep", "QueriesDep", "VerificationJobDep"]
