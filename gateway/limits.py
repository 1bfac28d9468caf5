"""Limits before work: the API key, then the body's size for its route, checked before the
body is read or parsed.

A pure ASGI middleware, so that nothing (FastAPI's body parsing included) runs first: an
unauthenticated /v1 request is answered 401 without reading its body; a body declared larger
than its route's limit is answered 413 at once; a streamed (chunked) body is counted as it is
read and answered 413 as soon as it passes the limit.
"""

from __future__ import annotations

import re

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.auth import API_PREFIX, CHALLENGE, key_matches, unauthorized_body
from runtime.http import error_body

MIB = 1024 * 1024
DEFAULT_BYTES = 1 * MIB
ROUTE_BYTES: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"/v1/calls:batch"), 64 * MIB),  # the inspection service's MAX_BATCH_BYTES
    (re.compile(r"/v1/calls"), 512 * 1024),  # its MAX_CALL_BYTES
    (re.compile(r"/v1/rulesets(/[^/]*)?|/v1/rules:dry-run"), 4 * MIB),
)
"""Bodies larger than the services behind accept are refused here; every other route: 1 MiB."""


def body_limit(path: str) -> int:
    return next((size for route, size in ROUTE_BYTES if route.fullmatch(path)), DEFAULT_BYTES)


class PayloadTooLargeError(Exception):
    """Raised into the app by `receive` when the body passes its limit."""


def too_large(limit: int) -> JSONResponse:
    message = f"body is larger than the limit of {limit} bytes ({limit / MIB:g} MiB)"
    return JSONResponse(error_body("payload_too_large", message), status_code=413)


class RequestLimits:
    def __init__(self, app: ASGIApp, api_key: str) -> None:
        self.app = app
        self.api_key = api_key

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        path: str = scope["path"]
        if path.startswith(API_PREFIX) and not key_matches(headers.get("x-api-key"), self.api_key):
            answer = JSONResponse(unauthorized_body(), status_code=401, headers=CHALLENGE)
            await answer(scope, receive, send)
            return
        limit = body_limit(path)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await too_large(limit)(scope, receive, send)
            return
        await self._counted(scope, receive, send, limit)

    async def _counted(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        """Run the app, refusing its body once more than `limit` bytes have come; the app's own
        answer to a body cut short (400, 500...) is replaced by the 413."""
        received, exceeded, started = 0, False, False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise PayloadTooLargeError(limit)
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded and not started:
                return
            started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except PayloadTooLargeError:
            if started:
                raise
        if exceeded and not started:
            await too_large(limit)(scope, receive, send)
