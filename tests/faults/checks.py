"""`assert_exactly_once`: after a fault, every accepted call stored, inspected, listed and
counted downstream exactly once, and nothing else."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager

import asyncpg
import httpx

from contracts.inspection import CallReceived, InspectionCompleted
from runtime.nats_io import connect
from tests.faults.report import FaultRun
from tests.faults.system import System
from tests.faults.views import Views, expected_figures, listed
from tests.support import wait_for

RECOVERY_SECONDS = 60.0
SAMPLES = 3
"""Calls also read back one by one through `GET /v1/calls/{call_id}`."""


@asynccontextmanager
async def views_of(system: System) -> AsyncIterator[Views]:
    settings = system.settings
    assert settings.database_url is not None
    conn = await asyncpg.connect(settings.database_url)
    pool = await asyncpg.create_pool(settings.database_url, min_size=1, max_size=1)
    nc = await connect(settings, "fault-checker")
    try:
        yield Views(settings, conn, pool, nc)
    finally:
        await nc.close()
        await pool.close()
        await conn.close()


async def assert_exactly_once(
    system: System,
    call_ids: Collection[str],
    run: FaultRun,
    since: float,
    seconds: float = RECOVERY_SECONDS,
) -> None:
    """Wait until every view holds `call_ids` (at most `seconds`), then assert each
    holds every one of them exactly once and no other call; `run` records the calls posted,
    lost and doubled, and the seconds from `since` (time.monotonic()) until all was in place."""
    expected = set(call_ids)
    run.posted = len(expected)
    n = len(expected)
    target = {"listed": n, "knowledge": n, "coaching": n, "streamed": 2 * n}
    async with views_of(system) as views, system.client() as client:

        async def converged() -> bool:
            return await views.progress() == target

        try:
            await wait_for(converged, seconds, f"every view to hold {n} calls")
            run.recovery_seconds = time.monotonic() - since
        except AssertionError:
            pass  # what is missing or doubled is reported below
        await _check(views, client, expected, run)


async def _check(
    views: Views, client: httpx.AsyncClient, expected: set[str], run: FaultRun
) -> None:
    stored, inspected = await views.stored(expected)
    completed = await views.streamed(InspectionCompleted)
    received = await views.streamed(CallReceived)
    known, findings = await views.knowledge()
    coached, figures = await views.coaching()
    per_call = {
        "stored": stored,
        "inspected in the store": inspected,
        "InspectionCompleted on the stream": Counter(e.header.call_id for e in completed),
        "CallReceived on the stream": Counter(e.header.call_id for e in received),
        "listed": await listed(client),
        "counted by knowledge": known,
        "counted by coaching": coached,
    }
    run.lost = len({c for c in expected for counts in per_call.values() if counts[c] == 0})
    run.doubled = len({c for counts in per_call.values() for c, k in counts.items() if k > 1})
    wrong = [_difference(v, counts, expected) for v, counts in per_call.items()]
    assert not any(wrong), "\n".join(w for w in wrong if w)
    results = {e.header.call_id: e for e in completed}
    wanted = Counter({(c, f.rule_code) for c, e in results.items() for f in e.result.findings})
    assert findings == wanted, "knowledge's findings differ from the inspections'"
    assert figures == expected_figures(results.values()), "coaching's figures are wrong"
    for call_id in sorted(expected)[:: max(1, len(expected) // SAMPLES)]:
        answer = await client.get(f"/v1/calls/{call_id}")
        assert answer.status_code == 200, answer.text
        stored_call = answer.json()
        assert stored_call["status"] == "inspected", stored_call
        assert stored_call["inspection"]["score"] == results[call_id].result.score


def _difference(view: str, counts: Counter[str], expected: set[str]) -> str:
    """What `view` holds wrong (nothing: an empty string)."""
    if counts == Counter(expected):
        return ""
    missing = sorted(expected - set(counts))
    doubled = sorted(c for c, k in counts.items() if k > 1)
    unexpected = sorted(set(counts) - expected)
    return (
        f"{view}: {len(missing)} missing {missing[:5]}, {len(doubled)} more than once "
        f"{doubled[:5]}, {len(unexpected)} unexpected {unexpected[:5]}"
    )
