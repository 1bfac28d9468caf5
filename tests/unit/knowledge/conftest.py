"""The knowledge application on memory and on PostgreSQL (`open_app`), on a manual clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from contracts.envelope import Actor
from contracts.knowledge import FindingRef
from runtime.clock import ManualClock
from services.knowledge.application import KnowledgeApplication
from tests.conftest import OpenApplication

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
EDITOR = Actor(id="editor-1", role="trainer")


@pytest.fixture
def app(open_app: OpenApplication) -> KnowledgeApplication:
    application: KnowledgeApplication = open_app(
        KnowledgeApplication, "knowledge", QA_KNOWLEDGE_MIN_COUNT=3, QA_KNOWLEDGE_MIN_SHARE=0.1
    )
    application.clock = ManualClock(NOW)
    return application


def finding(
    call_id: str, rule_code: str = "R1", category: str | None = "市政", agent: str = "A1"
) -> FindingRef:
    return FindingRef(
        call_id=call_id,
        rule_code=rule_code,
        agent_id=agent,
        team_id=f"T-{agent}",
        category=category,
        inspected_at=NOW,
    )
