"""Dependencies of the rules API, as `Annotated` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from runtime.http import ActorDep, component
from services.rules.application import RulesApplication
from services.rules.dryrun import DryRunner

ApplicationDep = Annotated[RulesApplication, Depends(component(RulesApplication))]
DryRunnerDep = Annotated[DryRunner, Depends(component(DryRunner))]

__all__ = ["ActorDep", "ApplicationDep", "DryRunnerDep"]
