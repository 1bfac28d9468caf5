"""Parsing what platforms post: size limits, JSON, and per-item validation of calls.

The body is read and validated here rather than by FastAPI, so that an oversize body is refused
before it is parsed and a batch's invalid items do not refuse the valid ones. A batch item is
held to the limit of a single call: one larger is reported on its own and not validated.
"""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

import orjson
from fastapi import Request
from pydantic import TypeAdapter, ValidationError

from contracts.api.inspection import MAX_BATCH_CALLS, InvalidItemOut, TooLargeItemOut
from contracts.api.rules import FieldProblem
from contracts.call import Call
from runtime.http import error_items

MAX_CALL_BYTES = 512 * 1024
MAX_BATCH_BYTES = 64 * 1024 * 1024

_CALL = TypeAdapter(Call)

RefusedItem = InvalidItemOut | TooLargeItemOut


class BodyError(Exception):
    """A request body refused as a whole; nothing in it is stored."""

    code: ClassVar[str]
    errors: list[dict[str, str]] | None = None


class PayloadTooLargeError(BodyError):
    code = "payload_too_large"

    def __init__(self, limit: int) -> None:
        super().__init__(f"body is larger than the limit of {limit} bytes")


class InvalidJsonError(BodyError):
    code = "invalid_json"


class InvalidCallError(BodyError):
    code = "invalid_call"

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__("; ".join(f"{e['field']}: {e['problem']}" for e in errors[:5]))
        self.errors = errors


class InvalidBatchError(BodyError):
    code = "invalid_batch"


async def read_json(request: Request, limit: int) -> Any:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLargeError(limit)
    body = await request.body()
    if len(body) > limit:
        raise PayloadTooLargeError(limit)
    return await asyncio.to_thread(_parse_json, body)


def _parse_json(body: bytes) -> Any:
    """Up to 64 MiB of JSON: parsed in a thread, not on the event loop."""
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as error:
        raise InvalidJsonError(f"body is not valid JSON: {error}") from error


def parse_call(data: Any) -> Call:
    try:
        return _CALL.validate_python(data)
    except ValidationError as error:
        raise InvalidCallError(error_items(error.errors())) from error


def parse_batch(data: Any) -> tuple[list[tuple[int, Call]], list[RefusedItem]]:
    """Valid calls with their positions, and the items refused: too large, or invalid with
    their errors."""
    if not isinstance(data, dict) or not isinstance(data.get("calls"), list):
        raise InvalidBatchError('calls: expected an object {"calls": [...]}')
    items = data["calls"]
    if not 1 <= len(items) <= MAX_BATCH_CALLS:
        message = f"calls: {len(items)} items; a batch holds 1 to {MAX_BATCH_CALLS}"
        raise InvalidBatchError(message)
    valid: list[tuple[int, Call]] = []
    refused: list[RefusedItem] = []
    for index, item in enumerate(items):
        size = len(orjson.dumps(item))
        if size > MAX_CALL_BYTES:
            refused.append(_too_large(index, item, size))
            continue
        try:
            valid.append((index, _CALL.validate_python(item)))
        except ValidationError as error:
            refused.append(_invalid(index, item, error))
    return valid, refused


def _call_id(item: Any) -> str | None:
    call_id = item.get("call_id") if isinstance(item, dict) else None
    return call_id if isinstance(call_id, str) else None


def _too_large(index: int, item: Any, size: int) -> TooLargeItemOut:
    return TooLargeItemOut(
        index=index,
        call_id=_call_id(item),
        status="too_large",
        message=f"calls[{index}] is {size} bytes; an item may be at most {MAX_CALL_BYTES} bytes",
        limit_bytes=MAX_CALL_BYTES,
    )


def _invalid(index: int, item: Any, error: ValidationError) -> InvalidItemOut:
    return InvalidItemOut(
        index=index,
        call_id=_call_id(item),
        status="invalid",
        errors=[FieldProblem(**e) for e in error_items(error.errors(), ["calls", index])],
    )
