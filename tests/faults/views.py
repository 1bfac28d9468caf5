"""What each part of the system holds of a namespace's calls, read as an auditor would: the
inspection event store, the stream, the inspection API, and the knowledge and coaching read
models (their own queries where they have them)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar, cast

import asyncpg
import httpx
from nats.aio.client import Client
from nats.js.errors import NotFoundError

from contracts.comparison import Counts
from contracts.events import IntegrationEvent, payload_of
from contracts.inspection import InspectionCompleted
from runtime.nats_io import producer_message_count
from runtime.readmodel import read_schema
from runtime.settings import Settings
from services.coaching.readmodel.figures import Figures
from services.inspection.domain.call import call_aggregate_id
from tests.contracts_io import read_all

E = TypeVar("E", bound=IntegrationEvent)

MONTH = (datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC))
"""The month the test calls started in (tests/e2e/calls.py `make_call`)."""

_STORED = """
SELECT originator_id, topic FROM "{schema}".inspection_events WHERE originator_id = ANY($1)
"""
_COUNTS = {
    "listed": 'SELECT count(*) FROM "{inspection}".inspections',
    "knowledge": 'SELECT count(*) FROM "{knowledge}".inspected_calls',
    "coaching": 'SELECT count(*) FROM "{coaching}".agent_calls WHERE passed IS NOT NULL'
    " AND duration_ms IS NOT NULL",
}


@dataclass(frozen=True)
class AgentFigures:
    calls: int
    inspected: Counts


class Views:
    def __init__(
        self, settings: Settings, conn: asyncpg.Connection, pool: asyncpg.Pool, nc: Client
    ) -> None:
        self.settings = settings
        self.conn = conn
        self.nc = nc
        self.schemas = {
            "inspection": read_schema(settings, "inspection"),
            "knowledge": read_schema(settings, "knowledge"),
            "coaching": read_schema(settings, "coaching"),
        }
        self.figures = Figures(pool, self.schemas["coaching"])

    async def progress(self) -> dict[str, int]:
        """Cheap counts of each view, to wait on."""
        counts = {
            view: int(await self.conn.fetchval(query.format(**self.schemas)) or 0)
            for view, query in _COUNTS.items()
        }
        js = self.nc.jetstream()
        try:
            streamed = await producer_message_count(js, self.settings.namespace, "inspection")
        except NotFoundError:  # the stream is gone, until a relay or a consumer makes it again
            streamed = 0
        counts["streamed"] = streamed
        return counts

    async def stored(self, call_ids: Iterable[str]) -> tuple[Counter[str], Counter[str]]:
        """Per call, its `Received` and `Inspected` events in the inspection event store."""
        by_id = {call_aggregate_id(call_id): call_id for call_id in call_ids}
        query = _STORED.format(schema=self.settings.schema("inspection"))
        received, inspected = Counter[str](), Counter[str]()
        for row in await self.conn.fetch(query, list(by_id)):
            call_id = by_id[row["originator_id"]]
            received[call_id] += row["topic"].endswith("InspectedCall.Received")
            inspected[call_id] += row["topic"].endswith("InspectedCall.Inspected")
        return received, inspected

    async def streamed(self, kind: type[E]) -> list[E]:
        """Every event of one of the inspection service's types on the stream."""
        namespace = self.settings.namespace
        events = [
            payload_of(e) for e in await read_all(self.nc, namespace, "inspection", kind.__name__)
        ]
        assert all(isinstance(event, kind) for event in events)
        return cast(list[E], events)

    async def knowledge(self) -> tuple[Counter[str], Counter[tuple[str, str]]]:
        """The calls and the findings the knowledge service counts."""
        schema = self.schemas["knowledge"]
        calls = await self.conn.fetch(f'SELECT call_id FROM "{schema}".inspected_calls')
        findings = await self.conn.fetch(f'SELECT call_id, rule_code FROM "{schema}".findings')
        pairs = Counter((row["call_id"], row["rule_code"]) for row in findings)
        return Counter(row["call_id"] for row in calls), pairs

    async def coaching(self) -> tuple[Counter[str], dict[str, AgentFigures]]:
        """The calls the coaching service counts, and each agent's figures for the month."""
        schema = self.schemas["coaching"]
        rows = await self.conn.fetch(f'SELECT call_id FROM "{schema}".agent_calls')
        figures = {
            month.agent_id: AgentFigures(
                month.calls, await self.figures.counts(month.agent_id, [], *MONTH)
            )
            for month in await self.figures.month(*MONTH)
        }
        return Counter(row["call_id"] for row in rows), figures


async def listed(client: httpx.AsyncClient) -> Counter[str]:
    """Every call id `GET /v1/inspections` lists, page after page."""
    found: Counter[str] = Counter()
    cursor: str | None = None
    while True:
        params = {"limit": 500} | ({"cursor": cursor} if cursor else {})
        answer = await client.get("/v1/inspections", params=params)
        assert answer.status_code == 200, answer.text
        page = answer.json()
        found.update(item["call_id"] for item in page["items"])
        if not (cursor := page["next_cursor"]):
            return found


def expected_figures(results: Iterable[InspectionCompleted]) -> dict[str, AgentFigures]:
    """Each agent's figures as the inspections say they must be."""
    calls: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    for event in results:
        calls[event.header.agent_id] += 1
        failed[event.header.agent_id] += not event.result.passed
    return {
        agent: AgentFigures(n, Counts(calls=n, violating=failed[agent]))
        for agent, n in calls.items()
    }
