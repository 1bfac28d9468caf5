"""The inspection service's event handlers: its relay, and what it consumes."""

from __future__ import annotations

import asyncpg

from contracts.inspection import CallReceived, InspectionCompleted
from contracts.ruleset_events import RuleSetPublished
from contracts.subjects import subject_for
from contracts.training import VerificationRequested
from runtime.consumer import TrackedConsumer
from runtime.relay import OutboxRelay, service_relay
from runtime.service import Worker
from runtime.settings import Settings
from runtime.sinks import ApplicationSink, ReadModelSink
from services.inspection.application import InspectionApplication
from services.inspection.contract_mapping import to_contract
from services.inspection.readmodel.projector import InspectionProjector

PRODUCER = "inspection"
RULESETS_CONSUMER = "inspection-rulesets"
READ_MODEL_CONSUMER = "inspection-read-model"
VERIFICATIONS_CONSUMER = "inspection-verifications"


def relay(app: InspectionApplication, settings: Settings) -> OutboxRelay:
    return service_relay(app, PRODUCER, settings, to_contract)


def ruleset_consumer(app: InspectionApplication, namespace: str) -> TrackedConsumer:
    """RuleSetPublished → the version in force, recorded in our own event store."""
    subject = subject_for(namespace, "rules", RuleSetPublished.__name__)
    sink = ApplicationSink(app, app.activate)
    return TrackedConsumer(namespace, RULESETS_CONSUMER, [subject], sink, batch_size=10)


def verification_consumer(app: InspectionApplication, namespace: str) -> TrackedConsumer:
    """VerificationRequested → a verification queued for the periodic job."""
    subject = subject_for(namespace, "training", VerificationRequested.__name__)
    sink = ApplicationSink(app, app.request_verification)
    return TrackedConsumer(namespace, VERIFICATIONS_CONSUMER, [subject], sink, batch_size=100)


def read_model_consumer(pool: asyncpg.Pool, schema: str, namespace: str) -> TrackedConsumer:
    subjects = [
        subject_for(namespace, PRODUCER, CallReceived.__name__),
        subject_for(namespace, PRODUCER, InspectionCompleted.__name__),
    ]
    sink = ReadModelSink(pool, schema, READ_MODEL_CONSUMER, InspectionProjector(schema))
    return TrackedConsumer(namespace, READ_MODEL_CONSUMER, subjects, sink, batch_size=1000)


def all_workers(
    app: InspectionApplication, outbox: OutboxRelay, pool: asyncpg.Pool, schema: str, namespace: str
) -> list[Worker]:
    return [
        outbox.run,
        ruleset_consumer(app, namespace).run,
        verification_consumer(app, namespace).run,
        read_model_consumer(pool, schema, namespace).run,
    ]
