"""Articles: create, revise (a new revision with its reason), search, read with history."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response

from contracts.api.knowledge import (
    ArticleIn,
    ArticleOut,
    ArticlePage,
    ArticleRevisionIn,
)
from contracts.queries import ArticleListQuery
from services.knowledge.api.deps import ActorDep, ApplicationDep, QueriesDep
from services.knowledge.api.views import article_out
from services.knowledge.domain.content import Content, ContentChanges

router = APIRouter(prefix="/v1/knowledge/articles", tags=["knowledge"])


@router.post("", status_code=201)
def create_article(
    body: ArticleIn, response: Response, application: ApplicationDep, actor: ActorDep
) -> ArticleOut:
    """Revision 1 of a new article; with an `article_key` a repeat returns it (200)."""
    content = Content(body.title, body.body, tuple(body.rule_codes), tuple(body.categories))
    article, created = application.create_article(
        body.kind, content, body.reason, actor, body.article_key
    )
    if not created:
        response.status_code = 200
    return article_out(article)


@router.put("/{article_id}")
def revise_article(
    article_id: UUID, body: ArticleRevisionIn, application: ApplicationDep, actor: ActorDep
) -> ArticleOut:
    """A new revision; the earlier ones stay readable."""
    changes = ContentChanges(body.title, body.body, body.rule_codes, body.categories)
    article = application.revise_article(
        article_id, body.reason, actor, changes, body.expected_revision
    )
    return article_out(article)


@router.get("")
async def list_articles(
    query: Annotated[ArticleListQuery, Query()], queries: QueriesDep
) -> ArticlePage:
    """Latest revisions first; `q` matches articles containing every word of it."""
    return await queries.articles(query)


@router.get("/{article_id}")
def read_article(article_id: UUID, application: ApplicationDep) -> ArticleOut:
    """The current revision and every revision, with author, reason and time."""
    return article_out(application.article(article_id))
