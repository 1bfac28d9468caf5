"""Platform API keys: `X-API-Key` on every /v1 request, else 401."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from contracts.envelope import Actor
from runtime.http import error_body


def authenticated_actor(
    request: Request,
    x_api_key: Annotated[str | None, Header(description="platform API key")] = None,
) -> Actor:
    expected: str = request.app.state.settings.bootstrap_api_key
    if x_api_key is None or not hmac.compare_digest(x_api_key.encode(), expected.encode()):
        detail = error_body("unauthorized", "missing or invalid X-API-Key header")
        raise HTTPException(401, detail, headers={"WWW-Authenticate": "ApiKey"})
    return Actor(id="platform", role="platform")


ActorDep = Annotated[Actor, Depends(authenticated_actor)]
