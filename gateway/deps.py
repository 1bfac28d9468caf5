"""The gateway's upstream services, as `Annotated` dependencies."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from gateway.proxy import Upstream


def _inspection(request: Request) -> Upstream:
    upstream: Upstream = request.app.state.inspection
    return upstream


def _rules(request: Request) -> Upstream:
    upstream: Upstream = request.app.state.rules
    return upstream


def _knowledge(request: Request) -> Upstream:
    upstream: Upstream = request.app.state.knowledge
    return upstream


InspectionDep = Annotated[Upstream, Depends(_inspection)]
RulesDep = Annotated[Upstream, Depends(_rules)]
KnowledgeDep = Annotated[Upstream, Depends(_knowledge)]
