"""Platform API keys: `X-API-Key` on every /v1 request, else 401.

`gateway.limits.RequestLimits` checks the key before any byte of the body is read; the
dependency below gives routes the authenticated actor (and documents the header).
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException, Request

from contracts.envelope import Actor
from runtime.http import error_body

API_PREFIX = "/v1"
CHALLENGE = {"WWW-Authenticate": "ApiKey"}


def key_matches(given: str | None, expected: str) -> bool:
    """Whether the header holds the key (compared in constant time)."""
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def unauthorized_body() -> dict[str, Any]:
    return error_body("unauthorized", "missing or invalid X-API-Key header")


def authenticated_actor(
    request: Request,
    x_api_key: Annotated[str | None, Header(description="platform API key")] = None,
) -> Actor:
    if not key_matches(x_api_key, request.app.state.settings.bootstrap_api_key):
        raise HTTPException(401, unauthorized_body(), headers=CHALLENGE)
    return Actor(id="platform", role="platform")


ActorDep = Annotated[Actor, Depends(authenticated_actor)]
