"""A service process, built from its declaration: FastAPI app, supervised workers, health, and
the dead-letter API every service has (`/v1/dead-letters`).

Liveness (`/healthz`) fails only when a worker has kept failing for a bounded time while NATS
was up, so that an orchestrator restarts the process. Readiness (`/readyz`) means "can accept
and store requests": PostgreSQL answers and the service's own condition holds (inspection: a rule
set is in force). A NATS outage affects neither: events wait in the outbox until it is back.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypeVar

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from prometheus_client import make_asgi_app

from contracts.health import Health
from runtime.clock import Clock
from runtime.deadletters import api as dead_letters
from runtime.deadletters.desk import ERRORS as DEAD_LETTER_ERRORS
from runtime.declaration import ServiceContext, ServiceDeclaration
from runtime.event_limits import EventTooLargeError
from runtime.eventstore import ServiceApplication
from runtime.guards import RefuseNulCharacters
from runtime.http import install_error_handlers, map_domain_errors, problem
from runtime.paging import InvalidCursorError
from runtime.settings import Settings
from runtime.supervisor import Supervisor
from runtime.wiring import open_context, relay_for, workers_of

log = logging.getLogger(__name__)

TApp = TypeVar("TApp", bound=ServiceApplication)
PING_SECONDS = 2.0


def build_service_app(
    service: ServiceDeclaration[TApp], settings: Settings, clock: Clock | None = None
) -> FastAPI:
    """The service's ASGI app; `clock` drives its jobs and commands (default: QA_CLOCK_SPEED)."""
    service_clock = clock or settings.clock()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        context = await open_context(service, settings, service_clock)
        supervisor = Supervisor(
            settings, service.name, workers_of(service, context, relay_for(service, context))
        )
        app.state.context, app.state.supervisor = context, supervisor
        supervisor.start()
        log.info("%s service started", service.name)
        try:
            yield
        finally:
            await supervisor.stop()
            await context.pool.close()
            context.application.close()

    app = FastAPI(lifespan=lifespan, title=service.title, version="1.0.0")
    install_error_handlers(app)
    app.add_middleware(RefuseNulCharacters)
    common = {InvalidCursorError: 422, EventTooLargeError: 413, **DEAD_LETTER_ERRORS}
    map_domain_errors(app, common | dict(service.errors))
    app.mount("/metrics", make_asgi_app())
    for router in [*service.routers, dead_letters.router]:
        app.include_router(router)
    install_health(app, service)
    return app


def install_health(app: FastAPI, service: ServiceDeclaration[TApp]) -> None:
    @app.get("/healthz", tags=["health"], response_model=Health)
    async def healthz(request: Request) -> Health | JSONResponse:
        supervisor: Supervisor = request.app.state.supervisor
        if not supervisor.alive:
            failing = ", ".join(supervisor.failing())
            return problem(503, "not_alive", f"{service.name}: workers keep failing: {failing}")
        return Health(status="ok")

    @app.get("/readyz", tags=["health"], response_model=Health)
    async def readyz(request: Request) -> Health | JSONResponse:
        context: ServiceContext[TApp] = request.app.state.context
        try:
            await asyncio.wait_for(context.pool.fetchval("SELECT 1"), PING_SECONDS)
        except Exception as error:
            return problem(503, "not_ready", f"{service.name}: PostgreSQL unreachable ({error})")
        if reason := await asyncio.to_thread(service.unready_reason, context.application):
            return problem(503, "not_ready", f"{service.name}: {reason}")
        return Health(status="ready")
