"""The gateway's upstream services, as `Annotated` dependencies."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from gateway.proxy import Upstream
from runtime.http import from_state

InspectionDep = Annotated[Upstream, Depends(from_state("inspection"))]
RulesDep = Annotated[Upstream, Depends(from_state("rules"))]
KnowledgeDep = Annotated[Upstream, Depends(from_state("knowledge"))]
TrainingDep = Annotated[Upstream, Depends(from_state("training"))]
CoachingDep = Annotated[Upstream, Depends(from_state("coaching"))]
