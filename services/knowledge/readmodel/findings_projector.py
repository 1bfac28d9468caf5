"""Projects the inspection service's InspectionCompleted (with its findings) into `findings` and
`inspected_calls`, the counts detection reads (idempotent upserts)."""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg

from contracts.envelope import Envelope
from contracts.events import payload_of
from contracts.inspection import Finding, InspectionCompleted
from runtime.readmodel import columns, in_schema

_FINDINGS = """
INSERT INTO {schema}.findings
    (call_id, rule_code, agent_id, team_id, category, matched_text, started_at, inspected_at)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
    $7::timestamptz[], $8::timestamptz[])
ON CONFLICT (call_id, rule_code) DO NOTHING
"""
_INSPECTED = """
INSERT INTO {schema}.inspected_calls (call_id, category, started_at, inspected_at)
SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[])
ON CONFLICT (call_id) DO NOTHING
"""


def _finding_row(event: InspectionCompleted, finding: Finding) -> tuple[object, ...]:
    header = event.header
    matched = next((e.matched_text for e in finding.evidence if e.matched_text), None)
    return (
        header.call_id,
        finding.rule_code,
        header.agent_id,
        header.team_id,
        header.category,
        matched,
        header.started_at,
        event.result.inspected_at,
    )


class FindingsProjector:
    def __init__(self, schema: str) -> None:
        self._findings, self._inspected = in_schema(schema, _FINDINGS, _INSPECTED)

    async def __call__(self, conn: asyncpg.Connection, envelopes: Sequence[Envelope]) -> None:
        findings: dict[tuple[str, str], tuple[object, ...]] = {}
        inspected: dict[str, tuple[object, ...]] = {}
        for envelope in envelopes:
            event = payload_of(envelope)
            if isinstance(event, InspectionCompleted):
                header = event.header
                for finding in event.result.findings:
                    key = (header.call_id, finding.rule_code)
                    findings.setdefault(key, _finding_row(event, finding))
                row = (
                    header.call_id,
                    header.category,
                    header.started_at,
                    event.result.inspected_at,
                )
                inspected.setdefault(header.call_id, row)
        if findings:
            await conn.execute(self._findings, *columns(list(findings.values())))
        if inspected:
            await conn.execute(self._inspected, *columns(list(inspected.values())))
