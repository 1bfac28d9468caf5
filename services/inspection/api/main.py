"""The inspection service process: `uvicorn services.inspection.api.main:app`."""

from __future__ import annotations

from fastapi import FastAPI

from runtime.clock import Clock
from runtime.resources import close_resources, open_resources
from runtime.scheduler import Scheduler
from runtime.service import Worker, create_service_app
from runtime.settings import Settings
from services.inspection import workers
from services.inspection.api import calls, inspections, verifications
from services.inspection.application import InspectionApplication
from services.inspection.readmodel.queries import InspectionQueries
from services.inspection.readmodel.rates import ViolationRates
from services.inspection.readmodel.tables import DDL
from services.inspection.verification_job import VerificationJob


def build_app(settings: Settings, clock: Clock | None = None) -> FastAPI:
    """`clock` drives the periodic verification check (by default per QA_CLOCK_SPEED)."""
    clock = clock or settings.clock()

    async def startup(app: FastAPI) -> list[Worker]:
        application, pool, schema = await open_resources(
            app,
            settings,
            "inspection",
            InspectionApplication,
            DDL,
            QA_GRADE_THRESHOLDS=settings.grade_thresholds,
        )
        outbox = workers.relay(application, settings)
        app.state.queries = InspectionQueries(pool, schema)
        app.state.relay = outbox
        app.state.clock = clock
        app.state.verification_job = job = VerificationJob(
            application, ViolationRates(pool, schema)
        )
        scheduler = Scheduler(clock, settings.verify_check_seconds)
        scheduler.add_async("verifications", job)
        return [
            *workers.all_workers(application, outbox, pool, schema, settings.namespace),
            scheduler.run,
        ]

    app = create_service_app(
        "inspection",
        settings,
        startup,
        close_resources,
        title="Inspection service",
        version="1.0.0",
    )
    app.include_router(calls.router)
    app.include_router(inspections.router)
    app.include_router(verifications.router)
    return app


app = build_app(Settings())
