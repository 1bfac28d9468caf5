"""An agent's calls and violations of some rules in a time window, from the read model: the
facts the verification job (jobs.py) judges a training by."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from contracts.comparison import Counts
from runtime.readmodel import in_schema

_COUNTS = """
SELECT count(*) AS calls, count(*) FILTER (WHERE rule_codes && $2::text[]) AS violating
FROM {schema}.inspections
WHERE agent_id = $1 AND started_at >= $3 AND started_at < $4
"""


class ViolationRates:
    def __init__(self, pool: asyncpg.Pool, schema: str) -> None:
        self.pool = pool
        (self._counts,) = in_schema(schema, _COUNTS)

    async def counts(
        self, agent_id: str, rule_codes: list[str], start: datetime, end: datetime
    ) -> Counts:
        row = await self.pool.fetchrow(self._counts, agent_id, rule_codes, start, end)
        return Counts(calls=row["calls"], violating=row["violating"])
