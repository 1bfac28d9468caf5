"""The weekly digest of concentrated problems: publish the last week's now, read one."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter

from services.knowledge.api.deps import ApplicationDep, ClockDep
from services.knowledge.domain.digest import Digest

router = APIRouter(prefix="/v1/knowledge", tags=["knowledge"])


def digest_view(digest: Digest) -> dict[str, Any]:
    return {
        "digest_id": digest.id,
        "week_start": digest.week_start,
        "week_end": digest.week_end,
        "items": digest.items,
        "published_at": digest.created_on,
    }


@router.post("/digests:publish")
def publish(application: ApplicationDep, clock: ClockDep) -> dict[str, Any]:
    """Publish the digest of the last full week (Monday to Monday in QA_KNOWLEDGE_TIMEZONE)
    at the service's clock, as the scheduler does; `created` is false if it already was.
    `digest` is null when no group of findings reached QA_KNOWLEDGE_DIGEST_MIN_COUNT calls."""
    digest, created = application.publish_digest(clock.now())
    return {"digest": digest_view(digest) if digest else None, "created": created}


@router.get("/digests/{digest_id}")
def read_digest(digest_id: UUID, application: ApplicationDep) -> dict[str, Any]:
    return digest_view(application.digest(digest_id))
