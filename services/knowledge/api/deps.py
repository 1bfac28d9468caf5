"""Dependencies of the knowledge API, as `Annotated` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from runtime.http import ActorDep, ClockDep, component
from services.knowledge.application import KnowledgeApplication
from services.knowledge.jobs import KnowledgeJobs
from services.knowledge.readmodel.findings import FindingQueries
from services.knowledge.readmodel.queries import KnowledgeQueries

ApplicationDep = Annotated[KnowledgeApplication, Depends(component(KnowledgeApplication))]
QueriesDep = Annotated[KnowledgeQueries, Depends(component(KnowledgeQueries))]
FindingsDep = Annotated[FindingQueries, Depends(component(FindingQueries))]
JobsDep = Annotated[KnowledgeJobs, Depends(component(KnowledgeJobs))]

__all__ = ["ActorDep", "ApplicationDep", "ClockDep", "FindingsDep", "JobsDep", "QueriesDep"]
