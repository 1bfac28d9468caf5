"""`/v1/dead-letters`, mounted by the runtime on every service (the gateway serves it as
`/v1/{service}/dead-letters`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from contracts.api.deadletters import (
    DeadLetterListQuery,
    DeadLetterOut,
    DeadLetterPageOut,
    DiscardIn,
    LetterId,
)
from runtime.deadletters.desk import DeadLetterDesk
from runtime.http import ActorDep, component

router = APIRouter(prefix="/v1/dead-letters", tags=["dead letters"])

DeskDep = Annotated[DeadLetterDesk, Depends(component(DeadLetterDesk))]


@router.get("", response_model=DeadLetterPageOut)
async def list_dead_letters(
    query: Annotated[DeadLetterListQuery, Query()], desk: DeskDep
) -> DeadLetterPageOut:
    """Dead letters, newest first, by consumer and status."""
    return await desk.page(query)


@router.get("/{letter_id}", response_model=DeadLetterOut)
async def read_dead_letter(letter_id: LetterId, desk: DeskDep) -> DeadLetterOut:
    """A dead letter with the message as it was received."""
    return await desk.get(letter_id)


@router.post("/{letter_id}:replay", response_model=DeadLetterOut)
async def replay_dead_letter(letter_id: LetterId, actor: ActorDep, desk: DeskDep) -> DeadLetterOut:
    """Apply the message again through its consumer (at most once); 409 if it fails again."""
    return await desk.replay(letter_id, actor)


@router.post("/{letter_id}:discard", response_model=DeadLetterOut)
async def discard_dead_letter(
    letter_id: LetterId, body: DiscardIn, actor: ActorDep, desk: DeskDep
) -> DeadLetterOut:
    """Give the message up, saying why; kept on the row with who and when."""
    return await desk.discard(letter_id, actor, body.reason)
