"""Dependencies of the training API, as `Annotated` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from runtime.http import ActorDep, from_state
from runtime.relay import OutboxRelay
from services.training.application import TrainingApplication
from services.training.readmodel.queries import TrainingQueries

ApplicationDep = Annotated[TrainingApplication, Depends(from_state("application"))]
QueriesDep = Annotated[TrainingQueries, Depends(from_state("queries"))]
RelayDep = Annotated[OutboxRelay, Depends(from_state("relay"))]

__all__ = ["ActorDep", "ApplicationDep", "QueriesDep", "RelayDep"]
