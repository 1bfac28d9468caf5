"""The knowledge service's clock-driven jobs: detection and the weekly digest.

Each reads the facts it needs from the read model (asyncpg) and hands them, as plain values, to
a command of the application, where the domain decides. Both are idempotent: detection opens at
most one proposal per group, a week's digest is published once. The `:detect` and
`digests:publish` endpoints run the same code at the service's clock.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

from contracts.knowledge import DigestItem
from services.knowledge.application import KnowledgeApplication
from services.knowledge.domain.detection import Crossing, GroupFindings, crossing_groups
from services.knowledge.domain.digest import Digest, Prominent, prominent_groups
from services.knowledge.domain.proposal import Proposal
from services.knowledge.readmodel.findings import FindingQueries
from services.knowledge.readmodel.queries import KnowledgeQueries


class KnowledgeJobs:
    def __init__(
        self, app: KnowledgeApplication, findings: FindingQueries, queries: KnowledgeQueries
    ) -> None:
        self.app = app
        self.findings = findings
        self.queries = queries

    async def detect(self, now: datetime) -> list[Proposal]:
        """The proposals opened for the groups crossing in [now - window, now)."""
        thresholds = self.app.config.thresholds
        start, end = thresholds.window_ending(now)
        counts = await self.findings.group_counts(start, end)
        crossings = crossing_groups(counts, await self.findings.inspected(start, end), thresholds)
        groups = [group for c in crossings if (group := await self._group(c, start, end))]
        if not groups:
            return []
        return await asyncio.to_thread(self.app.open_threshold_proposals, groups)

    async def _group(
        self, crossing: Crossing, start: datetime, end: datetime
    ) -> GroupFindings | None:
        """The group's facts from where its findings count (after its last decision), if it
        has no open proposal."""
        rule_code, category = crossing.rule_code, crossing.category
        since = await asyncio.to_thread(self.app.counting_from, rule_code, category, start)
        if since is None:
            return None
        counts = await self.findings.group_counts(since, end, (rule_code, category))
        if not counts:
            return None
        inspected = (await self.findings.inspected(since, end)).get(category, 0)
        evidence = await self.findings.evidence(rule_code, category, since, end)
        return GroupFindings(counts[0], inspected, since, end, tuple(evidence))

    async def publish_digest(self, now: datetime) -> tuple[Digest | None, bool]:
        """The digest of the week before `now`'s week, True if this run published it."""
        week = self.app.config.digest.week_before(now)
        stored = await asyncio.to_thread(self.app.published_digest, week[0])
        if stored is not None:
            return stored, False
        items = await self._digest_items(*week)
        return await asyncio.to_thread(self.app.publish_digest, week, items)

    async def _digest_items(self, start: datetime, end: datetime) -> list[DigestItem]:
        counts = await self.findings.group_counts(start, end)
        inspected = await self.findings.inspected(start, end)
        groups = prominent_groups(counts, inspected, self.app.config.digest)
        return [await self._digest_item(group, start, end) for group in groups]

    async def _digest_item(self, group: Prominent, start: datetime, end: datetime) -> DigestItem:
        agents, teams = await self.findings.audience(group.rule_code, group.category, start, end)
        return group.item(agents, teams, await self.queries.tagged_articles(group.rule_code))
