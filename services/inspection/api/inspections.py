"""GET /v1/inspections: filtered, paginated list of inspection results."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from contracts.queries import InspectionListQuery
from runtime.http import error_body
from services.inspection.api.deps import QueriesDep

router = APIRouter(prefix="/v1", tags=["inspections"])


@router.get("/inspections")
async def list_inspections(
    query: Annotated[InspectionListQuery, Query()], queries: QueriesDep
) -> dict[str, Any]:
    """Newest first; follow `next_cursor` for the next page."""
    try:
        items, next_cursor = await queries.inspections(query)
    except ValueError as error:
        raise HTTPException(422, error_body("invalid_request", f"cursor: {error}")) from error
    return {"items": items, "next_cursor": next_cursor}


@router.get("/inspections:summary")
async def summarise_inspections(
    query: Annotated[InspectionListQuery, Query()], queries: QueriesDep
) -> dict[str, Any]:
    """Count, pass rate, average score and grades of the inspections the filters select."""
    return await queries.summary(query)
