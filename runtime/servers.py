"""Finding PostgreSQL and NATS JetStream for a test run, and cleaning up after it.

Order of preference, per server (the architecture page, "Embedded default and real servers"):

1. named by the environment: `QA_TEST_DATABASE_URL` / `QA_TEST_NATS_URL`, else
   `QA_DATABASE_URL` / `QA_NATS_URL`;
2. already listening on the standard local ports: PostgreSQL on 127.0.0.1:5432 (trust auth,
   user and database `postgres`) and NATS with JetStream on 127.0.0.1:4222;
3. containers (`testcontainers`), when a Docker engine answers;
4. the embedded servers, under a temporary folder removed afterwards.

`QA_TEST_SERVERS=embedded` skips steps 2 and 3 (the environment still wins).
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Coroutine, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import nats
import psycopg
from nats.aio.client import Client
from psycopg import sql

from runtime.embedded import EmbeddedServers
from runtime.embedded.postgres import postgres_answers
from runtime.embedded.process import wait_until

log = logging.getLogger(__name__)

LOCAL_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
LOCAL_NATS_URL = "nats://127.0.0.1:4222"
POSTGRES_IMAGE = "postgres:16-alpine"
NATS_IMAGE = "nats:2.10-alpine"

T = TypeVar("T")


@dataclass
class FoundServers:
    database_url: str | None = None
    nats_url: str | None = None
    sources: dict[str, str] = field(default_factory=dict)

    def missing(self) -> tuple[bool, bool]:
        """(PostgreSQL missing, NATS missing)."""
        return self.database_url is None, self.nats_url is None

    def take(self, source: str, database_url: str | None, nats_url: str | None) -> None:
        if self.database_url is None and database_url:
            self.database_url, self.sources["postgres"] = database_url, source
        if self.nats_url is None and nats_url:
            self.nats_url, self.sources["nats"] = nats_url, source


def run_coroutine(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to completion on a fresh loop in a helper thread (safe inside a loop)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


async def _ignore_error(error: Exception) -> None:
    pass


async def _connect(url: str, connect_timeout: float) -> Client:
    return await nats.connect(
        url, connect_timeout=connect_timeout, allow_reconnect=False, error_cb=_ignore_error
    )


def jetstream_answers(url: str, timeout: float = 3.0) -> bool:
    """Whether a real client connection to `url` finds JetStream enabled."""

    async def probe() -> bool:
        client = await _connect(url, timeout)
        try:
            await client.jetstream().account_info()
            return True
        finally:
            await client.close()

    try:
        return run_coroutine(probe)
    except Exception:
        return False


def docker_answers() -> bool:
    try:
        docker = importlib.import_module("docker")
        docker.from_env(timeout=3).ping()
        return True
    except Exception:
        return False


def _env(*names: str) -> str | None:
    return next((value for name in names if (value := os.environ.get(name))), None)


@contextmanager
def _containers(postgres: bool, nats_server: bool) -> Iterator[tuple[str | None, str | None]]:
    core = importlib.import_module("testcontainers.core.container")
    with ExitStack() as stack:
        database_url = nats_url = None
        if postgres:
            try:
                module = importlib.import_module("testcontainers.community.postgres")
            except ImportError:
                module = importlib.import_module("testcontainers.postgres")
            container = module.PostgresContainer(
                POSTGRES_IMAGE,
                username="postgres",
                password="postgres",
                dbname="postgres",
                driver=None,  # a plain postgresql:// URL
            )
            database_url = str(stack.enter_context(container).get_connection_url())
        if nats_server:
            container = core.DockerContainer(NATS_IMAGE).with_command("-js")
            started = stack.enter_context(container.with_exposed_ports(4222))
            host, port = started.get_container_host_ip(), started.get_exposed_port(4222)
            nats_url = f"nats://{host}:{port}"
            wait_until(lambda: jetstream_answers(nats_url), 60, f"NATS container at {nats_url}")
        yield database_url, nats_url


@contextmanager
def _embedded(postgres: bool, nats_server: bool) -> Iterator[tuple[str | None, str | None]]:
    data_dir = Path(tempfile.mkdtemp(prefix="qa-test-"))  # short: unix socket paths are limited
    try:
        with EmbeddedServers(data_dir, postgres=postgres, nats=nats_server) as urls:
            yield urls.database_url, urls.nats_url
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


@contextmanager
def find_test_servers() -> Iterator[FoundServers]:
    """PostgreSQL and NATS JetStream URLs for a test session, in the order of preference."""
    found = FoundServers()
    found.take(
        "environment",
        _env("QA_TEST_DATABASE_URL", "QA_DATABASE_URL"),
        _env("QA_TEST_NATS_URL", "QA_NATS_URL"),
    )
    with ExitStack() as stack:
        if os.environ.get("QA_TEST_SERVERS", "auto") != "embedded":
            local_pg = found.database_url is None and postgres_answers(LOCAL_DATABASE_URL)
            local_nats = found.nats_url is None and jetstream_answers(LOCAL_NATS_URL)
            found.take(
                "local ports",
                LOCAL_DATABASE_URL if local_pg else None,
                LOCAL_NATS_URL if local_nats else None,
            )
            if any(found.missing()) and docker_answers():
                found.take("containers", *stack.enter_context(_containers(*found.missing())))
        if any(found.missing()):
            found.take("embedded", *stack.enter_context(_embedded(*found.missing())))
        log.info("test servers: %s", found.sources)
        yield found


def drop_namespace_schemas(database_url: str, namespaces: Iterable[str]) -> None:
    """Drop every schema named `<namespace>` or `<namespace>_...` (best effort)."""
    prefixes = tuple(namespaces)
    if not prefixes:
        return
    with psycopg.connect(database_url, autocommit=True, connect_timeout=5) as conn:
        conn.execute("SET lock_timeout = '5s'")
        names = [row[0] for row in conn.execute("SELECT nspname FROM pg_namespace").fetchall()]
        for name in names:
            if any(name == ns or name.startswith(f"{ns}_") for ns in prefixes):
                try:
                    conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(name)))
                except psycopg.Error as error:
                    log.warning("could not drop schema %s: %s", name, error)


def delete_namespace_streams(nats_url: str, namespaces: Iterable[str]) -> None:
    """Delete every JetStream stream whose name contains a namespace (best effort)."""
    tokens = [ns.lower() for ns in namespaces]
    if not tokens:
        return

    async def delete() -> None:
        client = await _connect(nats_url, 5.0)
        try:
            js = client.jetstream()
            for info in await js.streams_info():
                name = info.config.name or ""
                if any(token in name.lower() for token in tokens):
                    await js.delete_stream(name)
        finally:
            await client.close()

    run_coroutine(delete)


def drop_namespaces(database_url: str, nats_url: str, namespaces: Iterable[str]) -> None:
    """Remove what test runs left on shared servers; failures are logged, never raised."""
    wanted = list(namespaces)
    try:
        drop_namespace_schemas(database_url, wanted)
    except Exception as error:
        log.warning("could not drop the test schemas: %s", error)
    try:
        delete_namespace_streams(nats_url, wanted)
    except Exception as error:
        log.warning("could not delete the test streams: %s", error)
