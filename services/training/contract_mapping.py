"""Which of the training service's domain events the other services hear of, and in what form."""

from __future__ import annotations

from contracts.training import ProgrammePublished, TrainingCompleted, VerificationRequested
from runtime.mapping import ContractMapping, carry
from services.training.domain import events

to_contract = ContractMapping(
    {
        events.Published: lambda e: ProgrammePublished(programme_id=e.originator_id, **e.draft),
        events.TraineeCompleted: lambda e: carry(
            TrainingCompleted, e, programme_id=e.originator_id
        ),
        events.VerificationRequested: lambda e: carry(
            VerificationRequested, e, programme_id=e.originator_id
        ),
    }
)
