"""Agents' figures from `agent_calls`: a month's performance, violations in a window, and the
counts a review compares."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from contracts.comparison import Counts
from runtime.readmodel import in_schema
from services.coaching.domain.selection import AgentMonth, Violation

_MONTH = """
SELECT agent_id, max(team_id) AS team_id, count(*) AS calls,
    avg(passed::int) AS pass_rate, avg(satisfaction) AS csat, avg(resolved::int) AS fcr,
    avg(duration_ms) / 1000.0 AS aht_seconds,
    coalesce(array_agg(call_id ORDER BY started_at, call_id) FILTER (WHERE NOT passed), '{{}}')
        AS failed_calls
FROM {schema}.agent_calls
WHERE started_at >= $1 AND started_at < $2 AND ($3::text IS NULL OR agent_id = $3)
GROUP BY agent_id ORDER BY agent_id
"""

_RULES = """
SELECT agent_id, code, count(*) AS n
FROM {schema}.agent_calls, unnest(rule_codes) AS code
WHERE started_at >= $1 AND started_at < $2 AND ($3::text IS NULL OR agent_id = $3)
GROUP BY agent_id, code ORDER BY agent_id, n DESC, code
"""

_VIOLATIONS = """
SELECT agent_id, code, call_id, started_at
FROM {schema}.agent_calls, unnest(rule_codes) AS code
WHERE started_at > $1 AND started_at <= $2
"""

_COUNTS = """
SELECT count(*) AS calls,
    count(*) FILTER (WHERE CASE WHEN cardinality($2::text[]) > 0 THEN rule_codes && $2::text[]
                                ELSE NOT passed END) AS violating
FROM {schema}.agent_calls
WHERE agent_id = $1 AND passed IS NOT NULL AND started_at >= $3 AND started_at < $4
"""

MAX_RULES, MAX_CALLS = 5, 20


def _float(value: object) -> float | None:
    return None if value is None else float(str(value))


class Figures:
    def __init__(self, pool: asyncpg.Pool, schema: str) -> None:
        self.pool = pool
        self._month, self._rules, self._violations, self._counts = in_schema(
            schema, _MONTH, _RULES, _VIOLATIONS, _COUNTS
        )

    async def month(
        self, start: datetime, end: datetime, agent_id: str | None = None
    ) -> list[AgentMonth]:
        """Each agent's figures for calls started in [start, end); its most violated rules and
        failed calls (the first few) are what a plan would address."""
        rows = await self.pool.fetch(self._month, start, end, agent_id)
        rules: dict[str, list[str]] = {}
        for row in await self.pool.fetch(self._rules, start, end, agent_id):
            rules.setdefault(row["agent_id"], []).append(row["code"])
        return [
            AgentMonth(
                agent_id=row["agent_id"],
                team_id=row["team_id"],
                calls=row["calls"],
                pass_rate=_float(row["pass_rate"]),
                csat=_float(row["csat"]),
                fcr=_float(row["fcr"]),
                aht_seconds=_float(row["aht_seconds"]),
                rule_codes=rules.get(row["agent_id"], [])[:MAX_RULES],
                failed_calls=list(row["failed_calls"])[:MAX_CALLS],
            )
            for row in rows
        ]

    async def violations(self, after: datetime, until: datetime) -> list[Violation]:
        rows = await self.pool.fetch(self._violations, after, until)
        return [Violation(r["agent_id"], r["code"], r["call_id"], r["started_at"]) for r in rows]

    async def counts(
        self, agent_id: str, rule_codes: list[str], start: datetime, end: datetime
    ) -> Counts:
        """Inspected calls in [start, end) and those violating `rule_codes` (failed, if none)."""
        row = await self.pool.fetchrow(self._counts, agent_id, rule_codes, start, end)
        return Counts(calls=row["calls"], violating=row["violating"])
