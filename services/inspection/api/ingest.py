"""Parsing what platforms post: size limits, JSON, and per-item validation of calls.

The body is read and validated here rather than by FastAPI, so that an oversize body is refused
before it is parsed and a batch's invalid items do not refuse the valid ones.
"""

from __future__ import annotations

from typing import Any, ClassVar

import orjson
from fastapi import Request
from pydantic import TypeAdapter, ValidationError

from contracts.api.inspection import MAX_BATCH_CALLS, InvalidItemOut
from contracts.api.rules import FieldProblem
from contracts.call import Call
from runtime.http import error_items

MAX_CALL_BYTES = 512 * 1024
MAX_BATCH_BYTES = 64 * 1024 * 1024

_CALL = TypeAdapter(Call)


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
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as error:
        raise InvalidJsonError(f"body is not valid JSON: {error}") from error


def parse_call(data: Any) -> Call:
    try:
        return _CALL.validate_python(data)
    except ValidationError as error:
        raise InvalidCallError(error_items(error.errors())) from error


def parse_batch(data: Any) -> tuple[list[tuple[int, Call]], list[InvalidItemOut]]:
    """Valid calls with their positions, and the items that failed with their errors."""
    if not isinstance(data, dict) or not isinstance(data.get("calls"), list):
        raise InvalidBatchError('calls: expected an object {"calls": [...]}')
    items = data["calls"]
    if not 1 <= len(items) <= MAX_BATCH_CALLS:
        message = f"calls: {len(items)} items; a batch holds 1 to {MAX_BATCH_CALLS}"
        raise InvalidBatchError(message)
    valid: list[tuple[int, Call]] = []
    invalid: list[InvalidItemOut] = []
    for index, item in enumerate(items):
        try:
            valid.append((index, _CALL.validate_python(item)))
        except ValidationError as error:
            invalid.append(_invalid(index, item, error))
    return valid, invalid


def _invalid(index: int, item: Any, error: ValidationError) -> InvalidItemOut:
    call_id = item.get("call_id") if isinstance(item, dict) else None
    return InvalidItemOut(
        index=index,
        call_id=call_id if isinstance(call_id, str) else None,
        status="invalid",
        errors=[FieldProblem(**e) for e in error_items(error.errors(), ["calls", index])],
    )
