"""The knowledge service, declared: articles and answer scripts, the case library, proposals
detected from concentrated findings, the weekly digest."""

from __future__ import annotations

from datetime import datetime

from contracts.inspection import InspectionCompleted
from contracts.knowledge import (
    KnowledgeCaseAdded,
    KnowledgeProposalDecided,
    KnowledgeProposalEvidenceAdded,
    KnowledgeProposalOpened,
    KnowledgeUpdated,
)
from runtime.declaration import Job, Projection, ServiceContext, ServiceDeclaration
from services.knowledge.api import articles, cases, digests, proposals
from services.knowledge.application import KnowledgeApplication, NotFoundError
from services.knowledge.contract_mapping import to_contract
from services.knowledge.domain.article import ArticleError
from services.knowledge.domain.case import CaseError
from services.knowledge.domain.proposal import ProposalDecidedError
from services.knowledge.jobs import KnowledgeJobs
from services.knowledge.readmodel.findings import FindingQueries
from services.knowledge.readmodel.findings_projector import FindingsProjector
from services.knowledge.readmodel.projector import KnowledgeProjector
from services.knowledge.readmodel.queries import KnowledgeQueries
from services.knowledge.readmodel.tables import DDL

Context = ServiceContext[KnowledgeApplication]


def _components(context: Context) -> list[object]:
    findings = FindingQueries(context.pool, context.read_schema)
    queries = KnowledgeQueries(context.pool, context.read_schema)
    return [findings, queries, KnowledgeJobs(context.application, findings, queries)]


async def _detect(context: Context, now: datetime) -> object:
    return await context.get(KnowledgeJobs).detect(now)


async def _publish_digest(context: Context, now: datetime) -> object:
    return await context.get(KnowledgeJobs).publish_digest(now)


def _every(context: Context) -> float:
    return context.application.config.detect_seconds


SERVICE = ServiceDeclaration(
    name="knowledge",
    title="Knowledge service",
    application=KnowledgeApplication,
    to_contract=to_contract,
    routers=[proposals.router, articles.router, cases.router, digests.router],
    read_model_ddl=DDL,
    projections=[
        Projection("knowledge-findings", [InspectionCompleted], FindingsProjector, 1000),
        Projection(
            "knowledge-read-model",
            [
                KnowledgeUpdated,
                KnowledgeCaseAdded,
                KnowledgeProposalOpened,
                KnowledgeProposalEvidenceAdded,
                KnowledgeProposalDecided,
            ],
            KnowledgeProjector,
            200,
        ),
    ],
    jobs=[
        Job("knowledge-detect", _detect, _every),
        Job("knowledge-digest", _publish_digest, _every),
    ],
    errors={NotFoundError: 404, ProposalDecidedError: 409, ArticleError: 409, CaseError: 422},
    components=_components,
)
