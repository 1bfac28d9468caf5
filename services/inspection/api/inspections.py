"""GET /v1/inspections and /v1/inspections:summary, from the read model."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from contracts.api.inspection import InspectionPageOut, InspectionSummaryOut
from contracts.queries import InspectionListQuery
from services.inspection.api.deps import QueriesDep

router = APIRouter(prefix="/v1", tags=["inspections"])


@router.get("/inspections")
async def list_inspections(
    query: Annotated[InspectionListQuery, Query()], queries: QueriesDep
) -> InspectionPageOut:
    """Newest first; follow `next_cursor` for the next page."""
    return await queries.inspections(query)


@router.get("/inspections:summary")
async def summarise_inspections(
    query: Annotated[InspectionListQuery, Query()], queries: QueriesDep
) -> InspectionSummaryOut:
    """Count, pass rate, average score and grades of the inspections the filters select."""
    return await queries.summary(query)
