"""Servers for the whole test session, and a fresh namespace for every test.

Servers come from, in order: QA_TEST_DATABASE_URL / QA_TEST_NATS_URL (else QA_DATABASE_URL /
QA_NATS_URL); PostgreSQL on 127.0.0.1:5432 and NATS JetStream on 127.0.0.1:4222; containers when
Docker answers; else the embedded servers (`QA_TEST_SERVERS=embedded` forces them). They start
only when a test asks for them, so unit tests need no server. See `runtime/servers.py`.

Every `Settings` handed out carries a new namespace (`t<10 hex>`), so each test gets its own
Postgres schemas, JetStream stream and subjects; they are removed at the end of the session.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, TypeVar
from uuid import uuid4

import pytest
from nats.aio.client import Client

from runtime.cipher import new_key
from runtime.eventstore import ServiceApplication, memory_application, open_application
from runtime.nats_io import connect
from runtime.servers import FoundServers, drop_namespaces, find_test_servers
from runtime.settings import Settings

os.environ.setdefault("QA_CIPHER_KEY", new_key())
"""Every application of the run, and every process it starts, encrypts with one fresh key."""


@pytest.fixture(scope="session")
def session_servers() -> Iterator[FoundServers]:
    with find_test_servers() as servers:
        yield servers


@pytest.fixture(scope="session")
def database_url(session_servers: FoundServers) -> str:
    assert session_servers.database_url is not None
    return session_servers.database_url


@pytest.fixture(scope="session")
def nats_url(session_servers: FoundServers) -> str:
    assert session_servers.nats_url is not None
    return session_servers.nats_url


@pytest.fixture(scope="session")
def make_settings(database_url: str, nats_url: str) -> Iterator[Callable[[], Settings]]:
    """A factory of `Settings` on the session's servers, each with a fresh namespace."""
    namespaces: list[str] = []

    def make() -> Settings:
        namespace = f"t{uuid4().hex[:10]}"
        namespaces.append(namespace)
        return Settings(database_url=database_url, nats_url=nats_url, namespace=namespace)

    yield make
    drop_namespaces(database_url, nats_url, namespaces)


@pytest.fixture
def settings(make_settings: Callable[[], Settings]) -> Settings:
    return make_settings()


@pytest.fixture
async def nc(settings: Settings) -> AsyncIterator[Client]:
    """A NATS connection to the test's servers."""
    client = await connect(settings, "test")
    yield client
    await client.close()


TApp = TypeVar("TApp", bound=ServiceApplication)
OpenApplication = Callable[..., Any]


@pytest.fixture(params=["memory", pytest.param("postgres", marks=pytest.mark.integration)])
def open_app(request: pytest.FixtureRequest) -> Iterator[OpenApplication]:
    """Opens a service's application on in-memory persistence, then on PostgreSQL: one
    behaviour suite runs on both. `open_app(InspectionApplication, "inspection", **env)`."""
    opened: list[ServiceApplication] = []

    def open_(cls: type[TApp], service: str, **env: Any) -> TApp:
        if request.param == "memory":
            application = memory_application(cls, **env)
        else:
            application = open_application(cls, request.getfixturevalue("settings"), service, **env)
        opened.append(application)
        return application

    yield open_
    for application in opened:
        application.close()
