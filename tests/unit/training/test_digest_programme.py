"""A weekly digest drafts one published programme (in-memory event store)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from contracts.envelope import GENESIS_HASH, SYSTEM_ACTOR, Envelope
from contracts.knowledge import DigestItem, WeeklyDigestPublished
from services.training.application import TrainingApplication
from services.training.domain.digest import digest_draft, digest_programme_id

MONDAY = datetime(2026, 11, 23, tzinfo=timezone(timedelta(hours=8)))
A1, A2 = uuid4(), uuid4()


@pytest.fixture
def app() -> Iterator[TrainingApplication]:
    application = TrainingApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    yield application
    application.close()


def digest(*items: DigestItem) -> WeeklyDigestPublished:
    week_end = MONDAY + timedelta(days=7)
    return WeeklyDigestPublished(
        digest_id=uuid4(), week_start=MONDAY, week_end=week_end, items=list(items)
    )


def envelope(event: WeeklyDigestPublished) -> Envelope:
    return Envelope(
        event_id=uuid4(),
        event_type=event.event_type(),
        schema_version=event.schema_version,
        producer="knowledge",
        notification_id=1,
        occurred_at=MONDAY,
        actor=SYSTEM_ACTOR,
        correlation_id=str(event.digest_id),
        prev_hash=GENESIS_HASH,
        payload=event.model_dump(mode="json"),
    ).sealed()


ITEMS = (
    DigestItem(
        rule_code="R1", category="市政", call_count=5, agents=["A1", "A2"], teams=["T1"],
        article_ids=[A1],
    ),
    DigestItem(
        rule_code="R2", call_count=4, agents=["A2", "A3"], teams=["T1", "T2"],
        article_ids=[A2, A1],
    ),
    DigestItem(rule_code="R1", category="教育", call_count=3, agents=["A4"], teams=["T3"]),
)  # fmt: skip


def test_the_draft_unites_the_items() -> None:
    draft = digest_draft(digest(*ITEMS))
    assert draft.title == "2026-11-23 周重点问题培训"
    assert draft.source == "weekly_digest"
    assert draft.rule_codes == ["R1", "R2"]
    assert draft.article_ids == [str(A1), str(A2)]
    assert draft.audience_agents == ["A1", "A2", "A3", "A4"]
    assert draft.audience_teams == ["T1", "T2", "T3"]


def test_one_published_programme_per_digest(app: TrainingApplication) -> None:
    event = digest(*ITEMS)
    [programme] = app.on_knowledge_event(envelope(event))
    assert programme.id == digest_programme_id(event.digest_id)
    assert programme.status == "published"
    assert programme.correlation_id == str(event.digest_id)
    app.save(programme)
    assert app.on_weekly_digest(envelope(event)) == []
    assert app.programme(programme.id).draft == digest_draft(event)


def test_an_empty_digest_drafts_nothing(app: TrainingApplication) -> None:
    assert app.on_weekly_digest(envelope(digest())) == []
