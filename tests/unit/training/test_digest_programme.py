"""The programme a weekly digest drafts: its items united, the week in the title."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from uuid import uuid4

from contracts.knowledge import DigestItem, WeeklyDigestPublished
from services.training.domain.digest import digest_draft

MONDAY = datetime(2026, 11, 23, tzinfo=timezone(timedelta(hours=8)))
A1, A2 = uuid4(), uuid4()


def digest(*items: DigestItem) -> WeeklyDigestPublished:
    week_end = MONDAY + timedelta(days=7)
    return WeeklyDigestPublished(
        digest_id=uuid4(), week_start=MONDAY, week_end=week_end, items=list(items)
    )


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
