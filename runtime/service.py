"""A service process: its FastAPI app, its background workers, health and readiness."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from nats.aio.client import Client
from prometheus_client import make_asgi_app

from runtime.http import install_error_handlers, problem
from runtime.nats_io import connect
from runtime.settings import Settings

log = logging.getLogger(__name__)

Worker = Callable[[Client], Coroutine[Any, Any, None]]


class Workers:
    """Runs a service's relay and consumers as tasks; a crashed worker makes it unready."""

    def __init__(self) -> None:
        self.tasks: list[asyncio.Task[None]] = []
        self.nc: Client | None = None

    async def start(self, settings: Settings, name: str, workers: list[Worker]) -> None:
        self.nc = await connect(settings, name)
        self.tasks = [asyncio.create_task(worker(self.nc)) for worker in workers]

    @property
    def healthy(self) -> bool:
        connected = self.nc is not None and self.nc.is_connected
        return connected and not any(task.done() for task in self.tasks)

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        if self.nc is not None:
            await self.nc.close()


Startup = Callable[[FastAPI], Awaitable[list[Worker]]]
Shutdown = Callable[[FastAPI], Awaitable[None]]


def create_service_app(
    name: str, settings: Settings, startup: Startup, shutdown: Shutdown, **fastapi: Any
) -> FastAPI:
    """`startup` opens the service's resources on `app.state` and returns its workers."""
    workers = Workers()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await workers.start(settings, name, await startup(app))
        log.info("%s service ready", name)
        try:
            yield
        finally:
            await workers.stop()
            await shutdown(app)

    app = FastAPI(lifespan=lifespan, **fastapi)
    install_error_handlers(app)
    app.mount("/metrics", make_asgi_app())

    @app.get("/healthz", tags=["health"])
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["health"], response_model=None)
    async def readyz() -> dict[str, str] | JSONResponse:
        if not workers.healthy:
            return problem(503, "not_ready", f"{name}: NATS or a background worker is down")
        return {"status": "ready"}

    return app
