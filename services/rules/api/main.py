"""The rules service process: `uvicorn services.rules.api.main:app`."""

from __future__ import annotations

import asyncio

from fastapi import FastAPI

from runtime.eventstore import open_application
from runtime.relay import service_relay
from runtime.service import Worker, create_service_app
from runtime.settings import Settings
from services.rules.api import rules, rulesets
from services.rules.application import RulesApplication
from services.rules.contract_mapping import to_contract

PRODUCER = "rules"


def build_app(settings: Settings) -> FastAPI:
    async def startup(app: FastAPI) -> list[Worker]:
        application = await asyncio.to_thread(
            open_application, RulesApplication, settings, PRODUCER
        )
        relay = service_relay(application, PRODUCER, settings, to_contract)
        app.state.application = application
        app.state.relay = relay
        return [relay.run]

    async def shutdown(app: FastAPI) -> None:
        app.state.application.close()

    app = create_service_app(
        PRODUCER, settings, startup, shutdown, title="Rules service", version="1.0.0"
    )
    app.include_router(rulesets.router)
    app.include_router(rules.router)
    return app


app = build_app(Settings())
