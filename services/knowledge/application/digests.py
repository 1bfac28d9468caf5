"""Commands of the weekly digest: publish a week's digest once, from the items the digest job
composed; read one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from contracts.knowledge import DigestItem
from runtime.eventstore import retry_on_conflict
from runtime.provenance import Provenance
from services.knowledge.application.base import KnowledgeBase
from services.knowledge.domain.digest import Digest, digest_id_for


class DigestCommands(KnowledgeBase):
    @retry_on_conflict
    def publish_digest(
        self, week: tuple[datetime, datetime], items: Sequence[DigestItem]
    ) -> tuple[Digest | None, bool]:
        """The week's digest, True if this call published it; the stored one, False, if it was
        published before; (None, False) if there is nothing to report."""
        stored = self.published_digest(week[0])
        if stored is not None:
            return stored, False
        if not items:
            return None, False
        provenance = Provenance.system(str(digest_id_for(week[0])))
        digest = Digest.publish(week, list(items), provenance)
        self.save(digest)
        return digest, True

    def published_digest(self, week_start: datetime) -> Digest | None:
        """The digest of the week starting at `week_start`, if it was published."""
        return self.find(digest_id_for(week_start), Digest)

    def digest(self, digest_id: UUID) -> Digest:
        return self.get(digest_id, Digest)
