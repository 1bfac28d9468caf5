"""What detection, the digest and a flagged gap read of the findings: counts per group of
(rule code, category), calls inspected per category, a group's evidence and audience, one call's
finding. Windows are on the call's `started_at` (see tables.py)."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from contracts.knowledge import FindingRef
from runtime.readmodel import in_schema
from services.knowledge.domain.detection import GroupCount
from services.knowledge.domain.proposal import MAX_EVIDENCE

_GROUPS = """
SELECT rule_code, category, count(DISTINCT call_id) AS calls FROM {schema}.findings
WHERE started_at >= $1 AND started_at < $2
  AND ($3::text IS NULL OR (rule_code = $3 AND category IS NOT DISTINCT FROM $4::text))
GROUP BY rule_code, category
"""
_INSPECTED = """
SELECT category, count(*) AS calls FROM {schema}.inspected_calls
WHERE started_at >= $1 AND started_at < $2 GROUP BY category
"""
_COLUMNS = "call_id, rule_code, agent_id, team_id, category, matched_text, inspected_at"
_IN_GROUP = """rule_code = $1 AND category IS NOT DISTINCT FROM $2::text
  AND started_at >= $3 AND started_at < $4"""
_EVIDENCE = f"""
SELECT {_COLUMNS} FROM {{schema}}.findings WHERE {_IN_GROUP}
ORDER BY started_at DESC, call_id LIMIT $5
"""
_AUDIENCE = f"""
SELECT coalesce(array_agg(DISTINCT agent_id ORDER BY agent_id), '{{{{}}}}') AS agents,
       coalesce(array_agg(DISTINCT team_id ORDER BY team_id), '{{{{}}}}') AS teams
FROM {{schema}}.findings WHERE {_IN_GROUP}
"""
_ONE = f"SELECT {_COLUMNS} FROM {{schema}}.findings WHERE call_id = $1 AND rule_code = $2"


class FindingQueries:
    def __init__(self, pool: asyncpg.Pool, schema: str) -> None:
        self.pool = pool
        self._groups, self._inspected, self._evidence, self._audience, self._one = in_schema(
            schema, _GROUPS, _INSPECTED, _EVIDENCE, _AUDIENCE, _ONE
        )

    async def group_counts(
        self, start: datetime, end: datetime, group: tuple[str, str | None] | None = None
    ) -> list[GroupCount]:
        """Distinct calls with a finding in [start, end), per group, or of one group."""
        rule_code, category = group if group else (None, None)
        rows = await self.pool.fetch(self._groups, start, end, rule_code, category)
        return [GroupCount(r["rule_code"], r["category"], int(r["calls"])) for r in rows]

    async def inspected(self, start: datetime, end: datetime) -> dict[str | None, int]:
        """Calls inspected in [start, end), per category."""
        rows = await self.pool.fetch(self._inspected, start, end)
        return {row["category"]: int(row["calls"]) for row in rows}

    async def evidence(
        self, rule_code: str, category: str | None, start: datetime, end: datetime
    ) -> list[FindingRef]:
        """The group's latest findings in the window (at most a proposal's worth)."""
        rows = await self.pool.fetch(self._evidence, rule_code, category, start, end, MAX_EVIDENCE)
        return [FindingRef.model_validate(dict(row)) for row in rows]

    async def audience(
        self, rule_code: str, category: str | None, start: datetime, end: datetime
    ) -> tuple[list[str], list[str]]:
        """The distinct agents and teams with a finding of the group in [start, end)."""
        row = await self.pool.fetchrow(self._audience, rule_code, category, start, end)
        assert row is not None
        return list(row["agents"]), list(row["teams"])

    async def finding(self, call_id: str, rule_code: str) -> FindingRef | None:
        """The finding of the rule on the call, once the call's inspection is projected."""
        row = await self.pool.fetchrow(self._one, call_id, rule_code)
        return FindingRef.model_validate(dict(row)) if row is not None else None
