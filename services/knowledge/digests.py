"""Commands of the weekly digest: publish the last full week's digest (idempotent), read one."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from contracts.knowledge import DigestItem
from runtime.eventstore import ServiceApplication
from runtime.provenance import Provenance
from services.knowledge.config import KnowledgeConfig
from services.knowledge.digest_facts import DigestFacts
from services.knowledge.domain.digest import Digest, digest_id_for, prominent_groups
from services.knowledge.errors import NotFoundError


class DigestCommands(ServiceApplication):
    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        super().__init__(env)
        self.config = KnowledgeConfig.from_env(self.env)
        self.facts = DigestFacts(self.recorder, self.config.read_schema)
        """The read models' findings and articles, for the digest and for detection."""

    def publish_digest(self, now: datetime) -> tuple[Digest | None, bool]:
        """The digest of the week before `now`'s week, True if this call published it; the
        stored one, False, if it was published before; (None, False) if nothing to report."""
        week = self.config.digest.week_before(now)
        stored = self._stored_digest(digest_id_for(week[0]))
        if stored is not None:
            return stored, False
        items = self._items(*week)
        if not items:
            return None, False
        digest = Digest.publish(week, items, Provenance.system(str(digest_id_for(week[0]))))
        try:
            self.save(digest)
        except IntegrityError:  # another run published it first
            return self.digest(digest.id), False
        return digest, True

    def digest(self, digest_id: UUID) -> Digest:
        digest = self._stored_digest(digest_id)
        if digest is None:
            raise NotFoundError(f"no digest {digest_id}")
        return digest

    def _items(self, start: datetime, end: datetime) -> list[DigestItem]:
        facts = self.facts
        groups = prominent_groups(
            facts.group_counts(start, end), facts.inspected(start, end), self.config.digest
        )
        items = []
        for group in groups:
            agents, teams = facts.audience(group.rule_code, group.category, start, end)
            items.append(
                DigestItem(
                    rule_code=group.rule_code,
                    category=group.category,
                    call_count=group.calls,
                    call_share=group.share,
                    agents=agents,
                    teams=teams,
                    article_ids=[UUID(a) for a in facts.articles(group.rule_code)],
                )
            )
        return items

    def _stored_digest(self, digest_id: UUID) -> Digest | None:
        return self.find(digest_id, Digest)
