"""Projects the service's own contract events into articles (with the search tokens of their
current revision's title and body), cases and proposals."""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg
import orjson

from contracts.envelope import Envelope
from contracts.events import payload_of
from contracts.knowledge import (
    KnowledgeCaseAdded,
    KnowledgeProposalDecided,
    KnowledgeProposalEvidenceAdded,
    KnowledgeProposalOpened,
    KnowledgeUpdated,
)
from runtime.readmodel import in_schema
from services.knowledge.readmodel.tokens import search_tokens

_ARTICLE = """
INSERT INTO {schema}.articles
    (article_id, kind, title, revision, rule_codes, categories, tokens, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (article_id) DO UPDATE SET
    kind = EXCLUDED.kind, title = EXCLUDED.title, revision = EXCLUDED.revision,
    rule_codes = EXCLUDED.rule_codes, categories = EXCLUDED.categories,
    tokens = EXCLUDED.tokens, updated_at = EXCLUDED.updated_at
WHERE articles.revision < EXCLUDED.revision
"""
_CASE = """
INSERT INTO {schema}.cases
    (case_id, kind, title, summary, call_id, rule_codes, settled_answer, added_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING
"""
_OPENED = """
INSERT INTO {schema}.proposals (proposal_id, rule_code, category, trigger, status,
    finding_count, call_share, window_start, window_end, evidence, opened_at)
VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING
"""
_EVIDENCE_ADDED = """
UPDATE {schema}.proposals
SET evidence = evidence || jsonb_build_array($2::jsonb), finding_count = finding_count + 1
WHERE proposal_id = $1
"""
_DECIDED = """
UPDATE {schema}.proposals SET status = $2, reason = $3, article_id = $4, revision = $5,
    decided_at = $6, decided_by = $7
WHERE proposal_id = $1
"""


class KnowledgeProjector:
    def __init__(self, schema: str) -> None:
        self._article, self._case, self._opened, self._decided, self._evidence_added = in_schema(
            schema, _ARTICLE, _CASE, _OPENED, _DECIDED, _EVIDENCE_ADDED
        )

    async def __call__(self, conn: asyncpg.Connection, envelopes: Sequence[Envelope]) -> None:
        for envelope in envelopes:
            event = payload_of(envelope)
            if isinstance(event, KnowledgeUpdated):
                await self._updated(conn, envelope, event)
            elif isinstance(event, KnowledgeProposalOpened):
                evidence = orjson.dumps([f.model_dump(mode="json") for f in event.evidence])
                await conn.execute(
                    self._opened,
                    event.proposal_id,
                    event.rule_code,
                    event.category,
                    event.trigger,
                    event.finding_count,
                    event.call_share,
                    event.window_start,
                    event.window_end,
                    evidence.decode(),
                    envelope.occurred_at,
                )
            elif isinstance(event, KnowledgeCaseAdded):
                await conn.execute(
                    self._case,
                    event.case_id,
                    event.kind,
                    event.title,
                    event.summary,
                    event.call_id,
                    event.rule_codes,
                    event.settled_answer,
                    envelope.occurred_at,
                )
            elif isinstance(event, KnowledgeProposalEvidenceAdded):
                finding = event.finding.model_dump_json()
                await conn.execute(self._evidence_added, event.proposal_id, finding)
            elif isinstance(event, KnowledgeProposalDecided):
                await conn.execute(
                    self._decided,
                    event.proposal_id,
                    event.decision,
                    event.reason,
                    event.article_id,
                    event.revision,
                    envelope.occurred_at,
                    envelope.actor.model_dump_json(),
                )

    async def _updated(
        self, conn: asyncpg.Connection, envelope: Envelope, event: KnowledgeUpdated
    ) -> None:
        tokens = search_tokens(f"{event.title}\n{event.body}")
        await conn.execute(
            self._article,
            event.article_id,
            event.kind,
            event.title,
            event.revision,
            event.rule_codes,
            event.categories,
            tokens,
            envelope.occurred_at,
        )
