"""Verifying training: requested by the training service, queued, and completed by the
periodic job (jobs.py) once the agent's later calls can tell (see domain/verification.py)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from eventsourcing.domain import Aggregate, MutableOrImmutableAggregate

from contracts.comparison import Counts
from contracts.envelope import Envelope
from contracts.training import VerificationRequested
from runtime.eventstore import ServiceApplication, retry_on_conflict
from runtime.provenance import Provenance
from services.inspection.domain.verification import QUEUE_ID, Verification, VerificationQueue


class VerificationNotFoundError(LookupError):
    code = "not_found"


class VerificationCommands(ServiceApplication):
    snapshotting_intervals: ClassVar[dict[type[MutableOrImmutableAggregate[UUID]], int]] = {
        VerificationQueue: 50
    }
    """The queue lives as long as the service: load it from a recent snapshot."""

    def request_verification(self, envelope: Envelope) -> list[Aggregate]:
        """Policy for VerificationRequested: one verification per id, queued for the job."""
        request = VerificationRequested.model_validate(envelope.payload)
        if self.find(request.verification_id, Verification) is not None:
            return []
        by = Provenance(envelope.actor, envelope.correlation_id, str(envelope.event_id))
        verification = Verification.request(request, envelope.correlation_id, by)
        queue = self._queue() or VerificationQueue.start(by)
        queue.queue(verification.id, by)
        return [verification, queue]

    def verification(self, verification_id: UUID) -> Verification:
        verification = self.find(verification_id, Verification)
        if verification is None:
            raise VerificationNotFoundError(f"no verification {verification_id}")
        return verification

    def pending_verifications(self) -> list[Verification]:
        queue = self._queue()
        return [self.verification(v) for v in queue.pending] if queue else []

    @retry_on_conflict
    def complete_verification(
        self, verification_id: UUID, before: Counts, after: Counts, now: datetime
    ) -> Verification:
        """Judge from the counts the job read at `now`; a verification is completed once.

        A request saved meanwhile moves the queue on, so this save fails; the retry sees the
        queue as it is.
        """
        verification = self.verification(verification_id)
        queue = self._queue()
        if verification.outcome is None and queue is not None:
            by = Provenance.system(verification.case_id)
            verification.complete(before, after, now, by)
            queue.done(verification_id, by)
            self.save(verification, queue)
        return verification

    def _queue(self) -> VerificationQueue | None:
        return self.find(QUEUE_ID, VerificationQueue)
