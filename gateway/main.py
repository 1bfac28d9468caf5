"""The gateway process: `uvicorn gateway.main:app` (port 8080 by default)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from contracts.api.inspection import CallBatch
from contracts.call import Call
from contracts.health import Health
from gateway.docs import install_openapi
from gateway.limits import RequestLimits
from gateway.proxy import Upstream
from gateway.routes import calls, coaching, deadletters, knowledge, rulesets, training
from runtime.guards import RefuseNulCharacters
from runtime.http import install_error_handlers, problem
from runtime.settings import Settings

DESCRIPTION = """
Quality inspection (质检) for government service hotlines and call centres.
Every call posted here is inspected automatically with the rule set in force; results carry
their evidence. Authenticate with the `X-API-Key` header.
"""


UPSTREAMS = ("rules", "inspection", "knowledge", "training", "coaching")
"""The services behind the gateway; it is ready when they all are."""


def build_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        settings.refuse_default_secrets()
        app.state.settings = settings
        app.state.upstreams = {
            name: Upstream(name, settings.service_url(name)) for name in UPSTREAMS
        }
        try:
            yield
        finally:
            for upstream in app.state.upstreams.values():
                await upstream.close()

    app = FastAPI(
        title="Hotline QA gateway",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    install_error_handlers(app)
    app.add_middleware(RefuseNulCharacters)
    app.add_middleware(RequestLimits, api_key=settings.bootstrap_api_key)
    install_openapi(app, [Call, CallBatch])
    app.include_router(calls.router)
    app.include_router(rulesets.router)
    app.include_router(knowledge.router)
    app.include_router(training.router)
    app.include_router(coaching.router)
    app.include_router(deadletters.router)

    @app.get("/healthz", tags=["health"], response_model=Health)
    async def healthz() -> Health:
        return Health(status="ok")

    @app.get("/readyz", tags=["health"], response_model=Health)
    async def readyz() -> Health | JSONResponse:
        for upstream in app.state.upstreams.values():
            if not await upstream.ready():
                return problem(503, "not_ready", f"{upstream.name} service is not ready")
        return Health(status="ready")

    return app


app = build_app(Settings())
