"""Replicas of a service starting at once on a new installation: each creates the service's
read schema and its event store, and none may fail its startup for the others doing the same
(`CREATE ... IF NOT EXISTS` alone is not safe against a concurrent `CREATE`).

What two inspection processes started at once do, by REPLICAS at once on ROUNDS new
namespaces, for the chance of a collision to be certainty."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from runtime.eventstore import open_application
from runtime.readmodel import ensure_read_schema, open_pool
from runtime.settings import Settings
from services.inspection.application import InspectionApplication
from services.inspection.readmodel.tables import DDL

pytestmark = pytest.mark.integration

REPLICAS, ROUNDS = 4, 10


async def test_replicas_create_a_new_read_schema_at_once(settings: Settings) -> None:
    """What a replica does first (without a lock, about half the pairs of inspection processes
    started at once failed here)."""
    pool = await open_pool(settings, max_size=REPLICAS)
    try:
        failures = []
        for round_ in range(ROUNDS):
            schema = f"{settings.namespace}_replicas{round_}_read"
            starts = [ensure_read_schema(pool, schema, DDL) for _ in range(REPLICAS)]
            results = await asyncio.gather(*starts, return_exceptions=True)
            failures += [repr(result) for result in results if isinstance(result, Exception)]
        assert not failures, failures
    finally:
        await pool.close()


async def test_replicas_open_a_new_event_store_at_once(settings: Settings) -> None:
    """What a replica does next (4 pairs in 5 of inspection processes started at once failed
    here, once their read schemas were safe)."""

    def start(namespace: str) -> None:
        application = open_application(
            InspectionApplication, replace(settings, namespace=namespace), "inspection"
        )
        application.close()

    failures = []
    for round_ in range(ROUNDS):
        namespace = f"{settings.namespace}_replicas{round_}"
        starts = [asyncio.to_thread(start, namespace) for _ in range(REPLICAS)]
        results = await asyncio.gather(*starts, return_exceptions=True)
        failures += [repr(result) for result in results if isinstance(result, Exception)]
    assert not failures, failures
