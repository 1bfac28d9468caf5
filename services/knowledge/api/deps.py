"""Dependencies of the knowledge API, as `Annotated` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from runtime.clock import Clock
from runtime.http import ActorDep, from_state
from runtime.relay import OutboxRelay
from services.knowledge.application import KnowledgeApplication
from services.knowledge.readmodel.queries import KnowledgeQueries

ApplicationDep = Annotated[KnowledgeApplication, Depends(from_state("application"))]
QueriesDep = Annotated[KnowledgeQueries, Depends(from_state("queries"))]
RelayDep = Annotated[OutboxRelay, Depends(from_state("relay"))]
ClockDep = Annotated[Clock, Depends(from_state("clock"))]

__all__ = ["ActorDep", "ApplicationDep", "ClockDep", "QueriesDep", "RelayDep"]
