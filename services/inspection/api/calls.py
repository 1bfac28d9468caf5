"""POST /v1/calls, POST /v1/calls:batch, GET /v1/calls/{call_id}."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request, Response

from contracts.api.inspection import BatchOut, CallOut, CallReceiptOut
from services.inspection.api.deps import ActorDep, ApplicationDep
from services.inspection.api.ingest import (
    MAX_BATCH_BYTES,
    MAX_CALL_BYTES,
    parse_batch,
    parse_call,
    read_json,
)
from services.inspection.api.views import batch_out, call_out, receipt_out

router = APIRouter(prefix="/v1", tags=["calls"])


@router.post("/calls", status_code=201)
async def post_call(
    request: Request, response: Response, application: ApplicationDep, actor: ActorDep
) -> CallReceiptOut:
    """Receive one call; it is inspected at once with the rule set in force. The same call
    again answers 200 with the stored result; the same call_id with another body, 409."""
    call = parse_call(await read_json(request, MAX_CALL_BYTES))
    receipt = await asyncio.to_thread(application.receive_call, call, actor)
    if receipt.status == "duplicate":
        response.status_code = 200
    return receipt_out(receipt)


@router.post("/calls:batch")
async def post_calls_batch(
    request: Request, application: ApplicationDep, actor: ActorDep
) -> BatchOut:
    """Receive up to 1,000 calls; each item gets its own result, refused items included
    (invalid, or over the size of one call)."""
    valid, refused = await asyncio.to_thread(parse_batch, await read_json(request, MAX_BATCH_BYTES))
    calls = [call for _, call in valid]
    receipts = await asyncio.to_thread(application.receive_calls, calls, actor) if calls else []
    return batch_out([index for index, _ in valid], receipts, refused)


@router.get("/calls/{call_id}")
async def get_call(call_id: str, application: ApplicationDep) -> CallOut:
    """The call as kept (personal data masked), its status and its inspection with findings
    and evidence; from the event store, the one place that keeps transcripts."""
    return call_out(await asyncio.to_thread(application.call, call_id))
