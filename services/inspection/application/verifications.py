"""Commands of training verification: requested by the training service, completed by the
periodic job once the agent's later calls can tell (see domain/verification.py)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, cast
from uuid import UUID

from eventsourcing.domain import Aggregate, MutableOrImmutableAggregate
from eventsourcing.persistence import IntegrityError

from contracts.comparison import Counts
from contracts.envelope import Envelope
from contracts.training import VerificationRequested
from runtime.eventstore import ServiceApplication
from runtime.provenance import Provenance
from services.inspection.domain.verification import (
    QUEUE_ID,
    Verification,
    VerificationQueue,
)


class VerificationCommands(ServiceApplication):
    snapshotting_intervals: ClassVar[dict[type[MutableOrImmutableAggregate[UUID]], int]] = {
        VerificationQueue: 50
    }
    """The queue lives as long as the service: load it from a recent snapshot."""

    def request_verification(self, envelope: Envelope) -> list[Aggregate]:
        """Policy for VerificationRequested: one verification per id, queued for the job."""
        request = VerificationRequested.model_validate(envelope.payload)
        if self.verification(request.verification_id) is not None:
            return []
        by = Provenance(envelope.actor, envelope.correlation_id, str(envelope.event_id))
        verification = Verification._create(
            Verification.Requested,
            id=request.verification_id,
            case_id=envelope.correlation_id,
            programme_id=str(request.programme_id),
            agent_id=request.agent_id,
            rule_codes=request.rule_codes,
            trained_at=request.trained_at,
            window_days=request.window_days,
            min_calls=request.min_calls,
            **by.event_kwargs(),
        )
        queue = self._queue() or VerificationQueue.start(by)
        queue.queue(verification.id, by)
        return [verification, queue]

    def verification(self, verification_id: UUID) -> Verification | None:
        return self.find(verification_id, Verification)

    def pending_verifications(self) -> list[Verification]:
        queue = self._queue()
        pending = queue.pending if queue else []
        return [cast(Verification, self.repository.get(v)) for v in pending]

    def complete_verification(
        self, verification_id: UUID, before: Counts, after: Counts, now: datetime
    ) -> Verification:
        """A request saved meanwhile moves the queue on: the save then fails, and one retry
        sees the queue as it is."""
        try:
            return self._complete(verification_id, before, after, now)
        except IntegrityError:
            return self._complete(verification_id, before, after, now)

    def _complete(
        self, verification_id: UUID, before: Counts, after: Counts, now: datetime
    ) -> Verification:
        verification = cast(Verification, self.repository.get(verification_id))
        queue = self._queue()
        if verification.outcome is None and queue is not None:
            by = Provenance.system(verification.case_id)
            verification.complete(before, after, now, by)
            queue.done(verification_id, by)
            self.save(verification, queue)
        return verification

    def _queue(self) -> VerificationQueue | None:
        return self.find(QUEUE_ID, VerificationQueue)
