"""PostgreSQL down: a request that needs it is answered 503 `database_unavailable` (through the
event store's psycopg pool and the read model's asyncpg pool alike), the service says it is
not ready, and both come back when PostgreSQL does.

The services reach PostgreSQL through a TCP proxy that the test cuts (every connection closed,
new ones refused, as when the server goes away) and mends.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any

import httpx
import pytest

from runtime.settings import Settings
from tests.stack import service_app
from tests.support import wait_for
from tests.tcp_proxy import TcpProxy

pytestmark = pytest.mark.integration


@contextlib.contextmanager
def proxied(settings: Settings) -> Iterator[tuple[TcpProxy, Settings]]:
    assert settings.database_url is not None
    with TcpProxy(settings.database_url) as proxy:
        yield proxy, replace(settings, database_url=proxy.url)


@asynccontextmanager
async def running(name: str, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = service_app(name, settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=f"http://{name}") as client:
            yield client


def answers(client: httpx.AsyncClient, path: str, status: int) -> Callable[[], Any]:
    async def check() -> bool:
        return (await client.get(path)).status_code == status

    return check


async def test_the_event_store_down_is_503_and_not_ready(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # eventsourcing tries a statement 10 times, each waiting this long for a connection
    monkeypatch.setenv("POSTGRES_CONNECT_TIMEOUT", "1")
    with proxied(settings) as (proxy, via_proxy):
        async with running("rules", via_proxy) as rules:
            assert (await rules.post("/v1/rulesets", json={"rules": []})).status_code == 201
            proxy.cut()
            answer = await rules.post("/v1/rulesets", json={"rules": []})
            assert answer.status_code == 503, answer.text
            assert answer.json()["error"] == "database_unavailable"
            assert answer.headers["Retry-After"]
            assert (await rules.get("/readyz")).status_code == 503
            proxy.mend()
            await wait_for(answers(rules, "/readyz", 200), what="ready again")
            await wait_for(answers(rules, "/v1/rulesets", 200), what="the event store again")


async def test_the_read_model_down_is_503(settings: Settings) -> None:
    with proxied(settings) as (proxy, via_proxy):
        async with running("inspection", via_proxy) as inspection:
            assert (await inspection.get("/v1/inspections")).status_code == 200
            proxy.cut()
            answer = await inspection.get("/v1/inspections")
            assert answer.status_code == 503, answer.text
            assert answer.json()["error"] == "database_unavailable"
            proxy.mend()
            await wait_for(answers(inspection, "/v1/inspections", 200), what="the read model")
