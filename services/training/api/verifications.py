"""Verifications asked of the inspection service, and their outcomes."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query

from services.training.api.deps import QueriesDep
from services.training.api.schemas import Outcome

router = APIRouter(prefix="/v1/training/verifications", tags=["verifications"])


@router.get("")
async def list_verifications(
    queries: QueriesDep,
    agent_id: str | None = None,
    outcome: Outcome | None = None,
    programme_id: UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    items = await queries.verifications(agent_id, outcome, programme_id, limit, offset)
    return {"items": items, "limit": limit, "offset": offset}
