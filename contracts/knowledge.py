"""Integration events of the knowledge service: proposals to update the knowledge base, their
decisions, and published article revisions (what training builds on)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from contracts.events import IntegrationEvent, register


class FindingRef(BaseModel):
    """A finding that motivated a proposal: which call, which rule, what was said."""

    model_config = ConfigDict(frozen=True)

    call_id: str
    rule_code: str
    agent_id: str
    team_id: str
    category: str | None = None
    matched_text: str | None = None
    inspected_at: datetime


@register
class KnowledgeProposalOpened(IntegrationEvent):
    """Findings crossed a threshold, or an inspector flagged a knowledge gap."""

    producer = "knowledge"

    proposal_id: UUID
    rule_code: str
    category: str | None = None
    trigger: Literal["threshold", "flagged"]
    finding_count: int = Field(ge=0)
    call_share: float | None = Field(default=None, ge=0, le=1)
    window_start: datetime | None = None
    window_end: datetime | None = None
    evidence: list[FindingRef] = Field(default_factory=list)


@register
class KnowledgeCaseAdded(IntegrationEvent):
    """A call entered the case library (案例库): common problem, good handling of an
    error-prone question, disputed (with its settled answer), benchmark or moving."""

    producer = "knowledge"

    case_id: UUID
    kind: str
    title: str
    summary: str = ""
    call_id: str
    rule_codes: list[str] = Field(default_factory=list)
    settled_answer: str | None = None


@register
class KnowledgeProposalEvidenceAdded(IntegrationEvent):
    """An inspector flagged a finding of an open proposal's group: one more piece of evidence."""

    producer = "knowledge"

    proposal_id: UUID
    finding: FindingRef


@register
class KnowledgeProposalDecided(IntegrationEvent):
    """An editor approved a proposal (with the article revision that answers it) or rejected
    it (with the reason)."""

    producer = "knowledge"

    proposal_id: UUID
    decision: Literal["approved", "rejected"]
    reason: str
    article_id: UUID | None = None
    revision: int | None = None


@register
class KnowledgeUpdated(IntegrationEvent):
    """A revision of an article (answer script, FAQ, process, policy) was published."""

    producer = "knowledge"

    article_id: UUID
    revision: int = Field(ge=1)
    kind: str
    title: str
    body: str = Field(default="", description="the revision's text (answer script, FAQ ...)")
    rule_codes: list[str] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    reason: str
    proposal_id: UUID | None = None
    audience_agents: list[str] = Field(
        default_factory=list, description="agents whose findings led to the revision"
    )
    audience_teams: list[str] = Field(default_factory=list)


class DigestItem(BaseModel):
    """One concentrated problem of the week: a rule (in a category) and who it concerns."""

    model_config = ConfigDict(frozen=True)

    rule_code: str
    category: str | None = None
    call_count: int = Field(ge=0)
    call_share: float | None = Field(default=None, ge=0, le=1)
    agents: list[str] = Field(default_factory=list)
    teams: list[str] = Field(default_factory=list)
    article_ids: list[UUID] = Field(
        default_factory=list, description="articles tagged with the rule (what to teach)"
    )


@register
class WeeklyDigestPublished(IntegrationEvent):
    """The week's most concentrated and prominent problems (seed 000), for training."""

    producer = "knowledge"

    digest_id: UUID
    week_start: datetime
    week_end: datetime
    items: list[DigestItem] = Field(default_factory=list)
