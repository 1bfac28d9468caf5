"""POST /v1/calls, POST /v1/calls:batch, GET /v1/calls/{call_id}."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response

from contracts.call import Call
from runtime.http import error_body
from services.inspection.api.deps import ActorDep, ApplicationDep, QueriesDep
from services.inspection.api.ingest import (
    MAX_BATCH_BYTES,
    MAX_CALL_BYTES,
    parse_batch,
    parse_call,
    read_json,
)
from services.inspection.application import NoActiveRuleSetError, Receipt

router = APIRouter(prefix="/v1", tags=["calls"])

_STATUS_CODES = {"accepted": 201, "duplicate": 200, "conflict": 409}


async def _receive(
    application: ApplicationDep, calls: list[Call], actor: ActorDep
) -> list[Receipt]:
    try:
        receipts = await asyncio.to_thread(application.receive_calls, calls, actor)
    except NoActiveRuleSetError as error:
        raise HTTPException(503, error_body("no_active_ruleset", str(error))) from error
    return receipts


@router.post("/calls", status_code=201)
async def post_call(
    request: Request,
    response: Response,
    application: ApplicationDep,
    actor: ActorDep,
) -> dict[str, Any]:
    """Receive one call; it is inspected at once with the rule set in force."""
    call = parse_call(await read_json(request, MAX_CALL_BYTES))
    receipt = (await _receive(application, [call], actor))[0]
    if receipt.status == "conflict":
        message = f"call_id {call.call_id} was already received with a different body"
        raise HTTPException(409, error_body("conflict", message))
    response.status_code = _STATUS_CODES[receipt.status]
    return {"call_id": call.call_id, "status": receipt.status, "inspection": receipt.result}


@router.post("/calls:batch")
async def post_calls_batch(
    request: Request, application: ApplicationDep, actor: ActorDep
) -> dict[str, Any]:
    """Receive up to 1,000 calls; each item gets its own result, invalid items included."""
    valid, invalid = parse_batch(await read_json(request, MAX_BATCH_BYTES))
    receipts = await _receive(application, [c for _, c in valid], actor) if valid else []
    results: list[dict[str, Any]] = [
        {"index": e.index, "call_id": e.call_id, "status": "invalid", "errors": e.errors}
        for e in invalid
    ]
    results += [_item(index, receipt) for (index, _), receipt in zip(valid, receipts, strict=True)]
    results.sort(key=lambda item: int(item["index"]))
    counts = {status: 0 for status in ("accepted", "duplicate", "conflict", "invalid")}
    for item in results:
        counts[item["status"]] += 1
    return {"counts": counts, "results": results}


def _item(index: int, receipt: Receipt) -> dict[str, Any]:
    item: dict[str, Any] = {"index": index, "call_id": receipt.call_id, "status": receipt.status}
    if receipt.result is not None:
        item.update({k: receipt.result[k] for k in ("score", "grade", "passed")})
    return item


@router.get("/calls/{call_id}")
async def get_call(
    call_id: str, queries: QueriesDep, application: ApplicationDep
) -> dict[str, Any]:
    """The call, its status and its inspection with findings and evidence."""
    found = await queries.call(call_id)
    if found is None:
        found = await asyncio.to_thread(_from_event_store, application, call_id)
    if found is None:
        raise HTTPException(404, error_body("not_found", f"no call with call_id {call_id}"))
    return found


def _from_event_store(application: ApplicationDep, call_id: str) -> dict[str, Any] | None:
    """A call stored a moment ago, before the read model caught up."""
    stored = application.call(call_id)
    if stored is None:
        return None
    status = "inspected" if stored.result else "received"
    return {"call": stored.call, "status": status, "inspection": stored.result}
