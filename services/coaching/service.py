"""The coaching service, declared: monthly selection, plans opened on repeated failures or
ineffective training, sessions and six-week reviews."""

from __future__ import annotations

from datetime import datetime

from contracts.coaching import CoachingPlanOpened, CoachingReviewed, CoachingSessionRecorded
from contracts.inspection import CallReceived, InspectionCompleted, VerificationCompleted
from runtime.declaration import Job, Policy, Projection, ServiceContext, ServiceDeclaration
from services.coaching.api import operations, plans
from services.coaching.application import (
    CoachingApplication,
    PlanAlreadyOpenError,
    UnknownPlanError,
)
from services.coaching.contract_mapping import to_contract
from services.coaching.domain.plan import PlanClosedError
from services.coaching.jobs import CoachingJobs
from services.coaching.readmodel.figures import Figures
from services.coaching.readmodel.performance import PerformanceProjector
from services.coaching.readmodel.plans import PlanProjector
from services.coaching.readmodel.queries import PlanQueries
from services.coaching.readmodel.tables import DDL

Context = ServiceContext[CoachingApplication]


def _components(context: Context) -> list[object]:
    figures = Figures(context.pool, context.read_schema)
    queries = PlanQueries(context.pool, context.read_schema)
    return [figures, queries, CoachingJobs(context.application, figures, queries)]


async def _run_jobs(context: Context, now: datetime) -> object:
    return await context.get(CoachingJobs)(now)


SERVICE = ServiceDeclaration(
    name="coaching",
    title="Coaching service",
    application=CoachingApplication,
    to_contract=to_contract,
    routers=[plans.router, operations.router],
    read_model_ddl=DDL,
    policies=[
        Policy(
            "coaching-verifications",
            [VerificationCompleted],
            CoachingApplication.open_from_verification,
            100,
        )
    ],
    projections=[
        Projection(
            "coaching-performance", [CallReceived, InspectionCompleted], PerformanceProjector, 1000
        ),
        Projection(
            "coaching-plans",
            [CoachingPlanOpened, CoachingSessionRecorded, CoachingReviewed],
            PlanProjector,
            500,
        ),
    ],
    jobs=[Job("coaching", _run_jobs, lambda c: c.application.config.job_seconds)],
    errors={UnknownPlanError: 404, PlanClosedError: 409, PlanAlreadyOpenError: 409},
    components=_components,
)
