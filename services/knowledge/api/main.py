"""The knowledge service process: `uvicorn services.knowledge.api.main:app`."""

from __future__ import annotations

from fastapi import FastAPI

from runtime.clock import Clock
from runtime.http import map_domain_errors
from runtime.readmodel import read_schema
from runtime.resources import close_resources, open_resources
from runtime.service import Worker, create_service_app
from runtime.settings import Settings
from services.knowledge import workers
from services.knowledge.api import articles, cases, digests, proposals
from services.knowledge.application import KnowledgeApplication
from services.knowledge.domain.article import ArticleError
from services.knowledge.domain.case import CaseError
from services.knowledge.domain.proposal import ProposalDecidedError
from services.knowledge.errors import NotFoundError
from services.knowledge.readmodel.queries import KnowledgeQueries
from services.knowledge.readmodel.tables import DDL


def build_app(settings: Settings, clock: Clock | None = None) -> FastAPI:
    """Detection and the digest run on `clock` (by default per QA_CLOCK_SPEED); their
    settings: services/knowledge/config.py."""
    service_clock = clock or settings.clock()

    async def startup(app: FastAPI) -> list[Worker]:
        application, pool, schema = await open_resources(
            app,
            settings,
            "knowledge",
            KnowledgeApplication,
            DDL,
            QA_KNOWLEDGE_READ_SCHEMA=read_schema(settings, "knowledge"),
        )
        outbox = workers.relay(application, settings)
        scheduler = workers.detection_scheduler(
            application, outbox, service_clock, application.config.detect_seconds
        )
        app.state.queries = KnowledgeQueries(pool, schema)
        app.state.relay = outbox
        app.state.clock = service_clock
        return workers.all_workers(application, outbox, pool, schema, settings.namespace, scheduler)

    app = create_service_app(
        "knowledge", settings, startup, close_resources, title="Knowledge service", version="1.0.0"
    )
    map_domain_errors(
        app, {NotFoundError: 404, ProposalDecidedError: 409, ArticleError: 409, CaseError: 422}
    )
    app.include_router(proposals.router)
    app.include_router(articles.router)
    app.include_router(cases.router)
    app.include_router(digests.router)
    return app


app = build_app(Settings())
