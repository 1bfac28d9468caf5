"""The training service, declared: programmes from knowledge updates and the weekly digest, a
cascade to agents, quizzes, and verification requested once an agent is trained."""

from __future__ import annotations

from contracts.inspection import VerificationCompleted
from contracts.knowledge import KnowledgeUpdated, WeeklyDigestPublished
from contracts.training import ProgrammePublished, TrainingCompleted, VerificationRequested
from runtime.declaration import Policy, Projection, ServiceDeclaration
from services.training.api import learning, programmes, verifications
from services.training.application import TrainingApplication, UnknownProgrammeError
from services.training.contract_mapping import to_contract
from services.training.domain.errors import InvalidInputError, ProgrammeError
from services.training.readmodel.projector import TrainingProjector
from services.training.readmodel.queries import TrainingQueries
from services.training.readmodel.tables import DDL

SERVICE = ServiceDeclaration(
    name="training",
    title="Training service",
    application=TrainingApplication,
    to_contract=to_contract,
    routers=[programmes.router, learning.router, verifications.router],
    read_model_ddl=DDL,
    policies=[
        Policy(
            "training-knowledge",
            [KnowledgeUpdated, WeeklyDigestPublished],
            TrainingApplication.on_knowledge_event,
            50,
        ),
        Policy(
            "training-verifications",
            [VerificationCompleted],
            TrainingApplication.on_verification_completed,
            50,
        ),
    ],
    projections=[
        Projection(
            "training-read-model",
            [ProgrammePublished, TrainingCompleted, VerificationRequested],
            TrainingProjector,
            500,
        ),
        Projection("training-read-model-outcomes", [VerificationCompleted], TrainingProjector, 500),
    ],
    errors={UnknownProgrammeError: 404, InvalidInputError: 422, ProgrammeError: 409},
    components=lambda context: [TrainingQueries(context.pool, context.read_schema)],
)
