"""Parsing what platforms post: size limits, JSON, and per-item validation of calls."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson
from fastapi import HTTPException, Request
from pydantic import TypeAdapter, ValidationError

from contracts.call import Call
from runtime.http import error_body, error_items

MAX_CALL_BYTES = 512 * 1024
MAX_BATCH_ITEMS = 1_000
MAX_BATCH_BYTES = 64 * 1024 * 1024

_CALL = TypeAdapter(Call)


@dataclass(frozen=True)
class ItemError:
    index: int
    call_id: str | None
    errors: list[dict[str, str]]


async def read_json(request: Request, limit: int) -> Any:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    body = await request.body()
    if len(body) > limit:
        raise _too_large(limit)
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as error:
        detail = error_body("invalid_json", f"body is not valid JSON: {error}")
        raise HTTPException(400, detail) from error


def parse_call(data: Any) -> Call:
    try:
        return _CALL.validate_python(data)
    except ValidationError as error:
        items = error_items(error.errors())
        message = "; ".join(f"{i['field']}: {i['problem']}" for i in items[:5])
        raise HTTPException(422, error_body("invalid_call", message, items)) from error


def parse_batch(data: Any) -> tuple[list[tuple[int, Call]], list[ItemError]]:
    """Valid calls with their positions, and the items that failed with their errors."""
    if not isinstance(data, dict) or not isinstance(data.get("calls"), list):
        message = 'calls: expected an object {"calls": [...]}'
        raise HTTPException(422, error_body("invalid_batch", message))
    items = data["calls"]
    if not 1 <= len(items) <= MAX_BATCH_ITEMS:
        message = f"calls: {len(items)} items; a batch holds 1 to {MAX_BATCH_ITEMS}"
        raise HTTPException(422, error_body("invalid_batch", message))
    valid: list[tuple[int, Call]] = []
    invalid: list[ItemError] = []
    for index, item in enumerate(items):
        try:
            valid.append((index, _CALL.validate_python(item)))
        except ValidationError as error:
            call_id = item.get("call_id") if isinstance(item, dict) else None
            errors = error_items(error.errors(), ["calls", index])
            invalid.append(ItemError(index, call_id if isinstance(call_id, str) else None, errors))
    return valid, invalid


def _too_large(limit: int) -> HTTPException:
    message = f"body is larger than the limit of {limit} bytes"
    return HTTPException(413, error_body("payload_too_large", message))
