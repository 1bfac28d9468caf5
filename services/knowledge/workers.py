"""The knowledge service's event handlers: its relay, its consumers and its scheduler."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from contracts.inspection import InspectionCompleted, IssueFound
from contracts.knowledge import (
    KnowledgeCaseAdded,
    KnowledgeProposalDecided,
    KnowledgeProposalEvidenceAdded,
    KnowledgeProposalOpened,
    KnowledgeUpdated,
)
from contracts.subjects import subject_for
from runtime.clock import Clock
from runtime.consumer import TrackedConsumer
from runtime.relay import OutboxRelay, service_relay
from runtime.scheduler import Scheduler
from runtime.service import Worker
from runtime.settings import Settings
from runtime.sinks import ReadModelSink
from services.knowledge.application import KnowledgeApplication
from services.knowledge.contract_mapping import to_contract
from services.knowledge.readmodel.findings_projector import FindingsProjector
from services.knowledge.readmodel.projector import KnowledgeProjector

PRODUCER = "knowledge"
FINDINGS_CONSUMER = "knowledge-findings"
READ_MODEL_CONSUMER = "knowledge-read-model"


def relay(app: KnowledgeApplication, settings: Settings) -> OutboxRelay:
    return service_relay(app, PRODUCER, settings, to_contract)


def findings_consumer(pool: asyncpg.Pool, schema: str, namespace: str) -> TrackedConsumer:
    """IssueFound and InspectionCompleted → the findings and inspected calls detection counts."""
    subjects = [
        subject_for(namespace, "inspection", IssueFound.__name__),
        subject_for(namespace, "inspection", InspectionCompleted.__name__),
    ]
    sink = ReadModelSink(pool, schema, FINDINGS_CONSUMER, FindingsProjector(schema))
    return TrackedConsumer(namespace, FINDINGS_CONSUMER, subjects, sink, batch_size=1000)


def read_model_consumer(pool: asyncpg.Pool, schema: str, namespace: str) -> TrackedConsumer:
    subjects = [
        subject_for(namespace, PRODUCER, event.__name__)
        for event in (
            KnowledgeUpdated,
            KnowledgeCaseAdded,
            KnowledgeProposalOpened,
            KnowledgeProposalEvidenceAdded,
            KnowledgeProposalDecided,
        )
    ]
    sink = ReadModelSink(pool, schema, READ_MODEL_CONSUMER, KnowledgeProjector(schema))
    return TrackedConsumer(namespace, READ_MODEL_CONSUMER, subjects, sink, batch_size=200)


def detection_scheduler(
    app: KnowledgeApplication, outbox: OutboxRelay, clock: Clock, seconds: float
) -> Scheduler:
    """Runs detection, and publishes the last week's digest once, at the service clock's
    time every `seconds`."""

    def detect(now: datetime) -> None:
        if app.detect(now):
            outbox.wake()

    def digest(now: datetime) -> None:
        if app.publish_digest(now)[1]:
            outbox.wake()

    scheduler = Scheduler(clock, seconds)
    scheduler.add("knowledge-detect", detect)
    scheduler.add("knowledge-digest", digest)
    return scheduler


def all_workers(
    app: KnowledgeApplication,
    outbox: OutboxRelay,
    pool: asyncpg.Pool,
    schema: str,
    namespace: str,
    scheduler: Scheduler,
) -> list[Worker]:
    return [
        outbox.run,
        findings_consumer(pool, schema, namespace).run,
        read_model_consumer(pool, schema, namespace).run,
        scheduler.run,
    ]
