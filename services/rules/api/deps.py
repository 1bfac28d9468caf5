"""Dependencies of the rules API, as `Annotated` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from contracts.envelope import Actor
from runtime.http import request_actor
from runtime.relay import OutboxRelay
from services.rules.application import RulesApplication


def _application(request: Request) -> RulesApplication:
    app: RulesApplication = request.app.state.application
    return app


def _relay(request: Request) -> OutboxRelay:
    relay: OutboxRelay = request.app.state.relay
    return relay


ApplicationDep = Annotated[RulesApplication, Depends(_application)]
RelayDep = Annotated[OutboxRelay, Depends(_relay)]
ActorDep = Annotated[Actor, Depends(request_actor)]
