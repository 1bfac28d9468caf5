"""Questions the training read model answers: programmes and verifications, filtered, paged."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg

from contracts.queries import ProgrammeListQuery, VerificationListQuery
from runtime.readmodel import in_schema
from services.training.domain.effect import programme_effect

_PROGRAMMES = """
WITH listed AS (
    SELECT p.*,
        CASE WHEN EXISTS (SELECT 1 FROM {schema}.verifications v
                          WHERE v.programme_id = p.programme_id AND v.outcome <> 'pending')
                 THEN 'evaluated'
             WHEN EXISTS (SELECT 1 FROM {schema}.verifications v
                          WHERE v.programme_id = p.programme_id) THEN 'verifying'
             WHEN EXISTS (SELECT 1 FROM {schema}.assignments a
                          WHERE a.programme_id = p.programme_id) THEN 'in_training'
             ELSE 'published' END AS status
    FROM {schema}.programmes p
)
SELECT * FROM listed
WHERE ($1::text IS NULL OR status = $1)
  AND ($2::text IS NULL OR rule_codes @> ARRAY[$2])
  AND ($3::text IS NULL OR audience_agents @> ARRAY[$3]
       OR EXISTS (SELECT 1 FROM {schema}.assignments a
                  WHERE a.programme_id = listed.programme_id AND a.trainee_id = $3))
ORDER BY published_at DESC, programme_id
LIMIT $4 OFFSET $5
"""

_VERIFICATIONS = """
SELECT * FROM {schema}.verifications
WHERE ($1::text IS NULL OR agent_id = $1)
  AND ($2::text IS NULL OR outcome = $2)
  AND ($3::uuid IS NULL OR programme_id = $3)
ORDER BY trained_at DESC NULLS LAST, verification_id
LIMIT $4 OFFSET $5
"""

_OF_PROGRAMMES = """
SELECT programme_id, outcome, rate_before, rate_after FROM {schema}.verifications
WHERE programme_id = ANY($1::uuid[])
"""

_COMPLETED = """
SELECT programme_id, level, count(*) AS n FROM {schema}.assignments
WHERE programme_id = ANY($1::uuid[]) GROUP BY programme_id, level
"""


class TrainingQueries:
    def __init__(self, pool: asyncpg.Pool, schema: str) -> None:
        self.pool = pool
        self._programmes, self._verifications, self._of_programmes, self._completed = in_schema(
            schema, _PROGRAMMES, _VERIFICATIONS, _OF_PROGRAMMES, _COMPLETED
        )

    async def programmes(self, where: ProgrammeListQuery) -> list[dict[str, Any]]:
        """Published programmes with their stage, completions per level and effect."""
        args = (where.status, where.rule_code, where.agent_id, where.limit, where.offset)
        rows = [dict(row) for row in await self.pool.fetch(self._programmes, *args)]
        ids = [row["programme_id"] for row in rows]
        verifications: dict[UUID, list[dict[str, Any]]] = {i: [] for i in ids}
        for row in await self.pool.fetch(self._of_programmes, ids):
            verifications[row["programme_id"]].append(dict(row))
        completed: dict[UUID, dict[str, int]] = {i: {} for i in ids}
        for row in await self.pool.fetch(self._completed, ids):
            completed[row["programme_id"]][row["level"]] = row["n"]
        for row in rows:
            row["completed_per_level"] = completed[row["programme_id"]]
            row["effect"] = programme_effect(verifications[row["programme_id"]])
        return rows

    async def verifications(self, where: VerificationListQuery) -> list[dict[str, Any]]:
        args = (where.agent_id, where.outcome, where.programme_id, where.limit, where.offset)
        return [dict(row) for row in await self.pool.fetch(self._verifications, *args)]
