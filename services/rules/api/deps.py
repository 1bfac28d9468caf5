"""Dependencies of the rules API, as `Annotated` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from runtime.http import ActorDep, from_state
from runtime.relay import OutboxRelay
from services.rules.application import RulesApplication

ApplicationDep = Annotated[RulesApplication, Depends(from_state("application"))]
RelayDep = Annotated[OutboxRelay, Depends(from_state("relay"))]

__all__ = ["ActorDep", "ApplicationDep", "RelayDep"]
