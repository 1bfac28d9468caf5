"""Questions the inspection read model answers: one call, and a filtered, paged list."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

import asyncpg
import orjson

from contracts.queries import InspectionListQuery

_CALL = """
SELECT c.call, i.ruleset_version, i.score, i.grade, i.passed, i.vetoed, i.findings,
       i.not_applicable, i.inspected_at
FROM {schema}.calls c LEFT JOIN {schema}.inspections i USING (call_id)
WHERE c.call_id = $1
"""

_WHERE = """
WHERE ($1::text IS NULL OR agent_id = $1)
  AND ($2::text IS NULL OR team_id = $2)
  AND ($3::timestamptz IS NULL OR started_at >= $3)
  AND ($4::timestamptz IS NULL OR started_at < $4)
  AND ($5::text IS NULL OR rule_codes @> ARRAY[$5])
  AND ($6::text IS NULL OR grade = $6)
  AND ($7::bool IS NULL OR passed = $7)
"""

_LIST = (
    """
SELECT call_id, agent_id, team_id, started_at, category, ruleset_version, score, grade, passed,
       vetoed, rule_codes, inspected_at
FROM {schema}.inspections"""
    + _WHERE
    + """
  AND ($8::timestamptz IS NULL OR (started_at, call_id) < ($8, $9))
ORDER BY started_at DESC, call_id DESC
LIMIT $10
"""
)

_SUMMARY = (
    """
WITH filtered AS (SELECT grade, passed, score, vetoed FROM {schema}.inspections"""
    + _WHERE
    + """),
grades AS (SELECT grade, count(*) AS n FROM filtered GROUP BY grade)
SELECT (SELECT count(*) FROM filtered) AS inspected,
       (SELECT count(*) FROM filtered WHERE passed) AS passed,
       (SELECT avg(score) FROM filtered) AS average_score,
       (SELECT count(*) FROM filtered WHERE vetoed) AS vetoed,
       (SELECT coalesce(jsonb_object_agg(grade, n), '{{}}') FROM grades) AS grades
"""
)


def encode_cursor(started_at: datetime, call_id: str) -> str:
    return base64.urlsafe_b64encode(orjson.dumps([started_at.isoformat(), call_id])).decode()


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    """Raises ValueError on a cursor this API did not hand out."""
    try:
        started_at, call_id = orjson.loads(base64.urlsafe_b64decode(cursor.encode()))
        return datetime.fromisoformat(started_at), str(call_id)
    except Exception as error:
        raise ValueError("cursor is not valid") from error


class InspectionQueries:
    def __init__(self, pool: asyncpg.Pool, schema: str) -> None:
        self.pool = pool
        quoted = f'"{schema}"'
        self._call = _CALL.format(schema=quoted)
        self._list = _LIST.format(schema=quoted)
        self._summary = _SUMMARY.format(schema=quoted)

    async def call(self, call_id: str) -> dict[str, Any] | None:
        row = await self.pool.fetchrow(self._call, call_id)
        if row is None:
            return None
        inspection = None
        if row["ruleset_version"] is not None:
            inspection = {
                "ruleset_version": row["ruleset_version"],
                "score": row["score"],
                "grade": row["grade"],
                "passed": row["passed"],
                "vetoed": row["vetoed"],
                "findings": orjson.loads(row["findings"]),
                "not_applicable": list(row["not_applicable"]),
                "inspected_at": row["inspected_at"],
            }
        return {
            "call": orjson.loads(row["call"]),
            "status": "inspected" if inspection else "received",
            "inspection": inspection,
        }

    async def inspections(
        self, where: InspectionListQuery
    ) -> tuple[list[dict[str, Any]], str | None]:
        after = decode_cursor(where.cursor) if where.cursor else (None, None)
        limit = where.limit
        rows = await self.pool.fetch(
            self._list,
            where.agent_id,
            where.team_id,
            where.date_from,
            where.date_to,
            where.rule_code,
            where.grade,
            where.passed,
            after[0],
            after[1],
            limit + 1,
        )
        items = [dict(row) | {"rule_codes": list(row["rule_codes"])} for row in rows[:limit]]
        next_cursor = None
        if len(rows) > limit:
            last = items[-1]
            next_cursor = encode_cursor(last["started_at"], last["call_id"])
        return items, next_cursor

    async def summary(self, where: InspectionListQuery) -> dict[str, Any]:
        """Count, pass rate, average score and grade distribution of the filtered inspections."""
        row = await self.pool.fetchrow(self._summary, *_filters(where))
        assert row is not None
        inspected = int(row["inspected"])
        return {
            "inspected": inspected,
            "passed": int(row["passed"]),
            "pass_rate": round(row["passed"] / inspected, 4) if inspected else None,
            "average_score": round(row["average_score"], 2) if inspected else None,
            "vetoed": int(row["vetoed"]),
            "grades": orjson.loads(row["grades"]),
        }


def _filters(where: InspectionListQuery) -> tuple[object, ...]:
    return (
        where.agent_id,
        where.team_id,
        where.date_from,
        where.date_to,
        where.rule_code,
        where.grade,
        where.passed,
    )
