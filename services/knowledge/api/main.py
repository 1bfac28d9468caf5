"""The knowledge service process: `uvicorn services.knowledge.api.main:app`."""

from __future__ import annotations

import asyncio
import os

from fastapi import FastAPI

from runtime.clock import Clock
from runtime.eventstore import open_application
from runtime.readmodel import ensure_read_schema, open_pool, read_schema
from runtime.service import Worker, create_service_app
from runtime.settings import Settings
from services.knowledge import workers
from services.knowledge.api import articles, cases, proposals
from services.knowledge.application import KnowledgeApplication
from services.knowledge.readmodel.queries import KnowledgeQueries
from services.knowledge.readmodel.tables import DDL


def build_app(settings: Settings, clock: Clock | None = None) -> FastAPI:
    """Thresholds come from QA_KNOWLEDGE_MIN_COUNT / _MIN_SHARE / _WINDOW_DAYS (read by the
    application); detection runs every QA_KNOWLEDGE_DETECT_SECONDS (default 3600)."""
    service_clock = clock or settings.clock()
    detect_seconds = float(os.environ.get("QA_KNOWLEDGE_DETECT_SECONDS") or 3600)

    async def startup(app: FastAPI) -> list[Worker]:
        schema = read_schema(settings, "knowledge")
        pool = await open_pool(settings)
        await ensure_read_schema(pool, schema, DDL)
        application = await asyncio.to_thread(
            open_application,
            KnowledgeApplication,
            settings,
            "knowledge",
            QA_KNOWLEDGE_READ_SCHEMA=schema,
        )
        outbox = workers.relay(application, settings.namespace)
        scheduler = workers.detection_scheduler(application, outbox, service_clock, detect_seconds)
        app.state.application = application
        app.state.pool = pool
        app.state.queries = KnowledgeQueries(pool, schema)
        app.state.relay = outbox
        app.state.clock = service_clock
        return workers.all_workers(application, outbox, pool, schema, settings.namespace, scheduler)

    async def shutdown(app: FastAPI) -> None:
        await app.state.pool.close()
        app.state.application.close()

    app = create_service_app(
        "knowledge", settings, startup, shutdown, title="Knowledge service", version="1.0.0"
    )
    app.include_router(proposals.router)
    app.include_router(articles.router)
    app.include_router(cases.router)
    return app


app = build_app(Settings())
