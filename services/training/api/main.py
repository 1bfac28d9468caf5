"""The training service process: `uvicorn services.training.api.main:app`."""

from __future__ import annotations

import asyncio

from fastapi import FastAPI

from runtime.clock import Clock, SystemClock
from runtime.eventstore import open_application
from runtime.readmodel import ensure_read_schema, open_pool, read_schema
from runtime.service import Worker, create_service_app
from runtime.settings import Settings
from services.training import workers
from services.training.api import learning, programmes, verifications
from services.training.application import TrainingApplication
from services.training.readmodel.queries import TrainingQueries
from services.training.readmodel.tables import DDL


def build_app(settings: Settings, clock: Clock | None = None) -> FastAPI:
    async def startup(app: FastAPI) -> list[Worker]:
        application = await asyncio.to_thread(
            open_application, TrainingApplication, settings, "training"
        )
        application.clock = clock or SystemClock()
        pool = await open_pool(settings)
        schema = read_schema(settings, "training")
        await ensure_read_schema(pool, schema, DDL)
        outbox = workers.relay(application, settings)
        app.state.application = application
        app.state.pool = pool
        app.state.queries = TrainingQueries(pool, schema)
        app.state.relay = outbox
        return workers.all_workers(application, outbox, pool, schema, settings.namespace)

    async def shutdown(app: FastAPI) -> None:
        await app.state.pool.close()
        app.state.application.close()

    app = create_service_app(
        "training", settings, startup, shutdown, title="Training service", version="1.0.0"
    )
    app.include_router(programmes.router)
    app.include_router(learning.router)
    app.include_router(verifications.router)
    return app


app = build_app(Settings())
