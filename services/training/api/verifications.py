"""Verifications asked of the inspection service, and their outcomes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from contracts.api.training import VerificationsOut
from contracts.queries import VerificationListQuery
from services.training.api.deps import QueriesDep
from services.training.api.views import verifications_out

router = APIRouter(prefix="/v1/training/verifications", tags=["verifications"])


@router.get("")
async def list_verifications(
    query: Annotated[VerificationListQuery, Query()], queries: QueriesDep
) -> VerificationsOut:
    """Verifications, most recently trained first, with their outcomes."""
    return verifications_out(await queries.verifications(query), query.limit, query.offset)
