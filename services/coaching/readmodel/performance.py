"""Projects the inspection service's CallReceived and InspectionCompleted (which carries every
finding's rule code) into one row per call (`agent_calls`), in batches; the events of a call
may come in any order."""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg

from contracts.envelope import Envelope
from contracts.events import payload_of
from contracts.inspection import CallHeader, CallReceived, InspectionCompleted
from runtime.readmodel import columns, in_schema

_COLUMNS = "call_id, agent_id, team_id, started_at"
_UNNEST = "unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]"

_CALLS = f"""
INSERT INTO {{schema}}.agent_calls ({_COLUMNS}, duration_ms, satisfaction, resolved)
SELECT * FROM {_UNNEST}, $5::bigint[], $6::smallint[], $7::bool[])
ON CONFLICT (call_id) DO UPDATE SET duration_ms = EXCLUDED.duration_ms,
    satisfaction = EXCLUDED.satisfaction, resolved = EXCLUDED.resolved
"""

_INSPECTIONS = f"""
INSERT INTO {{schema}}.agent_calls ({_COLUMNS}, passed, rule_codes)
SELECT c, a, t, s, p, string_to_array(r, ',')
FROM {_UNNEST}, $5::bool[], $6::text[]) AS x(c, a, t, s, p, r)
ON CONFLICT (call_id) DO UPDATE SET passed = EXCLUDED.passed, rule_codes = EXCLUDED.rule_codes
"""

Row = tuple[object, ...]


def _key(header: CallHeader) -> Row:
    return (header.call_id, header.agent_id, header.team_id, header.started_at)


class PerformanceProjector:
    def __init__(self, schema: str) -> None:
        self._calls, self._inspections = in_schema(schema, _CALLS, _INSPECTIONS)

    async def __call__(self, conn: asyncpg.Connection, envelopes: Sequence[Envelope]) -> None:
        """One row per call and statement: a statement may not touch a row twice."""
        calls: dict[str, Row] = {}
        inspections: dict[str, Row] = {}
        for envelope in envelopes:
            event = payload_of(envelope)
            if isinstance(event, CallReceived):
                survey = event.survey
                calls[event.header.call_id] = (
                    *_key(event.header),
                    event.duration_ms,
                    survey.satisfaction if survey else None,
                    survey.resolved if survey else None,
                )
            elif isinstance(event, InspectionCompleted):
                codes = ",".join(sorted({f.rule_code for f in event.result.findings}))
                inspections[event.header.call_id] = (
                    *_key(event.header),
                    event.result.passed,
                    codes,
                )
        if calls:
            await conn.execute(self._calls, *columns(list(calls.values())))
        if inspections:
            await conn.execute(self._inspections, *columns(list(inspections.values())))
