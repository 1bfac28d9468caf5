"""Articles and cases, on in-memory persistence and on PostgreSQL: idempotent creation by
`article_key`, revisions kept with their reason, stale revisions refused."""

from __future__ import annotations

from uuid import uuid4

import pytest

from services.knowledge.application import KnowledgeApplication, NotFoundError
from services.knowledge.domain.article import ArticleError
from services.knowledge.domain.case import Case, CaseError
from services.knowledge.domain.content import Content, ContentChanges
from tests.unit.knowledge.conftest import EDITOR

FAQ = Content("医保报销流程", "携带医保卡到窗口办理。", ("R1",), ("医保",))


def test_an_article_key_creates_once(app: KnowledgeApplication) -> None:
    article, created = app.create_article("faq", FAQ, "new", EDITOR, "faq-1")
    again, created_again = app.create_article("faq", FAQ, "new", EDITOR, "faq-1")
    assert (created, created_again) == (True, False)
    assert again.id == article.id
    assert app.article(article.id).current.content == FAQ
    with pytest.raises(ArticleError, match="other content"):
        app.create_article("faq", Content("其他", "内容"), "new", EDITOR, "faq-1")


def test_without_a_key_every_article_is_new(app: KnowledgeApplication) -> None:
    first, _ = app.create_article("faq", FAQ, "new", EDITOR)
    second, _ = app.create_article("faq", FAQ, "new", EDITOR)
    assert first.id != second.id


def test_a_revision_keeps_the_earlier_ones_and_refuses_a_stale_one(
    app: KnowledgeApplication,
) -> None:
    article, _ = app.create_article("faq", FAQ, "new", EDITOR)
    changes = ContentChanges(body="携带医保卡和发票到窗口办理。")
    app.revise_article(article.id, "补充材料", EDITOR, changes, expected_revision=1)
    stored = app.article(article.id)
    assert [r.number for r in stored.revisions] == [1, 2]
    assert stored.revisions[0].content.body == FAQ.body
    assert stored.current.content == Content(FAQ.title, changes.body or "", ("R1",), ("医保",))
    assert (stored.current.reason, stored.current.actor["id"]) == ("补充材料", "editor-1")
    with pytest.raises(ArticleError, match="revision 2"):
        app.revise_article(article.id, "late", EDITOR, ContentChanges(), expected_revision=1)


def test_an_unknown_article_is_not_found(app: KnowledgeApplication) -> None:
    with pytest.raises(NotFoundError):
        app.article(uuid4())
    with pytest.raises(NotFoundError):
        app.revise_article(uuid4(), "r", EDITOR, ContentChanges(title="t"))


def test_a_case_is_stored_and_a_disputed_one_needs_its_answer(app: KnowledgeApplication) -> None:
    case = app.create_case("benchmark", "标杆录音", "", "C-1", ["R1"], None, EDITOR)
    assert app.get(case.id, Case).call_id == "C-1"
    with pytest.raises(CaseError):
        app.create_case("disputed", "争议", "", "C-2", [], None, EDITOR)
