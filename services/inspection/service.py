"""The inspection service, declared: every call inspected on arrival with the rule set in force;
verification of training from later calls."""

from __future__ import annotations

from datetime import datetime

from contracts.inspection import CallReceived, InspectionCompleted
from contracts.ruleset_events import RuleSetPublished
from contracts.training import VerificationRequested
from runtime.declaration import Job, Policy, Projection, ServiceContext, ServiceDeclaration
from runtime.settings import Settings
from services.inspection.api import calls, inspections, verifications
from services.inspection.api.ingest import (
    InvalidBatchError,
    InvalidCallError,
    InvalidJsonError,
    PayloadTooLargeError,
)
from services.inspection.application import (
    CallConflictError,
    CallNotFoundError,
    InspectionApplication,
    NoActiveRuleSetError,
    VerificationNotFoundError,
)
from services.inspection.contract_mapping import to_contract
from services.inspection.jobs import VerificationJob
from services.inspection.readmodel.projector import InspectionProjector
from services.inspection.readmodel.queries import InspectionQueries
from services.inspection.readmodel.rates import ViolationRates
from services.inspection.readmodel.tables import DDL

Context = ServiceContext[InspectionApplication]


def _components(context: Context) -> list[object]:
    rates = ViolationRates(context.pool, context.read_schema)
    return [
        InspectionQueries(context.pool, context.read_schema),
        VerificationJob(context.application, rates),
    ]


async def _check_verifications(context: Context, now: datetime) -> object:
    return await context.get(VerificationJob)(now)


def _environment(settings: Settings) -> dict[str, str]:
    return {"QA_GRADE_THRESHOLDS": settings.grade_thresholds}


SERVICE = ServiceDeclaration(
    name="inspection",
    title="Inspection service",
    application=InspectionApplication,
    to_contract=to_contract,
    routers=[calls.router, inspections.router, verifications.router],
    read_model_ddl=DDL,
    policies=[
        Policy("inspection-rulesets", [RuleSetPublished], InspectionApplication.activate, 10),
        Policy(
            "inspection-verifications",
            [VerificationRequested],
            InspectionApplication.request_verification,
            100,
        ),
    ],
    projections=[
        Projection(
            "inspection-read-model", [CallReceived, InspectionCompleted], InspectionProjector, 1000
        )
    ],
    jobs=[Job("verifications", _check_verifications, lambda c: c.settings.verify_check_seconds)],
    errors={
        NoActiveRuleSetError: 503,
        CallConflictError: 409,
        CallNotFoundError: 404,
        VerificationNotFoundError: 404,
        PayloadTooLargeError: 413,
        InvalidJsonError: 400,
        InvalidCallError: 422,
        InvalidBatchError: 422,
    },
    environment=_environment,
    components=_components,
    unready_reason=InspectionApplication.unready_reason,
)
