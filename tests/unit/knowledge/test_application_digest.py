"""Publishing the weekly digest, on in-memory persistence and on PostgreSQL: once per week,
from the items the digest job composed; nothing when there is nothing to report."""

from __future__ import annotations

from uuid import uuid4

import pytest

from contracts.knowledge import DigestItem
from services.knowledge.application import KnowledgeApplication, NotFoundError
from services.knowledge.domain.digest import Prominent, digest_id_for
from tests.unit.knowledge.conftest import NOW


def items(rule_code: str = "R1") -> list[DigestItem]:
    group = Prominent(rule_code, "市政", 4, 0.4)
    return [group.item(["A1", "A2"], ["T1"], [uuid4()])]


def test_a_weeks_digest_is_published_once(app: KnowledgeApplication) -> None:
    week = app.config.digest.week_before(NOW)
    published = items()
    digest, created = app.publish_digest(week, published)
    assert created is True
    assert digest is not None
    assert digest.id == digest_id_for(week[0])
    assert (digest.week_start, digest.week_end, digest.digest_items) == (*week, published)
    again, created_again = app.publish_digest(week, items("R2"))
    assert created_again is False
    assert again is not None
    assert again.digest_items == published
    assert app.published_digest(week[0]) is not None
    assert app.digest(digest.id).digest_items == published


def test_a_week_with_nothing_to_report_has_no_digest(app: KnowledgeApplication) -> None:
    week = app.config.digest.week_before(NOW)
    assert app.publish_digest(week, []) == (None, False)
    assert app.published_digest(week[0]) is None
    with pytest.raises(NotFoundError):
        app.digest(digest_id_for(week[0]))
