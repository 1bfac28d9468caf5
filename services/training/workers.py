"""The training service's event handlers: its relay, what it consumes, its read model."""

from __future__ import annotations

import asyncpg

from contracts.inspection import VerificationCompleted
from contracts.knowledge import KnowledgeUpdated, WeeklyDigestPublished
from contracts.subjects import subject_for
from contracts.training import ProgrammePublished, TrainingCompleted, VerificationRequested
from runtime.consumer import TrackedConsumer
from runtime.relay import OutboxRelay, service_relay
from runtime.service import Worker
from runtime.settings import Settings
from runtime.sinks import ApplicationSink, ReadModelSink
from services.training.application import TrainingApplication
from services.training.contract_mapping import to_contract
from services.training.readmodel.projector import TrainingProjector

PRODUCER = "training"
KNOWLEDGE_CONSUMER = "training-knowledge"
VERIFICATIONS_CONSUMER = "training-verifications"
READ_MODEL_CONSUMER = "training-read-model"
READ_MODEL_OUTCOMES_CONSUMER = "training-read-model-outcomes"


def relay(app: TrainingApplication, settings: Settings) -> OutboxRelay:
    return service_relay(app, PRODUCER, settings, to_contract)


def _verification_completed(namespace: str) -> str:
    return subject_for(namespace, "inspection", VerificationCompleted.__name__)


def knowledge_consumer(app: TrainingApplication, namespace: str) -> TrackedConsumer:
    """KnowledgeUpdated, WeeklyDigestPublished → a published programme, recorded in our own
    event store."""
    subjects = [
        subject_for(namespace, "knowledge", event.__name__)
        for event in (KnowledgeUpdated, WeeklyDigestPublished)
    ]
    sink = ApplicationSink(app, app.on_knowledge_event)
    return TrackedConsumer(namespace, KNOWLEDGE_CONSUMER, subjects, sink, batch_size=50)


def verifications_consumer(app: TrainingApplication, namespace: str) -> TrackedConsumer:
    """VerificationCompleted → the outcome, recorded on the programme that asked for it."""
    sink = ApplicationSink(app, app.on_verification_completed)
    subjects = [_verification_completed(namespace)]
    return TrackedConsumer(namespace, VERIFICATIONS_CONSUMER, subjects, sink, batch_size=50)


def read_model_consumers(pool: asyncpg.Pool, schema: str, namespace: str) -> list[TrackedConsumer]:
    """Our own contract events, and the inspection's outcomes, each in their own consumer."""
    ours = [
        subject_for(namespace, PRODUCER, event.__name__)
        for event in (ProgrammePublished, TrainingCompleted, VerificationRequested)
    ]
    project = TrainingProjector(schema)
    return [
        TrackedConsumer(
            namespace, name, subjects, ReadModelSink(pool, schema, name, project), batch_size=500
        )
        for name, subjects in (
            (READ_MODEL_CONSUMER, ours),
            (READ_MODEL_OUTCOMES_CONSUMER, [_verification_completed(namespace)]),
        )
    ]


def all_workers(
    app: TrainingApplication, outbox: OutboxRelay, pool: asyncpg.Pool, schema: str, namespace: str
) -> list[Worker]:
    return [
        outbox.run,
        knowledge_consumer(app, namespace).run,
        verifications_consumer(app, namespace).run,
        *(consumer.run for consumer in read_model_consumers(pool, schema, namespace)),
    ]
