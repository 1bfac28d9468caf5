"""Verifications asked of the inspection service, and their outcomes."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from contracts.api.training import Outcome, VerificationsOut
from services.training.api.deps import QueriesDep
from services.training.api.views import verifications_out

router = APIRouter(prefix="/v1/training/verifications", tags=["verifications"])


@router.get("")
async def list_verifications(
    queries: QueriesDep,
    agent_id: str | None = None,
    outcome: Outcome | None = None,
    programme_id: UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> VerificationsOut:
    """Verifications, most recently trained first, with their outcomes."""
    rows = await queries.verifications(agent_id, outcome, programme_id, limit, offset)
    return verifications_out(rows, limit, offset)
