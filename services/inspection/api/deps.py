"""Dependencies of the inspection API, as `Annotated` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from runtime.http import ActorDep, from_state
from runtime.relay import OutboxRelay
from services.inspection.application import InspectionApplication
from services.inspection.readmodel.queries import InspectionQueries

ApplicationDep = Annotated[InspectionApplication, Depends(from_state("application"))]
QueriesDep = Annotated[InspectionQueries, Depends(from_state("queries"))]
RelayDep = Annotated[OutboxRelay, Depends(from_state("relay"))]

__all__ = ["ActorDep", "ApplicationDep", "QueriesDep", "RelayDep"]
