"""The coaching service's event handlers: its relay, and what it consumes."""

from __future__ import annotations

import asyncpg

from contracts.coaching import CoachingPlanOpened, CoachingReviewed, CoachingSessionRecorded
from contracts.inspection import (
    CallReceived,
    InspectionCompleted,
    VerificationCompleted,
)
from contracts.subjects import subject_for
from runtime.consumer import TrackedConsumer
from runtime.relay import OutboxRelay, service_relay
from runtime.service import Worker
from runtime.settings import Settings
from runtime.sinks import ApplicationSink, ReadModelSink
from services.coaching.application import CoachingApplication
from services.coaching.contract_mapping import to_contract
from services.coaching.readmodel.performance import PerformanceProjector
from services.coaching.readmodel.plans import PlanProjector

PRODUCER = "coaching"
VERIFICATIONS_CONSUMER = "coaching-verifications"
PERFORMANCE_CONSUMER = "coaching-performance"
PLANS_CONSUMER = "coaching-plans"


def relay(app: CoachingApplication, settings: Settings) -> OutboxRelay:
    return service_relay(app, PRODUCER, settings, to_contract)


def verification_consumer(app: CoachingApplication, namespace: str) -> TrackedConsumer:
    """VerificationCompleted (ineffective) → a coaching plan for the agent."""
    subject = subject_for(namespace, "inspection", VerificationCompleted.__name__)
    sink = ApplicationSink(app, app.open_from_verification)
    return TrackedConsumer(namespace, VERIFICATIONS_CONSUMER, [subject], sink, batch_size=100)


def performance_consumer(pool: asyncpg.Pool, schema: str, namespace: str) -> TrackedConsumer:
    """The inspection service's calls, results and findings → one row per call."""
    events = (CallReceived, InspectionCompleted)
    subjects = [subject_for(namespace, "inspection", e.__name__) for e in events]
    sink = ReadModelSink(pool, schema, PERFORMANCE_CONSUMER, PerformanceProjector(schema))
    return TrackedConsumer(namespace, PERFORMANCE_CONSUMER, subjects, sink, batch_size=1000)


def plans_consumer(pool: asyncpg.Pool, schema: str, namespace: str) -> TrackedConsumer:
    """Our own plan events → the plans table."""
    events = (CoachingPlanOpened, CoachingSessionRecorded, CoachingReviewed)
    subjects = [subject_for(namespace, PRODUCER, e.__name__) for e in events]
    sink = ReadModelSink(pool, schema, PLANS_CONSUMER, PlanProjector(schema))
    return TrackedConsumer(namespace, PLANS_CONSUMER, subjects, sink, batch_size=500)


def all_workers(
    app: CoachingApplication, outbox: OutboxRelay, pool: asyncpg.Pool, schema: str, namespace: str
) -> list[Worker]:
    return [
        outbox.run,
        verification_consumer(app, namespace).run,
        performance_consumer(pool, schema, namespace).run,
        plans_consumer(pool, schema, namespace).run,
    ]
