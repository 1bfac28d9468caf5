"""Dependencies of the inspection API, as `Annotated` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from contracts.envelope import Actor
from runtime.http import request_actor
from runtime.relay import OutboxRelay
from services.inspection.application import InspectionApplication
from services.inspection.readmodel.queries import InspectionQueries


def _application(request: Request) -> InspectionApplication:
    app: InspectionApplication = request.app.state.application
    return app


def _queries(request: Request) -> InspectionQueries:
    queries: InspectionQueries = request.app.state.queries
    return queries


def _relay(request: Request) -> OutboxRelay:
    relay: OutboxRelay = request.app.state.relay
    return relay


ApplicationDep = Annotated[InspectionApplication, Depends(_application)]
QueriesDep = Annotated[InspectionQueries, Depends(_queries)]
RelayDep = Annotated[OutboxRelay, Depends(_relay)]
ActorDep = Annotated[Actor, Depends(request_actor)]
