"""Dependencies of the training API, as `Annotated` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from runtime.http import ActorDep, component
from services.training.application import TrainingApplication
from services.training.readmodel.queries import TrainingQueries

ApplicationDep = Annotated[TrainingApplication, Depends(component(TrainingApplication))]
QueriesDep = Annotated[TrainingQueries, Depends(component(TrainingQueries))]

__all__ = ["ActorDep", "ApplicationDep", "QueriesDep"]
