"""Calls and inspections: forwarded to the inspection service."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from contracts.api.inspection import (
    BatchOut,
    CallBatch,
    CallOut,
    CallReceiptOut,
    InspectionPageOut,
    InspectionSummaryOut,
)
from contracts.call import Call
from contracts.queries import InspectionListQuery
from gateway.auth import ActorDep
from gateway.deps import InspectionDep
from gateway.docs import EXAMPLE_CALL, json_body

router = APIRouter(prefix="/v1", tags=["calls"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "missing or invalid X-API-Key"},
    422: {"description": "invalid call; `errors` names each field and its problem"},
    503: {"description": "no rule set in force, or the inspection service is unavailable"},
}


@router.post(
    "/calls",
    status_code=201,
    response_model=CallReceiptOut,
    openapi_extra=json_body(Call, EXAMPLE_CALL),
    responses={
        200: {"model": CallReceiptOut, "description": "the same call again: the stored result"},
        400: {"description": "body is not JSON"},
        409: {"description": "call_id already received with a different body"},
        413: {"description": "body over 512 KiB"},
        **_ERRORS,
    },
)
async def post_call(request: Request, actor: ActorDep, inspection: InspectionDep) -> Response:
    """Receive one call; it is inspected at once and the result is returned.

    `call_id` is the idempotency key: posting the same call again returns the stored result.
    """
    return await inspection.forward(request, actor)


@router.post(
    "/calls:batch",
    response_model=BatchOut,
    openapi_extra=json_body(CallBatch, {"calls": [EXAMPLE_CALL]}),
    responses={
        400: {"description": "body is not JSON"},
        413: {"description": "body over 64 MiB"},
        **_ERRORS,
    },
)
async def post_calls(request: Request, actor: ActorDep, inspection: InspectionDep) -> Response:
    """Receive up to 1,000 calls; `results` has one item per call, in order, with its status
    (accepted / duplicate / conflict / invalid with errors) and score."""
    return await inspection.forward(request, actor)


@router.get(
    "/calls/{call_id}",
    response_model=CallOut,
    responses={404: {"description": "no such call"}, **_ERRORS},
)
async def get_call(
    call_id: str, request: Request, actor: ActorDep, inspection: InspectionDep
) -> Response:
    """The call, its status, and `inspection` (ruleset_version, score, grade, passed,
    findings with evidence, not_applicable rule codes)."""
    return await inspection.forward(request, actor)


@router.get("/inspections", response_model=InspectionPageOut, responses=_ERRORS)
async def list_inspections(
    query: Annotated[InspectionListQuery, Query()],
    request: Request,
    actor: ActorDep,
    inspection: InspectionDep,
) -> Response:
    """Inspections, newest first, filtered; follow `next_cursor` for the next page."""
    return await inspection.forward(request, actor)


@router.get("/inspections:summary", response_model=InspectionSummaryOut, responses=_ERRORS)
async def summarise_inspections(
    query: Annotated[InspectionListQuery, Query()],
    request: Request,
    actor: ActorDep,
    inspection: InspectionDep,
) -> Response:
    """Count, pass rate (质检通过率), average score and grades of the filtered inspections;
    `limit` and `cursor` are ignored."""
    return await inspection.forward(request, actor)
