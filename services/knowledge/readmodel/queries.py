"""Questions the knowledge read model answers: article search, the case library, lists of
proposals, and which articles teach a rule."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg
import orjson

from contracts.api.knowledge import (
    ArticlePage,
    ArticleSummaryOut,
    CaseOut,
    ProposalPage,
    ProposalSummaryOut,
)
from contracts.queries import ArticleListQuery, CaseListQuery, ProposalListQuery
from runtime.paging import decode_cursor, encode_cursor
from runtime.readmodel import in_schema
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
_TAGGED = """
SELECT article_id FROM {schema}.articles WHERE rule_codes @> ARRAY[$1]::text[]
ORDER BY updated_at DESC, article_id
"""
_PROPOSALS = """
SELECT * FROM {schema}.proposals
WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR rule_code = $2)
  AND ($3::timestamptz IS NULL OR (opened_at, proposal_id::text) < ($3, $4))
ORDER BY opened_at DESC, proposal_id::text DESC
LIMIT $5
"""
_CASES = """
SELECT case_id, kind, title, summary, call_id, rule_codes, settled_answer
FROM {schema}.cases
WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR rule_codes @> ARRAY[$2])
ORDER BY added_at DESC, case_id
LIMIT $3
"""


def _after(cursor: str | None) -> tuple[datetime | None, str | None]:
    """Where a page starts: after the cursor's row, or at the top (InvalidCursorError)."""
    return decode_cursor(cursor) if cursor is not None else (None, None)


def _next_cursor(rows: list[asyncpg.Record], limit: int, at: str, key: str) -> str | None:
    """A cursor after the page's last row, when more rows follow it."""
    if len(rows) <= limit:
        return None
    last = rows[limit - 1]
    return encode_cursor(last[at], str(last[key]))


def _proposal(row: asyncpg.Record) -> ProposalSummaryOut:
    item: dict[str, Any] = dict(row)
    item["evidence"] = orjson.loads(item["evidence"])
    if item["decided_by"] is not None:
        item["decided_by"] = orjson.loads(item["decided_by"])
    return ProposalSummaryOut.model_validate(item)


class KnowledgeQueries:
    def __init__(self, pool: asyncpg.Pool, schema: str) -> None:
        self.pool = pool
        self._articles, self._tagged, self._proposals, self._cases = in_schema(
            schema, _ARTICLES, _TAGGED, _PROPOSALS, _CASES
        )

    async def articles(self, where: ArticleListQuery) -> ArticlePage:
        """Every token of `q` must be among the article's tokens (title and body)."""
        tokens = search_tokens(where.q) if where.q else None
        filters = (tokens or None, where.rule_code, where.category, where.kind)
        limit = where.limit
        rows = await self.pool.fetch(self._articles, *filters, *_after(where.cursor), limit + 1)
        items = [ArticleSummaryOut.model_validate(dict(row)) for row in rows[:limit]]
        return ArticlePage(
            items=items, next_cursor=_next_cursor(rows, limit, "updated_at", "article_id")
        )

    async def tagged_articles(self, rule_code: str) -> list[UUID]:
        """Ids of the articles whose current revision is tagged with the rule, newest first."""
        return [row["article_id"] for row in await self.pool.fetch(self._tagged, rule_code)]

    async def cases(self, where: CaseListQuery) -> list[CaseOut]:
        """The case library, newest first."""
        rows = await self.pool.fetch(self._cases, where.kind, where.rule_code, where.limit)
        return [CaseOut.model_validate(dict(row)) for row in rows]

    async def proposals(self, where: ProposalListQuery) -> ProposalPage:
        limit = where.limit
        filters = (where.status, where.rule_code, *_after(where.cursor))
        rows = await self.pool.fetch(self._proposals, *filters, limit + 1)
        items = [_proposal(row) for row in rows[:limit]]
        return ProposalPage(
            items=items, next_cursor=_next_cursor(rows, limit, "opened_at", "proposal_id")
        )
