"""An editor's answer to a proposal: a revision of an article, or a new one, tagged with the
proposal's rule code and category and addressed to the agents and teams of its evidence."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from contracts.api.knowledge import ArticleKind
from runtime.provenance import Provenance
from services.knowledge.domain.article import Article, article_id_for
from services.knowledge.domain.content import Answering, Content
from services.knowledge.domain.proposal import Proposal


def answering(proposal: Proposal) -> Answering:
    agents, teams = proposal.audience()
    return Answering(proposal.id, agents, teams)


@dataclass(frozen=True)
class Approval:
    reason: str
    article_id: UUID | None = None
    kind: ArticleKind | None = None
    title: str | None = None
    body: str | None = None
    rule_codes: list[str] | None = None
    categories: list[str] | None = None
    article_key: str | None = None
    expected_revision: int | None = None

    def revise(self, article: Article, proposal: Proposal, provenance: Provenance) -> None:
        """A new revision of `article`: the parts given replace the current ones."""
        content = article.current.content.changed(
            self.title, self.body, self.rule_codes, self.categories
        ).tagged(proposal.rule_code, proposal.category)
        article.revise(
            content, self.reason, provenance, self.expected_revision, answering(proposal)
        )

    def create(self, proposal: Proposal, provenance: Provenance) -> Article:
        if self.kind is None or self.title is None or self.body is None:
            raise ValueError("a new article needs kind, title and body")
        content = Content(
            self.title, self.body, tuple(self.rule_codes or ()), tuple(self.categories or ())
        ).tagged(proposal.rule_code, proposal.category)
        return Article.create(
            article_id_for(self.article_key),
            self.kind,
            content,
            self.reason,
            provenance,
            self.article_key,
            answering(proposal),
        )
