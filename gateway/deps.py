"""The gateway's upstream services, as `Annotated` dependencies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from gateway.proxy import Upstream


def upstream(name: str) -> Callable[[Request], Upstream]:
    """The client of one service, opened by the gateway's lifespan."""

    def get(request: Request) -> Upstream:
        found: Upstream = request.app.state.upstreams[name]
        return found

    get.__name__ = f"upstream_{name}"
    return get


InspectionDep = Annotated[Upstream, Depends(upstream("inspection"))]
RulesDep = Annotated[Upstream, Depends(upstream("rules"))]
KnowledgeDep = Annotated[Upstream, Depends(upstream("knowledge"))]
TrainingDep = Annotated[Upstream, Depends(upstream("training"))]
CoachingDep = Annotated[Upstream, Depends(upstream("coaching"))]
