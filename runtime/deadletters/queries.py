"""Reading dead letters: one by id, and pages newest first (keyset on first failure, id)."""

from __future__ import annotations

import base64

import asyncpg

from contracts.api.deadletters import (
    DeadLetterActionOut,
    DeadLetterListQuery,
    DeadLetterOut,
    DeadLetterPageOut,
    DeadLetterSummaryOut,
)
from contracts.envelope import Actor
from runtime.paging import InvalidCursorError, decode_cursor, encode_cursor
from runtime.readmodel import in_schema

_SUMMARY = """id, consumer, subject, stream_seq, producer, notification_id, reason, error,
    delivered, octet_length(data) AS size, first_failed_at, last_failed_at, status, acted_by,
    acted_role, acted_at, note"""
_ONE = "SELECT *, octet_length(data) AS size FROM {schema}.dead_letters WHERE id = $1"
_PAGE = f"""
SELECT {_SUMMARY} FROM {{schema}}.dead_letters
WHERE ($1::text IS NULL OR consumer = $1) AND ($2::text IS NULL OR status = $2)
    AND ($3::timestamptz IS NULL OR (first_failed_at, id) < ($3, $4))
ORDER BY first_failed_at DESC, id DESC LIMIT $5
"""


def summary(row: asyncpg.Record) -> DeadLetterSummaryOut:
    return DeadLetterSummaryOut.model_validate({**row, "action": action(row)})


def detail(row: asyncpg.Record) -> DeadLetterOut:
    data = bytes(row["data"])
    try:
        text, encoding = data.decode(), "utf-8"
    except UnicodeDecodeError:
        text, encoding = base64.b64encode(data).decode(), "base64"
    fields = {**row, "action": action(row), "data": text, "data_encoding": encoding}
    return DeadLetterOut.model_validate(fields)


def action(row: asyncpg.Record) -> DeadLetterActionOut | None:
    if row["acted_at"] is None:
        return None
    by = Actor(id=row["acted_by"], role=row["acted_role"])
    return DeadLetterActionOut(by=by, at=row["acted_at"], note=row["note"])


class DeadLetterQueries:
    def __init__(self, pool: asyncpg.Pool, schema: str) -> None:
        self.pool = pool
        self._one, self._page = in_schema(schema, _ONE, _PAGE)

    async def get(self, letter_id: int) -> asyncpg.Record | None:
        row: asyncpg.Record | None = await self.pool.fetchrow(self._one, letter_id)
        return row

    async def page(self, query: DeadLetterListQuery) -> DeadLetterPageOut:
        after, after_id = None, 0
        if query.cursor is not None:
            after, key = decode_cursor(query.cursor)
            if not key.isdigit():
                raise InvalidCursorError("cursor is not one this service handed out")
            after_id = int(key)
        rows = await self.pool.fetch(
            self._page, query.consumer, query.status, after, after_id, query.limit + 1
        )
        items = [summary(row) for row in rows[: query.limit]]
        last = items[-1] if len(rows) > query.limit else None
        cursor = encode_cursor(last.first_failed_at, str(last.id)) if last else None
        return DeadLetterPageOut(items=items, next_cursor=cursor)
