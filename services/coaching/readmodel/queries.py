"""Questions the plans table answers: a filtered, paged list, and the plans due for review."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg
import orjson

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


class InvalidCursorError(ValueError):
    pass


def encode_cursor(recorded_at: datetime, plan_id: UUID) -> str:
    raw = orjson.dumps([recorded_at.isoformat(), str(plan_id)])
    return base64.urlsafe_b64encode(raw).decode()


def decode_cursor(cursor: str) -> tuple[datetime, UUID]:
    try:
        at, plan_id = orjson.loads(base64.urlsafe_b64decode(cursor.encode()))
        return datetime.fromisoformat(at), UUID(plan_id)
    except (ValueError, TypeError) as error:
        raise InvalidCursorError("cursor is not one this service issued") from error


def _row(row: asyncpg.Record) -> dict[str, Any]:
    item = dict(row)
    for key in ("plan_id", "previous_plan_id", "follow_up_plan_id"):
        item[key] = str(item[key]) if item[key] is not None else None
    item["sessions"] = orjson.loads(item["sessions"])
    for key in ("follow_up_until", "recorded_at"):
        item[key] = item[key].isoformat()
    return item


class PlanQueries:
    def __init__(self, pool: asyncpg.Pool, schema: str) -> None:
        self.pool = pool
        quoted = f'"{schema}"'
        self._list = _LIST.format(schema=quoted)
        self._due = _DUE.format(schema=quoted)

    async def plans(
        self,
        agent_id: str | None,
        status: str | None,
        reason: str | None,
        limit: int,
        cursor: str | None,
    ) -> dict[str, Any]:
        after_at, after_id = decode_cursor(cursor) if cursor else (None, None)
        rows = await self.pool.fetch(
            self._list, agent_id, status, reason, after_at, after_id, limit + 1
        )
        more = len(rows) > limit
        rows = rows[:limit]
        last = rows[-1] if more else None
        next_cursor = encode_cursor(last["recorded_at"], last["plan_id"]) if last else None
        return {"items": [_row(r) for r in rows], "next_cursor": next_cursor}

    async def due(self, now: datetime) -> list[UUID]:
        return [row["plan_id"] for row in await self.pool.fetch(self._due, now)]
