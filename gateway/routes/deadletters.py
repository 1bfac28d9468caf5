"""Dead letters of each service (`/v1/{service}/dead-letters`): forwarded to that service's own
`/v1/dead-letters`."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from contracts.api.deadletters import (
    DeadLetterListQuery,
    DeadLetterOut,
    DeadLetterPageOut,
    DiscardIn,
    LetterId,
)
from gateway.auth import ActorDep
from gateway.proxy import Upstream, raw_path

Service = Literal["rules", "inspection", "knowledge", "training", "coaching"]

router = APIRouter(prefix="/v1/{service}/dead-letters", tags=["dead letters"])


def service_upstream(service: Service, request: Request) -> Upstream:
    found: Upstream = request.app.state.upstreams[service]
    return found


UpstreamDep = Annotated[Upstream, Depends(service_upstream)]


def service_path(request: Request) -> str:
    """The path as the service serves it: without the service's name."""
    service = request.path_params["service"]
    return raw_path(request).replace(f"/v1/{service}/", "/v1/", 1)


@router.get("", response_model=DeadLetterPageOut)
async def list_dead_letters(
    query: Annotated[DeadLetterListQuery, Query()],
    request: Request,
    actor: ActorDep,
    upstream: UpstreamDep,
) -> Response:
    """Messages the service could not parse or apply (and, relay, events it could not
    publish), newest first, by consumer and status."""
    return await upstream.forward(request, actor, service_path(request))


@router.get("/{letter_id}", response_model=DeadLetterOut)
async def read_dead_letter(
    letter_id: LetterId, request: Request, actor: ActorDep, upstream: UpstreamDep
) -> Response:
    """A dead letter with the message as it was received."""
    return await upstream.forward(request, actor, service_path(request))


@router.post("/{letter_id}:replay", response_model=DeadLetterOut)
async def replay_dead_letter(
    letter_id: LetterId, request: Request, actor: ActorDep, upstream: UpstreamDep
) -> Response:
    """Apply the message again through its consumer (at most once); 409 if it fails again."""
    return await upstream.forward(request, actor, service_path(request))


@router.post("/{letter_id}:discard", response_model=DeadLetterOut)
async def discard_dead_letter(
    letter_id: LetterId, body: DiscardIn, request: Request, actor: ActorDep, upstream: UpstreamDep
) -> Response:
    """Give the message up, saying why; who, when and why are kept and logged."""
    return await upstream.forward(request, actor, service_path(request))
