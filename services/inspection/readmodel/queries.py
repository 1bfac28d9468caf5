"""Questions the inspection read model answers: a filtered, paged list of inspections, and
their summary."""

from __future__ import annotations

import asyncpg
import orjson

from contracts.api.inspection import InspectionItemOut, InspectionPageOut, InspectionSummaryOut
from contracts.queries import InspectionListQuery
from runtime.paging import decode_cursor, encode_cursor
from runtime.readmodel import in_schema

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


class InspectionQueries:
    def __init__(self, pool: asyncpg.Pool, schema: str) -> None:
        self.pool = pool
        self._list, self._summary = in_schema(schema, _LIST, _SUMMARY)

    async def inspections(self, where: InspectionListQuery) -> InspectionPageOut:
        """Newest first; InvalidCursorError for a cursor this service did not hand out."""
        after = decode_cursor(where.cursor) if where.cursor else (None, None)
        rows = await self.pool.fetch(self._list, *_filters(where), *after, where.limit + 1)
        items = [InspectionItemOut.model_validate(dict(row)) for row in rows[: where.limit]]
        next_cursor = None
        if len(rows) > where.limit:
            next_cursor = encode_cursor(items[-1].started_at, items[-1].call_id)
        return InspectionPageOut(items=items, next_cursor=next_cursor)

    async def summary(self, where: InspectionListQuery) -> InspectionSummaryOut:
        """Count, pass rate, average score and grade distribution of the filtered inspections."""
        row = await self.pool.fetchrow(self._summary, *_filters(where))
        assert row is not None
        inspected = int(row["inspected"])
        return InspectionSummaryOut(
            inspected=inspected,
            passed=int(row["passed"]),
            pass_rate=round(row["passed"] / inspected, 4) if inspected else None,
            average_score=round(row["average_score"], 2) if inspected else None,
            vetoed=int(row["vetoed"]),
            grades=orjson.loads(row["grades"]),
        )


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
