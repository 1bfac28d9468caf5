"""What the weekly digest reads besides detection's counts: who a group's findings concern, and
which current articles teach a rule (the `articles` read model holds each article's current
revision and its tags)."""

from __future__ import annotations

from datetime import datetime

from eventsourcing.persistence import ProcessRecorder
from psycopg import sql

from services.knowledge.findings import FindingStats

_AUDIENCE = """
SELECT coalesce(array_agg(DISTINCT agent_id ORDER BY agent_id), '{{}}') AS agents,
       coalesce(array_agg(DISTINCT team_id ORDER BY team_id), '{{}}') AS teams
FROM {findings}
WHERE rule_code = %s AND category IS NOT DISTINCT FROM %s AND started_at >= %s AND started_at < %s
"""
_ARTICLES = """
SELECT article_id FROM {articles} WHERE rule_codes @> ARRAY[%s]::text[]
ORDER BY updated_at DESC, article_id
"""


class DigestFacts(FindingStats):
    def __init__(self, recorder: ProcessRecorder, read_schema: str) -> None:
        super().__init__(recorder, read_schema)
        self._audience = sql.SQL(_AUDIENCE).format(findings=sql.Identifier(read_schema, "findings"))
        self._articles = sql.SQL(_ARTICLES).format(articles=sql.Identifier(read_schema, "articles"))

    def audience(
        self, rule_code: str, category: str | None, start: datetime, end: datetime
    ) -> tuple[list[str], list[str]]:
        """The distinct agents and teams with a finding of the group in [start, end)."""
        rows = self._fetch(self._audience, (rule_code, category, start, end))
        return list(rows[0]["agents"]), list(rows[0]["teams"])

    def articles(self, rule_code: str) -> list[str]:
        """Ids of the articles whose current revision is tagged with the rule, newest first."""
        return [str(row["article_id"]) for row in self._fetch(self._articles, (rule_code,))]
