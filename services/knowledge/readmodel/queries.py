"""Questions the knowledge read model answers: article search and lists of proposals."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

import asyncpg
import orjson

from services.knowledge.readmodel.tokens import search_tokens

_ARTICLES = """
SELECT article_id, kind, title, revision, rule_codes, categories, updated_at
FROM {schema}.articles
WHERE ($1::text[] IS NULL OR tokens @> $1)
  AND ($2::text IS NULL OR rule_codes @> ARRAY[$2])
  AND ($3::text IS NULL OR categories @> ARRAY[$3])
  AND ($4::text IS NULL OR kind = $4)
  AND ($5::timestamptz IS NULL OR (updated_at, article_id::text) < ($5, $6))
ORDER BY updated_at DESC, article_id::text DESC
LIMIT $7
"""
_PROPOSALS = """
SELECT * FROM {schema}.proposals
WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR rule_code = $2)
  AND ($3::timestamptz IS NULL OR (opened_at, proposal_id::text) < ($3, $4))
ORDER BY opened_at DESC, proposal_id::text DESC
LIMIT $5
"""


def encode_cursor(at: datetime, key: str) -> str:
    return base64.urlsafe_b64encode(orjson.dumps([at.isoformat(), key])).decode()


def decode_cursor(cursor: str | None) -> tuple[datetime | None, str | None]:
    """Raises ValueError on a cursor this API did not hand out."""
    if cursor is None:
        return None, None
    try:
        at, key = orjson.loads(base64.urlsafe_b64decode(cursor.encode()))
        return datetime.fromisoformat(at), str(key)
    except Exception as error:
        raise ValueError("cursor is not valid") from error


def _page(
    rows: list[asyncpg.Record], limit: int, at: str, key: str
) -> tuple[list[dict[str, Any]], str | None]:
    items = [dict(row) for row in rows[:limit]]
    more = len(rows) > limit
    return items, encode_cursor(items[-1][at], str(items[-1][key])) if more else None


_CASES = """
SELECT case_id, kind, title, summary, call_id, rule_codes, settled_answer
FROM {schema}.cases
WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR rule_codes @> ARRAY[$2])
ORDER BY added_at DESC, case_id
LIMIT $3
"""


class KnowledgeQueries:
    def __init__(self, pool: asyncpg.Pool, schema: str) -> None:
        self.pool = pool
        self._articles = _ARTICLES.format(schema=f'"{schema}"')
        self._proposals = _PROPOSALS.format(schema=f'"{schema}"')
        self._cases = _CASES.format(schema=f'"{schema}"')

    async def cases(
        self, kind: str | None, rule_code: str | None, limit: int
    ) -> list[dict[str, Any]]:
        """The case library, newest first."""
        return [dict(row) for row in await self.pool.fetch(self._cases, kind, rule_code, limit)]

    async def articles(
        self,
        q: str | None,
        rule_code: str | None,
        category: str | None,
        kind: str | None,
        limit: int,
        cursor: str | None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Every token of `q` must be among the article's tokens (title and body)."""
        tokens = search_tokens(q) if q else None
        after = decode_cursor(cursor)
        rows = await self.pool.fetch(
            self._articles, tokens or None, rule_code, category, kind, *after, limit + 1
        )
        return _page(rows, limit, "updated_at", "article_id")

    async def proposals(
        self, status: str | None, rule_code: str | None, limit: int, cursor: str | None
    ) -> tuple[list[dict[str, Any]], str | None]:
        after = decode_cursor(cursor)
        rows = await self.pool.fetch(self._proposals, status, rule_code, *after, limit + 1)
        items, next_cursor = _page(rows, limit, "opened_at", "proposal_id")
        for item in items:
            item["evidence"] = orjson.loads(item["evidence"])
            if item["decided_by"] is not None:
                item["decided_by"] = orjson.loads(item["decided_by"])
        return items, next_cursor
