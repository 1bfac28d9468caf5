"""Dependencies of the knowledge API, as `Annotated` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from contracts.envelope import Actor
from runtime.clock import Clock
from runtime.http import request_actor
from runtime.relay import OutboxRelay
from services.knowledge.application import KnowledgeApplication
from services.knowledge.readmodel.queries import KnowledgeQueries


def _application(request: Request) -> KnowledgeApplication:
    app: KnowledgeApplication = request.app.state.application
    return app


def _queries(request: Request) -> KnowledgeQueries:
    queries: KnowledgeQueries = request.app.state.queries
    return queries


def _relay(request: Request) -> OutboxRelay:
    relay: OutboxRelay = request.app.state.relay
    return relay


def _clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


ApplicationDep = Annotated[KnowledgeApplication, Depends(_application)]
QueriesDep = Annotated[KnowledgeQueries, Depends(_queries)]
RelayDep = Annotated[OutboxRelay, Depends(_relay)]
ClockDep = Annotated[Clock, Depends(_clock)]
ActorDep = Annotated[Actor, Depends(request_actor)]
