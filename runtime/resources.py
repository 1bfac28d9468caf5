"""What every service process opens at startup and closes at shutdown: its event-sourced
application and its read model's pool (with the read schema created)."""

from __future__ import annotations

import asyncio
from typing import Any, TypeVar

import asyncpg
from fastapi import FastAPI

from runtime.eventstore import ServiceApplication, open_application
from runtime.readmodel import ensure_read_schema, open_pool, read_schema
from runtime.settings import Settings

TApp = TypeVar("TApp", bound=ServiceApplication)


async def open_resources(
    app: FastAPI,
    settings: Settings,
    service: str,
    application_class: type[TApp],
    ddl: str,
    **env: Any,
) -> tuple[TApp, asyncpg.Pool, str]:
    """The application, the pool and the read schema, also kept on `app.state`."""
    pool = await open_pool(settings)
    schema = read_schema(settings, service)
    await ensure_read_schema(pool, schema, ddl)
    application = await asyncio.to_thread(
        lambda: open_application(application_class, settings, service, **env)
    )
    app.state.application, app.state.pool = application, pool
    return application, pool, schema


async def close_resources(app: FastAPI) -> None:
    await app.state.pool.close()
    app.state.application.close()
