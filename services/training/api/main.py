"""The training service process: `uvicorn services.training.api.main:app`."""

from __future__ import annotations

from fastapi import FastAPI

from runtime.clock import Clock
from runtime.http import map_domain_errors
from runtime.resources import close_resources, open_resources
from runtime.service import Worker, create_service_app
from runtime.settings import Settings
from services.training import workers
from services.training.api import learning, programmes, verifications
from services.training.application import TrainingApplication, UnknownProgrammeError
from services.training.domain.errors import InvalidInputError, ProgrammeError
from services.training.readmodel.queries import TrainingQueries
from services.training.readmodel.tables import DDL


def build_app(settings: Settings, clock: Clock | None = None) -> FastAPI:
    async def startup(app: FastAPI) -> list[Worker]:
        application, pool, schema = await open_resources(
            app, settings, "training", TrainingApplication, DDL
        )
        application.clock = clock or settings.clock()
        outbox = workers.relay(application, settings)
        app.state.queries = TrainingQueries(pool, schema)
        app.state.relay = outbox
        return workers.all_workers(application, outbox, pool, schema, settings.namespace)

    app = create_service_app(
        "training", settings, startup, close_resources, title="Training service", version="1.0.0"
    )
    statuses = {UnknownProgrammeError: 404, InvalidInputError: 422, ProgrammeError: 409}
    map_domain_errors(app, statuses)
    app.include_router(programmes.router)
    app.include_router(learning.router)
    app.include_router(verifications.router)
    return app


app = build_app(Settings())
