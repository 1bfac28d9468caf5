"""Forwarding a request to a service and its answer back, unchanged."""

from __future__ import annotations

import httpx
from fastapi import HTTPException, Request, Response

from contracts.envelope import Actor
from runtime.http import error_body

_FORWARDED_HEADERS = ("content-type", "accept")


class Upstream:
    def __init__(self, name: str, base_url: str, timeout: float = 60.0) -> None:
        self.name = name
        limits = httpx.Limits(max_connections=64, max_keepalive_connections=32)
        self.client = httpx.AsyncClient(base_url=base_url, timeout=timeout, limits=limits)

    async def forward(self, request: Request, actor: Actor, path: str | None = None) -> Response:
        """`path`: where the service serves it, if not at the gateway's own path."""
        headers = {k: v for k, v in request.headers.items() if k in _FORWARDED_HEADERS}
        headers.update({"x-actor-id": actor.id, "x-actor-role": actor.role})
        try:
            answer = await self.client.request(
                request.method,
                path or raw_path(request),
                params=request.query_params,
                content=await request.body(),
                headers=headers,
            )
        except httpx.TransportError as error:
            message = f"{self.name} service unreachable: {type(error).__name__}"
            raise HTTPException(503, error_body("upstream_unavailable", message)) from error
        return Response(
            answer.content,
            status_code=answer.status_code,
            media_type=answer.headers.get("content-type"),
        )

    async def ready(self) -> bool:
        try:
            return (await self.client.get("/readyz", timeout=2.0)).status_code == 200
        except httpx.TransportError:
            return False

    async def close(self) -> None:
        await self.client.aclose()


def raw_path(request: Request) -> str:
    """The path as the client sent it, still percent-encoded: decoded, a control character
    would make an invalid URL for the service."""
    raw: bytes = request.scope.get("raw_path") or request.url.path.encode()
    return raw.decode("latin-1")
