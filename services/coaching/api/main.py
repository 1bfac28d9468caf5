"""The coaching service process: `uvicorn services.coaching.api.main:app`."""

from __future__ import annotations

from fastapi import FastAPI

from runtime.clock import Clock
from runtime.resources import close_resources, open_resources
from runtime.scheduler import Scheduler
from runtime.service import Worker, create_service_app
from runtime.settings import Settings
from services.coaching import workers
from services.coaching.api import operations, plans
from services.coaching.application import CoachingApplication
from services.coaching.jobs import CoachingJobs
from services.coaching.readmodel.figures import Figures
from services.coaching.readmodel.queries import PlanQueries
from services.coaching.readmodel.tables import DDL


def build_app(settings: Settings, clock: Clock | None = None) -> FastAPI:
    """`clock` drives selection, follow-ups and reviews (by default per QA_CLOCK_SPEED)."""
    clock = clock or settings.clock()

    async def startup(app: FastAPI) -> list[Worker]:
        application, pool, schema = await open_resources(
            app, settings, "coaching", CoachingApplication, DDL
        )
        application.clock = clock
        outbox = workers.relay(application, settings)
        app.state.queries = queries = PlanQueries(pool, schema)
        app.state.figures = figures = Figures(pool, schema)
        app.state.relay = outbox
        app.state.clock = clock
        app.state.jobs = jobs = CoachingJobs(application, figures, queries)
        scheduler = Scheduler(clock, application.config.job_seconds)
        scheduler.add_async("coaching", jobs)
        return [
            *workers.all_workers(application, outbox, pool, schema, settings.namespace),
            scheduler.run,
        ]

    app = create_service_app(
        "coaching", settings, startup, close_resources, title="Coaching service", version="1.0.0"
    )
    app.include_router(plans.router)
    app.include_router(operations.router)
    return app


app = build_app(Settings())
