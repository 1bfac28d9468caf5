"""Projects CallReceived and InspectionCompleted envelopes into the read model, in batches.
The calls' transcripts are not here: GET /v1/calls/{id} reads them from the event store."""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg
import orjson

from contracts.envelope import Envelope
from contracts.events import payload_of
from contracts.inspection import CallReceived, InspectionCompleted
from runtime.readmodel import columns, in_schema

_UPSERT_CALLS = """
INSERT INTO {schema}.calls
    (call_id, agent_id, team_id, channel, stage, started_at, duration_ms, received_at)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
    $6::timestamptz[], $7::bigint[], $8::timestamptz[])
ON CONFLICT (call_id) DO NOTHING
"""

_UPSERT_INSPECTIONS = """
INSERT INTO {schema}.inspections
    (call_id, agent_id, team_id, started_at, category, ruleset_version, score, grade, passed,
     vetoed, rule_codes, findings, not_applicable, inspected_at)
SELECT c, a, t, s, cat, v, sc, g, p, ve, string_to_array(rc, ','), f,
    string_to_array(na, ','), i
FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::int[],
    $7::float8[], $8::text[], $9::bool[], $10::bool[], $11::text[], $12::jsonb[], $13::text[],
    $14::timestamptz[]) AS x(c, a, t, s, cat, v, sc, g, p, ve, rc, f, na, i)
ON CONFLICT (call_id) DO UPDATE SET
    ruleset_version = EXCLUDED.ruleset_version, score = EXCLUDED.score,
    grade = EXCLUDED.grade, passed = EXCLUDED.passed, vetoed = EXCLUDED.vetoed,
    rule_codes = EXCLUDED.rule_codes, findings = EXCLUDED.findings,
    not_applicable = EXCLUDED.not_applicable, inspected_at = EXCLUDED.inspected_at
"""


def _call_row(envelope: Envelope, event: CallReceived) -> tuple[object, ...]:
    header = event.header
    return (
        header.call_id,
        header.agent_id,
        header.team_id,
        header.channel,
        header.stage,
        header.started_at,
        event.duration_ms,
        envelope.occurred_at,
    )


def _inspection_row(event: InspectionCompleted) -> tuple[object, ...]:
    header, result = event.header, event.result
    findings = [f.model_dump(mode="json") for f in result.findings]
    return (
        header.call_id,
        header.agent_id,
        header.team_id,
        header.started_at,
        header.category,
        result.ruleset_version,
        result.score,
        result.grade,
        result.passed,
        result.vetoed,
        ",".join(sorted({f.rule_code for f in result.findings})),
        orjson.dumps(findings).decode(),
        ",".join(result.not_applicable),
        result.inspected_at,
    )


class InspectionProjector:
    def __init__(self, schema: str) -> None:
        self._calls, self._inspections = in_schema(schema, _UPSERT_CALLS, _UPSERT_INSPECTIONS)

    async def __call__(self, conn: asyncpg.Connection, envelopes: Sequence[Envelope]) -> None:
        calls, inspections = [], []
        for envelope in envelopes:
            event = payload_of(envelope)
            if isinstance(event, CallReceived):
                calls.append(_call_row(envelope, event))
            elif isinstance(event, InspectionCompleted):
                inspections.append(_inspection_row(event))
        if calls:
            await conn.execute(self._calls, *columns(calls))
        if inspections:
            await conn.execute(self._inspections, *columns(inspections))
