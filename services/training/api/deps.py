"""Dependencies of the training API, as `Annotated` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from contracts.envelope import Actor
from runtime.http import request_actor
from runtime.relay import OutboxRelay
from services.training.application import TrainingApplication
from services.training.readmodel.queries import TrainingQueries


def _application(request: Request) -> TrainingApplication:
    app: TrainingApplication = request.app.state.application
    return app


def _queries(request: Request) -> TrainingQueries:
    queries: TrainingQueries = request.app.state.queries
    return queries


def _relay(request: Request) -> OutboxRelay:
    relay: OutboxRelay = request.app.state.relay
    return relay


ApplicationDep = Annotated[TrainingApplication, Depends(_application)]
QueriesDep = Annotated[TrainingQueries, Depends(_queries)]
RelayDep = Annotated[OutboxRelay, Depends(_relay)]
ActorDep = Annotated[Actor, Depends(request_actor)]
