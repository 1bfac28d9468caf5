"""The weekly digest of concentrated problems: publish the last week's now, read one."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter

from contracts.api.knowledge import DigestOut, DigestPublicationOut
from services.knowledge.api.deps import ApplicationDep, ClockDep, JobsDep
from services.knowledge.api.views import digest_out

router = APIRouter(prefix="/v1/knowledge", tags=["knowledge"])


@router.post("/digests:publish")
async def publish(jobs: JobsDep, clock: ClockDep) -> DigestPublicationOut:
    """Publish the digest of the last full week (Monday to Monday in QA_KNOWLEDGE_TIMEZONE)
    at the service's clock, as the scheduler does; `created` is false if it already was.
    `digest` is null when no group of findings reached QA_KNOWLEDGE_DIGEST_MIN_COUNT calls."""
    digest, created = await jobs.publish_digest(clock.now())
    return DigestPublicationOut(digest=digest_out(digest) if digest else None, created=created)


@router.get("/digests/{digest_id}")
def read_digest(digest_id: UUID, application: ApplicationDep) -> DigestOut:
    return digest_out(application.digest(digest_id))
