"""Projects our own CoachingPlanOpened, CoachingSessionRecorded and CoachingReviewed into the
`plans` table (one envelope at a time: a plan sees few events)."""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg
import orjson

from contracts.coaching import CoachingPlanOpened, CoachingReviewed, CoachingSessionRecorded
from contracts.envelope import Envelope
from contracts.events import payload_of
from runtime.readmodel import in_schema

_OPENED = """
INSERT INTO {schema}.plans (plan_id, agent_id, team_id, reason, status, rule_codes, call_ids,
    follow_up_until, recorded_at, previous_plan_id)
VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9)
ON CONFLICT (plan_id) DO NOTHING
"""

_SESSION = """
UPDATE {schema}.plans SET sessions = sessions || jsonb_build_array($2::jsonb) WHERE plan_id = $1
"""

_REVIEWED = """
UPDATE {schema}.plans SET status = 'closed', outcome = $2, rate_before = $3, rate_after = $4,
    escalated = $5, follow_up_plan_id = $6
WHERE plan_id = $1
"""


class PlanProjector:
    def __init__(self, schema: str) -> None:
        self._opened, self._session, self._reviewed = in_schema(
            schema, _OPENED, _SESSION, _REVIEWED
        )

    async def __call__(self, conn: asyncpg.Connection, envelopes: Sequence[Envelope]) -> None:
        for envelope in envelopes:
            event = payload_of(envelope)
            if isinstance(event, CoachingPlanOpened):
                await conn.execute(
                    self._opened,
                    event.plan_id,
                    event.agent_id,
                    event.team_id,
                    event.reason,
                    event.rule_codes,
                    event.call_ids,
                    event.follow_up_until,
                    envelope.occurred_at,
                    event.previous_plan_id,
                )
            elif isinstance(event, CoachingSessionRecorded):
                session = event.model_dump(mode="json", exclude={"plan_id", "agent_id"})
                await conn.execute(self._session, event.plan_id, orjson.dumps(session).decode())
            elif isinstance(event, CoachingReviewed):
                await conn.execute(
                    self._reviewed,
                    event.plan_id,
                    event.outcome,
                    event.rate_before,
                    event.rate_after,
                    event.escalated,
                    event.follow_up_plan_id,
                )
