"""Keyset pagination for read models: a page ends with an opaque cursor naming its last row
(a time and a key), and the next page starts after it."""

from __future__ import annotations

import base64
from datetime import datetime

import orjson


class InvalidCursorError(ValueError):
    code = "invalid_cursor"


def encode_cursor(at: datetime, key: str) -> str:
    return base64.urlsafe_b64encode(orjson.dumps([at.isoformat(), key])).decode()


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    """The (time, key) of a cursor this service handed out; InvalidCursorError otherwise."""
    try:
        at, key = orjson.loads(base64.urlsafe_b64decode(cursor.encode()))
        return datetime.fromisoformat(at), str(key)
    except (ValueError, TypeError) as error:
        raise InvalidCursorError("cursor is not one this service handed out") from error
