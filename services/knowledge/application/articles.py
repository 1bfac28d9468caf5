"""Commands of the knowledge base and the case library: create and revise articles, add cases."""

from __future__ import annotations

from uuid import UUID

from contracts.api.knowledge import ArticleKind, CaseKind
from contracts.envelope import Actor
from runtime.eventstore import retry_on_conflict
from runtime.provenance import Provenance
from services.knowledge.application.base import KnowledgeBase
from services.knowledge.domain.article import Article, ArticleError, article_id_for
from services.knowledge.domain.case import Case
from services.knowledge.domain.content import Content, ContentChanges


class ArticleCommands(KnowledgeBase):
    @retry_on_conflict
    def create_article(
        self,
        kind: ArticleKind,
        content: Content,
        reason: str,
        actor: Actor,
        article_key: str | None = None,
    ) -> tuple[Article, bool]:
        """The new article, True; or, for a known `article_key`, the stored one, False
        (ArticleError if that key was created with other content)."""
        article_id = article_id_for(article_key)
        stored = self.find(article_id, Article) if article_key is not None else None
        if stored is not None:
            if not stored.same_creation(kind, content):
                raise ArticleError(f"article_key {article_key} was created with other content")
            return stored, False
        provenance = Provenance(actor, str(article_id))
        article = Article.create(article_id, kind, content, reason, provenance, article_key)
        self.save(article)
        return article, True

    @retry_on_conflict
    def revise_article(
        self,
        article_id: UUID,
        reason: str,
        actor: Actor,
        changes: ContentChanges,
        expected_revision: int | None = None,
    ) -> Article:
        """A new revision: the parts `changes` gives replace the current ones."""
        article = self.article(article_id)
        content = changes.applied_to(article.current.content)
        article.revise(content, reason, Provenance(actor, str(article_id)), expected_revision)
        self.save(article)
        return article

    def article(self, article_id: UUID) -> Article:
        return self.get(article_id, Article)

    def create_case(
        self,
        kind: CaseKind,
        title: str,
        summary: str,
        call_id: str,
        rule_codes: list[str],
        settled_answer: str | None,
        actor: Actor,
    ) -> Case:
        provenance = Provenance(actor, call_id)
        case = Case.add(kind, title, summary, call_id, rule_codes, settled_answer, provenance)
        self.save(case)
        return case
