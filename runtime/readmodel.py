"""asyncpg pools and schemas for read models (disposable: rebuilt from events)."""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg

from runtime.leadership import lock_id
from runtime.settings import Settings

CONNECT_SECONDS = 5.0
COMMAND_SECONDS = 60.0
"""A silent PostgreSQL (packets dropped) fails a read within these bounds instead of hanging."""

TRACKING_DDL = """
CREATE TABLE IF NOT EXISTS {schema}.tracking (
    consumer text NOT NULL,
    producer text NOT NULL,
    notification_id bigint NOT NULL,
    PRIMARY KEY (consumer, producer, notification_id)
)
"""


def in_schema(schema: str, *statements: str) -> tuple[str, ...]:
    """The statements with their `{schema}` replaced by `schema`, quoted."""
    return tuple(statement.format(schema=f'"{schema}"') for statement in statements)


def read_schema(settings: Settings, service: str) -> str:
    return f"{settings.schema(service)}_read"


async def open_pool(settings: Settings, min_size: int = 1, max_size: int = 8) -> asyncpg.Pool:
    if settings.database_url is None:
        raise RuntimeError("no database URL configured (QA_DATABASE_URL)")
    pool = await asyncpg.create_pool(
        settings.database_url,
        min_size=min_size,
        max_size=max_size,
        timeout=CONNECT_SECONDS,
        command_timeout=COMMAND_SECONDS,
    )
    assert pool is not None
    return pool


async def ensure_read_schema(pool: asyncpg.Pool, schema: str, ddl: str) -> None:
    """Create the schema, the tracking table and the model's tables (`ddl` uses `{schema}`)."""
    async with pool.acquire() as conn, conn.transaction():
        # Replicas starting at once: IF NOT EXISTS is not safe against a concurrent CREATE.
        await conn.execute("SELECT pg_advisory_xact_lock($1)", lock_id(f"ddl:{schema}"))
        await conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
        for statement in in_schema(schema, TRACKING_DDL, ddl):
            if statement:
                await conn.execute(statement)


def columns(rows: Sequence[Sequence[object]]) -> list[list[object]]:
    """Rows as columns, for one `INSERT ... SELECT * FROM unnest($1, $2, ...)` per batch."""
    return [list(column) for column in zip(*rows, strict=True)]
