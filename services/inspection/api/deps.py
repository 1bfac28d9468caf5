"""Dependencies of the inspection API, as `Annotated` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from runtime.clock import Clock
from runtime.http import ActorDep, from_state
from runtime.relay import OutboxRelay
from services.inspection.application import InspectionApplication
from services.inspection.readmodel.queries import InspectionQueries
from services.inspection.verification_job import VerificationJob

ApplicationDep = Annotated[InspectionApplication, Depends(from_state("application"))]
QueriesDep = Annotated[InspectionQueries, Depends(from_state("queries"))]
RelayDep = Annotated[OutboxRelay, Depends(from_state("relay"))]
ClockDep = Annotated[Clock, Depends(from_state("clock"))]
VerificationJobDep = Annotated[VerificationJob, Depends(from_state("verification_job"))]

__all__ = ["ActorDep", "ApplicationDep", "ClockDep", "QueriesDep", "RelayDep", "VerificationJobDep"]
