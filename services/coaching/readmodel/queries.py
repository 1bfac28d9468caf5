"""Questions the plans table answers: a filtered, paged list, and the plans due for review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import asyncpg

from contracts.queries import PlanListQuery
from runtime.paging import InvalidCursorError, decode_cursor, encode_cursor
from runtime.readmodel import in_schema

_LIST = """
SELECT plan_id, agent_id, team_id, reason, status, rule_codes, call_ids, follow_up_until,
    recorded_at, sessions, outcome, rate_before, rate_after, escalated, previous_plan_id,
    follow_up_plan_id
FROM {schema}.plans
WHERE ($1::text IS NULL OR agent_id = $1) AND ($2::text IS NULL OR status = $2)
  AND ($3::text IS NULL OR reason = $3)
  AND ($4::timestamptz IS NULL OR (recorded_at, plan_id) < ($4, $5::uuid))
ORDER BY recorded_at DESC, plan_id DESC
LIMIT $6
"""

_DUE = """
SELECT plan_id FROM {schema}.plans
WHERE status = 'open' AND follow_up_until <= $1 ORDER BY follow_up_until
"""


@dataclass(frozen=True)
class PlanPage:
    """Rows of the plans table (`sessions` as JSON text), and the cursor of the next page."""

    rows: list[asyncpg.Record]
    next_cursor: str | None


def _after(cursor: str | None) -> tuple[datetime | None, UUID | None]:
    """The (recorded_at, plan_id) a page starts after."""
    if cursor is None:
        return None, None
    at, key = decode_cursor(cursor)
    try:
        return at, UUID(key)
    except ValueError as error:
        raise InvalidCursorError("cursor is not one this service handed out") from error


class PlanQueries:
    def __init__(self, pool: asyncpg.Pool, schema: str) -> None:
        self.pool = pool
        self._list, self._due = in_schema(schema, _LIST, _DUE)

    async def plans(self, where: PlanListQuery) -> PlanPage:
        """Plans, newest first; `cursor` is a page's `next_cursor` (InvalidCursorError if not)."""
        after_at, after_id = _after(where.cursor)
        limit = where.limit
        rows = await self.pool.fetch(
            self._list, where.agent_id, where.status, where.reason, after_at, after_id, limit + 1
        )
        if len(rows) <= limit:
            return PlanPage(rows, None)
        last = rows[limit - 1]
        return PlanPage(rows[:limit], encode_cursor(last["recorded_at"], str(last["plan_id"])))

    async def due(self, now: datetime) -> list[UUID]:
        return [row["plan_id"] for row in await self.pool.fetch(self._due, now)]
