"""Counting findings for detection, read from the service's own `findings` read model.

Synchronous (psycopg, through the event store's connection pool): detection is a command of
the event-sourced application, which is synchronous, and runs from the scheduler's thread.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from eventsourcing.persistence import ProcessRecorder
from eventsourcing.postgres import PostgresProcessRecorder
from psycopg import sql

from contracts.knowledge import FindingRef
from services.knowledge.domain.detection import GroupCount
from services.knowledge.domain.proposal import MAX_EVIDENCE

_GROUPS = """
SELECT rule_code, category, count(DISTINCT call_id) AS calls FROM {findings}
WHERE started_at >= %s AND started_at < %s
  AND (%s::text IS NULL OR (rule_code = %s AND category IS NOT DISTINCT FROM %s))
GROUP BY rule_code, category
"""
_INSPECTED = """
SELECT category, count(*) AS calls FROM {inspected}
WHERE started_at >= %s AND started_at < %s GROUP BY category
"""
_COLUMNS = "call_id, rule_code, agent_id, team_id, category, matched_text, inspected_at"
_EVIDENCE = f"""
SELECT {_COLUMNS} FROM {{findings}}
WHERE rule_code = %s AND category IS NOT DISTINCT FROM %s AND started_at >= %s AND started_at < %s
ORDER BY started_at DESC, call_id LIMIT %s
"""
_ONE = f"SELECT {_COLUMNS} FROM {{findings}} WHERE call_id = %s AND rule_code = %s"


class FindingStats:
    def __init__(self, recorder: ProcessRecorder, read_schema: str) -> None:
        self.datastore = cast(PostgresProcessRecorder, recorder).datastore
        names = {
            "findings": sql.Identifier(read_schema, "findings"),
            "inspected": sql.Identifier(read_schema, "inspected_calls"),
        }
        self._groups = sql.SQL(_GROUPS).format(**names)
        self._inspected = sql.SQL(_INSPECTED).format(**names)
        self._evidence = sql.SQL(_EVIDENCE).format(**names)
        self._one = sql.SQL(_ONE).format(**names)

    def group_counts(
        self, start: datetime, end: datetime, group: tuple[str, str | None] | None = None
    ) -> list[GroupCount]:
        """Distinct calls with a finding, per (rule code, category), or of one group."""
        rule_code, category = group if group else (None, None)
        rows = self._fetch(self._groups, (start, end, rule_code, rule_code, category))
        return [GroupCount(r["rule_code"], r["category"], int(r["calls"])) for r in rows]

    def inspected(self, start: datetime, end: datetime) -> dict[str | None, int]:
        rows = self._fetch(self._inspected, (start, end))
        return {row["category"]: int(row["calls"]) for row in rows}

    def evidence(
        self, rule_code: str, category: str | None, start: datetime, end: datetime
    ) -> list[FindingRef]:
        """The group's latest findings in the window (at most a proposal's worth)."""
        rows = self._fetch(self._evidence, (rule_code, category, start, end, MAX_EVIDENCE))
        return [FindingRef.model_validate(row) for row in rows]

    def finding(self, call_id: str, rule_code: str) -> FindingRef | None:
        rows = self._fetch(self._one, (call_id, rule_code))
        return FindingRef.model_validate(rows[0]) if rows else None

    def _fetch(self, query: sql.Composed, params: tuple[Any, ...]) -> list[dict[str, Any]]:
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(query, params)
            return [dict(row) for row in cursor.fetchall()]
