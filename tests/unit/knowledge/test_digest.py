"""The weekly digest: which week, which groups, and the event training hears."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest

from contracts.knowledge import DigestItem, WeeklyDigestPublished
from runtime.provenance import Provenance
from services.knowledge.config import digest_terms_from
from services.knowledge.contract_mapping import to_contract
from services.knowledge.domain.detection import GroupCount
from services.knowledge.domain.digest import (
    Digest,
    DigestTerms,
    Prominent,
    digest_id_for,
    prominent_groups,
)

T = DigestTerms()
SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY = datetime(2026, 11, 30, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 11, 29, 16, 0, tzinfo=UTC),  # Monday 00:00 in Shanghai
        datetime(2026, 12, 2, 4, 0, tzinfo=UTC),  # Wednesday
        datetime(2026, 12, 6, 15, 59, tzinfo=UTC),  # Sunday 23:59 in Shanghai
    ],
)
def test_the_week_is_the_seven_days_before_the_last_monday_in_shanghai(now: datetime) -> None:
    start, end = T.week_before(now)
    assert (start, end) == (MONDAY - timedelta(days=7), MONDAY)
    assert start.utcoffset() == timedelta(hours=8)


def test_the_week_follows_the_configured_zone() -> None:
    now = datetime(2026, 11, 29, 17, 0, tzinfo=UTC)  # Monday in Shanghai, Sunday in UTC
    utc_terms = DigestTerms(timezone="UTC")
    assert utc_terms.week_before(now)[1] == datetime(2026, 11, 23, tzinfo=UTC)
    assert T.week_before(now)[1] == MONDAY


def test_the_id_is_the_weeks_whatever_the_offset_it_is_written_in() -> None:
    assert digest_id_for(MONDAY) == digest_id_for(MONDAY.astimezone(UTC))
    assert digest_id_for(MONDAY) != digest_id_for(MONDAY - timedelta(days=7))


def test_groups_below_the_minimum_are_left_out() -> None:
    counts = [GroupCount("R1", "市政", 3), GroupCount("R2", "市政", 2)]
    assert prominent_groups(counts, {"市政": 10}, T) == [Prominent("R1", "市政", 3, 0.3)]


def test_groups_are_ordered_by_calls_then_share_and_cut_at_top() -> None:
    counts = [
        GroupCount("R1", "教育", 4),
        GroupCount("R2", "市政", 9),
        GroupCount("R3", "市政", 4),
        GroupCount("R4", None, 5),
    ]
    inspected: dict[str | None, int] = {"教育": 100, "市政": 20, None: 50}
    picked = prominent_groups(counts, inspected, DigestTerms(top=3))
    assert [(g.rule_code, g.share) for g in picked] == [("R2", 0.45), ("R4", 0.1), ("R3", 0.2)]


def test_ties_are_broken_by_rule_code_and_category() -> None:
    counts = [GroupCount("R2", None, 3), GroupCount("R1", "b", 3), GroupCount("R1", "a", 3)]
    picked = prominent_groups(counts, {}, T)
    assert [(g.rule_code, g.category) for g in picked] == [("R1", "a"), ("R1", "b"), ("R2", None)]
    assert all(g.share == 1.0 for g in picked)


def test_terms_come_from_the_environment_and_are_checked() -> None:
    assert digest_terms_from({}) == DigestTerms(5, 3, "Asia/Shanghai")
    env = {
        "QA_KNOWLEDGE_DIGEST_TOP": "2",
        "QA_KNOWLEDGE_DIGEST_MIN_COUNT": "7",
        "QA_KNOWLEDGE_TIMEZONE": "UTC",
    }
    assert digest_terms_from(env) == DigestTerms(2, 7, "UTC")
    with pytest.raises(ValueError, match="digest"):
        DigestTerms(top=0)
    with pytest.raises(LookupError):
        DigestTerms(timezone="Mars/Olympus")


def test_a_published_digest_maps_to_the_contract() -> None:
    article = uuid4()
    item = DigestItem(
        rule_code="R1",
        category="市政",
        call_count=4,
        call_share=0.4,
        agents=["A1", "A2"],
        teams=["T1"],
        article_ids=[article],
    )
    week = T.week_before(datetime(2026, 12, 2, tzinfo=UTC))
    digest = Digest.publish(week, [item], Provenance.system("digest"))
    assert digest.id == digest_id_for(week[0])
    assert digest.digest_items == [item]
    [event] = digest.collect_events()
    contract = to_contract(event)
    assert isinstance(contract, WeeklyDigestPublished)
    assert (contract.digest_id, contract.week_start, contract.week_end) == (digest.id, *week)
    assert contract.items == [item]
