"""Which of the inspection's domain events the other services hear of, and in what form."""

from __future__ import annotations

from contracts.comparison import Counts
from contracts.inspection import CallReceived, InspectionCompleted, VerificationCompleted
from runtime.mapping import ContractMapping, carry
from services.inspection.domain.call import InspectedCall
from services.inspection.domain.verification import Verification


def _verification_completed(event: Verification.Completed) -> VerificationCompleted:
    return carry(
        VerificationCompleted,
        event,
        verification_id=event.originator_id,
        rate_before=Counts(event.calls_before, event.violating_before).rate,
        rate_after=Counts(event.calls_after, event.violating_after).rate,
    )


to_contract = ContractMapping(
    {
        InspectedCall.Received: lambda e: CallReceived.of(e.call),
        InspectedCall.Inspected: lambda e: carry(InspectionCompleted, e),
        Verification.Completed: _verification_completed,
    }
)
