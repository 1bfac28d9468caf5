"""Projects the training contract events, and the inspection's verification outcomes, into the
read model. Every statement is an upsert that commutes with the others."""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg

from contracts.envelope import Envelope
from contracts.events import IntegrationEvent, payload_of
from contracts.inspection import VerificationCompleted
from contracts.training import ProgrammePublished, TrainingCompleted, VerificationRequested
from runtime.readmodel import in_schema

_PROGRAMME = """
INSERT INTO {schema}.programmes (programme_id, title, source, article_ids, case_ids, rule_codes,
    audience_agents, audience_teams, published_at, correlation_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (programme_id) DO NOTHING
"""

_COMPLETED = """
INSERT INTO {schema}.assignments
    (programme_id, trainee_id, level, status, attempts, best_score, completed_at)
VALUES ($1, $2, $3, 'completed', $4, $5, $6)
ON CONFLICT (programme_id, trainee_id) DO UPDATE SET status = 'completed',
    attempts = EXCLUDED.attempts, best_score = EXCLUDED.best_score,
    completed_at = EXCLUDED.completed_at
"""

_REQUESTED = """
INSERT INTO {schema}.verifications
    (verification_id, programme_id, agent_id, rule_codes, trained_at, window_days)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (verification_id) DO UPDATE SET
    trained_at = EXCLUDED.trained_at, window_days = EXCLUDED.window_days
"""

_DECIDED = """
INSERT INTO {schema}.verifications (verification_id, programme_id, agent_id, rule_codes,
    outcome, calls_before, calls_after, rate_before, rate_after, window_start, window_end,
    decided_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
ON CONFLICT (verification_id) DO UPDATE SET outcome = EXCLUDED.outcome,
    calls_before = EXCLUDED.calls_before, calls_after = EXCLUDED.calls_after,
    rate_before = EXCLUDED.rate_before, rate_after = EXCLUDED.rate_after,
    window_start = EXCLUDED.window_start, window_end = EXCLUDED.window_end,
    decided_at = EXCLUDED.decided_at
"""

_SQL = {
    "programme": _PROGRAMME,
    "completed": _COMPLETED,
    "requested": _REQUESTED,
    "decided": _DECIDED,
}


def _statement(envelope: Envelope, event: IntegrationEvent) -> tuple[str, tuple[object, ...]]:
    if isinstance(event, ProgrammePublished):
        return "programme", (
            event.programme_id, event.title, event.source,
            [str(a) for a in event.article_ids], [str(c) for c in event.case_ids],
            event.rule_codes, event.audience_agents, event.audience_teams,
            envelope.occurred_at, envelope.correlation_id,
        )  # fmt: skip
    if isinstance(event, TrainingCompleted):
        return "completed", (
            event.programme_id, event.trainee_id, event.level, event.attempts, event.score,
            event.completed_at,
        )  # fmt: skip
    if isinstance(event, VerificationRequested):
        return "requested", (
            event.verification_id, event.programme_id, event.agent_id, event.rule_codes,
            event.trained_at, event.window_days,
        )  # fmt: skip
    if isinstance(event, VerificationCompleted):
        return "decided", (
            event.verification_id, event.programme_id, event.agent_id, event.rule_codes,
            event.outcome, event.calls_before, event.calls_after, event.rate_before,
            event.rate_after, event.window_start, event.window_end, envelope.occurred_at,
        )  # fmt: skip
    return "", ()


class TrainingProjector:
    def __init__(self, schema: str) -> None:
        self._sql = dict(zip(_SQL, in_schema(schema, *_SQL.values()), strict=True))

    async def __call__(self, conn: asyncpg.Connection, envelopes: Sequence[Envelope]) -> None:
        for envelope in envelopes:
            kind, args = _statement(envelope, payload_of(envelope))
            if kind:
                await conn.execute(self._sql[kind], *args)
