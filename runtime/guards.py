"""Text that PostgreSQL cannot store is refused at the door.

A NUL character (`\\u0000` in JSON, `%00` in a URL) in any text would be accepted, then fail every
write of it to a read model: a 500 for a query, a dead letter for an event. It is answered 422
before the request reaches an endpoint, by the gateway and by every service.
"""

from __future__ import annotations

import re

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from runtime.http import error_body

_NUL_IN_JSON = re.compile(rb"\\u0000", re.IGNORECASE)


def _has_nul(data: bytes) -> bool:
    return b"\x00" in data or b"%00" in data


class RefuseNulCharacters:
    """Pure ASGI middleware: reads the body once, checks it and the URL, then replays it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _has_nul(scope.get("raw_path", b"")) or _has_nul(scope.get("query_string", b"")):
            await _refuse("the URL", scope, receive, send)
            return
        body, disconnected = await _read_body(receive)
        if disconnected:
            return
        if b"\x00" in body or _NUL_IN_JSON.search(body):
            await _refuse("the body", scope, receive, send)
            return
        await self.app(scope, _replaying(body, receive), send)


async def _read_body(receive: Receive) -> tuple[bytes, bool]:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"", True
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks), False


def _replaying(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _refuse(where: str, scope: Scope, receive: Receive, send: Send) -> None:
    message = f"{where} contains a NUL character (\\u0000), which text here may not hold"
    body = error_body("invalid_request", message, [{"field": where, "problem": "NUL character"}])
    await JSONResponse(body, status_code=422)(scope, receive, send)
