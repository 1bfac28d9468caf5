"""A knowledge article: every revision is an event, kept with its author, reason and time."""

from __future__ import annotations

from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid4, uuid5

from eventsourcing.domain import Aggregate

from contracts.api.knowledge import ArticleKind
from runtime.provenance import AuditedEvent, Provenance
from services.knowledge.domain.content import Answering, Content, Revision


class ArticleError(Exception):
    """A command the article's state does not allow (stale revision...)."""


def article_id_for(article_key: str | None) -> UUID:
    """A client's stable key makes creation idempotent; without one, a fresh id."""
    if article_key is None:
        return uuid4()
    return uuid5(NAMESPACE_URL, f"hotline-qa:article:{article_key}")


class RevisionEvent(AuditedEvent):
    """Fields shared by the creation and every later revision (each one is published)."""

    kind: str
    revision: int
    title: str
    body: str
    rule_codes: list[str]
    categories: list[str]
    reason: str
    proposal_id: UUID | None
    audience_agents: list[str]
    audience_teams: list[str]

    def as_revision(self) -> Revision:
        content = Content(self.title, self.body, tuple(self.rule_codes), tuple(self.categories))
        return Revision(
            self.revision,
            content,
            self.reason,
            self.actor,
            self.timestamp,
            self.proposal_id,
            tuple(self.audience_agents),
            tuple(self.audience_teams),
        )


class Article(Aggregate):
    class Created(Aggregate.Created, RevisionEvent):
        article_key: str | None

        def apply(self, aggregate: Article) -> None:
            aggregate.revisions.append(self.as_revision())

    class Revised(RevisionEvent):
        def apply(self, aggregate: Article) -> None:
            aggregate.revisions.append(self.as_revision())

    def __init__(self, kind: str, article_key: str | None) -> None:
        self.kind = kind
        self.article_key = article_key
        self.revisions: list[Revision] = []

    @classmethod
    def create(
        cls,
        article_id: UUID,
        kind: ArticleKind,
        content: Content,
        reason: str,
        provenance: Provenance,
        article_key: str | None = None,
        answering: Answering | None = None,
    ) -> Article:
        return cls._create(
            cls.Created,
            id=article_id,
            article_key=article_key,
            **_revision_kwargs(kind, 1, content, reason, answering, provenance),
        )

    def same_creation(self, kind: ArticleKind, content: Content) -> bool:
        """Whether a repeated create (same `article_key`) asks for what was created."""
        return self.kind == kind and self.revisions[0].content == content

    @property
    def current(self) -> Revision:
        return self.revisions[-1]

    def revise(
        self,
        content: Content,
        reason: str,
        provenance: Provenance,
        expected_revision: int | None = None,
        answering: Answering | None = None,
    ) -> int:
        """A new revision; `expected_revision` guards against overwriting an unseen edit."""
        if expected_revision is not None and expected_revision != self.current.number:
            raise ArticleError(
                f"article is at revision {self.current.number}, not {expected_revision}"
            )
        number = self.current.number + 1
        self.trigger_event(
            self.Revised,
            **_revision_kwargs(self.kind, number, content, reason, answering, provenance),
        )
        return number


def _revision_kwargs(
    kind: str,
    number: int,
    content: Content,
    reason: str,
    answering: Answering | None,
    provenance: Provenance,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "revision": number,
        "title": content.title,
        "body": content.body,
        "rule_codes": list(content.rule_codes),
        "categories": list(content.categories),
        "reason": reason,
        "proposal_id": answering.proposal_id if answering else None,
        "audience_agents": list(answering.agents) if answering else [],
        "audience_teams": list(answering.teams) if answering else [],
        **provenance.event_kwargs(),
    }
